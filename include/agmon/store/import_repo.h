// ImportRepo: the import history (imports, import_files, quarantined_rows). An import call
// writes its row, files and quarantined rows inside its own transaction; the API and
// /metrics read them back. Values are stored as given: the service decides what they say.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/store/database.h"

namespace agmon::store {

// One row of `imports`.
struct ImportRecord {
  long import_id = 0;
  std::string started_at;
  std::string finished_at;  // "" while running
  std::string mode;
  std::string origin;
  std::string outcome;
  long rows_read = 0, rows_applied = 0, rows_changed = 0, rows_quarantined = 0, rows_removed = 0;
  long students_evaluated = 0, alerts_opened = 0, alerts_resolved = 0;
  double seconds = 0;
  std::string message;
  std::string report_json;  // written by finish(), read back by find() only
};

// One row of `import_files`.
struct ImportFileRecord {
  std::string file;
  std::string kind;
  std::string sha256;
  long rows_read = 0;
  long rows_quarantined = 0;
};

// One row of `quarantined_rows`.
struct QuarantinedRecord {
  long row_id = 0;  // the paging key, set when read back (ignored when written)
  std::string file;
  long line = 0;
  std::string column;
  std::string value;
  std::string kind;
  std::string reason;
  std::string raw;
};

// Imports of one outcome, for monitoring.
struct ImportOutcomeTotals {
  std::string outcome;
  long imports = 0;
  long rows_applied = 0;
  long rows_quarantined = 0;
};

class ImportRepo {
 public:
  explicit ImportRepo(Database& db) : db_(db) {}

  // ---- Writing one call's record (inside its transaction) -------------------------------
  // A new import, outcome "running"; returns its id.
  long begin(const std::string& started_at, const std::string& mode, const std::string& origin);
  // Files of the import (a file named twice keeps its last row).
  void add_files(long import_id, const std::vector<ImportFileRecord>& files);
  void add_quarantined(long import_id, const std::vector<QuarantinedRecord>& rows);
  // Writes finished_at, the outcome, the counts, the message and the report of
  // `record.import_id` (started_at, mode and origin are left as begun).
  void finish(const ImportRecord& record);

  // ---- Reading the history ---------------------------------------------------------------
  // At most `limit` imports with an id below `before_id` (0 = no bound), newest first
  // (report_json left empty).
  std::vector<ImportRecord> newest(long before_id, int limit);
  // One import with its report_json.
  std::optional<ImportRecord> find(long import_id);
  // Its files, in the order they were added.
  std::vector<ImportFileRecord> files_of(long import_id);
  // At most `limit` of its quarantined rows with a row id above `after_row_id`, in the order
  // they were added.
  std::vector<QuarantinedRecord> quarantined_of(long import_id, long after_row_id, int limit);
  // One entry per outcome present.
  std::vector<ImportOutcomeTotals> totals_by_outcome();

 private:
  Database& db_;
};

}  // namespace agmon::store
