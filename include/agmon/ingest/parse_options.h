// ParseOptions and FileStats: what every format mapper takes and returns.
#pragma once

#include <string>

#include "agmon/core/mark_table.h"
#include "agmon/ingest/file_kind.h"

namespace agmon::ingest {

struct ParseOptions {
  // The district's mark table; nullptr = core::MarkTable::defaults().
  const core::MarkTable* marks = nullptr;
  // The file name used in messages and row errors; blank = the path's last component.
  std::string display_name;
};

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
