// ParseOptions and FileStats: what every format mapper takes and returns.
#pragma once

#include <map>
#include <string>

#include "agmon/core/mark_table.h"
#include "agmon/ingest/file_kind.h"

namespace agmon::ingest {

struct ParseOptions {
  // The district's mark table; nullptr = core::MarkTable::defaults().
  const core::MarkTable* marks = nullptr;
  // The file name used in messages and row errors; blank = the path's last component.
  std::string display_name;
  // The district's settings (etc/agmon.properties), for format options such as
  // ingest.calpads.layout or ingest.oneroster.score_marks; nullptr = every default.
  const std::map<std::string, std::string>* config = nullptr;
};

// options.config[key] when set and not blank, else `fallback`.
inline std::string config_value(const ParseOptions& options, const std::string& key,
                                const std::string& fallback = "") {
  if (options.config == nullptr) return fallback;
  auto it = options.config->find(key);
  return it == options.config->end() || it->second.empty() ? fallback : it->second;
}

// Counts for one file. rows_read = rows_emitted + rows_quarantined (the header is not a row).
struct FileStats {
  FileKind kind = FileKind::kUnknown;
  long rows_read = 0;
  long rows_emitted = 0;
  long rows_quarantined = 0;
  long warnings = 0;  // sink.on_warning calls, the unknown-columns note included
};

// The last component of a path ("/in/students.csv" -> "students.csv").
std::string base_name(const std::string& path);

}  // namespace agmon::ingest
