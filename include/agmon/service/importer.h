// The import use case: detect each file's kind, parse and validate it, stage every accepted
// row, judge orphans and duplicates, merge, re-evaluate the students it touched and update
// alerts — all in ONE transaction (interfaces.md "Import semantics").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "agmon/core/mark_table.h"
#include "agmon/ingest/row_error.h"
#include "agmon/service/settings.h"
#include "agmon/store/import_stage.h"

namespace agmon::service {

// Exit codes of `agmon import` (interfaces.md).
inline constexpr int kImportApplied = 0;
inline constexpr int kImportFailed = 1;
inline constexpr int kImportRejected = 2;
inline constexpr int kImportAppliedWithQuarantine = 3;

struct ImportOptions {
  store::ImportMode mode = store::ImportMode::kIncremental;
  bool dry_run = false;
  double max_reject_rate = 0.01;
  std::string origin = "cli";  // cli / http / inbox
  // File names shown in the report (default: the path's last component), parallel to paths.
  std::vector<std::string> display_names;
  // Called now and then with a one-line status ("course_marks.csv: 400000 rows").
  std::function<void(const std::string&)> progress;
  int busy_timeout_ms = 30000;  // how long a second import waits for the first
  // Runs the import (and its evaluation threads) in a thread of its own at this much lower CPU
  // priority (nice). The daemon uses kBackgroundImportNice so that counselors' reads stay
  // fast while a nightly import runs on the same cores; the caller's thread is unchanged.
  int nice = 0;
};

inline constexpr int kBackgroundImportNice = 10;

struct ImportFileReport {
  std::string file;
  std::string kind;
  std::string sha256;
  long rows_read = 0;
  long rows_quarantined = 0;
  long warnings = 0;
};

struct ImportReport {
  std::optional<long> import_id;  // none for dry runs and failures before the first write
  std::string mode;
  std::string outcome;  // applied / applied_with_quarantine / rejected / failed / dry_run
  int exit_code = kImportFailed;
  std::string message;  // one line: why rejected/failed, or a summary
  std::vector<ImportFileReport> files;
  long rows_read = 0;
  long rows_applied = 0;   // accepted rows (new, changed or unchanged)
  long rows_changed = 0;   // rows inserted or updated
  long rows_removed = 0;   // full mode
  long rows_quarantined = 0;
  long students_evaluated = 0;
  long alerts_opened = 0;
  long alerts_resolved = 0;
  double seconds = 0;
  // Seconds spent per phase (read, merge, evaluate, alerts, record), for operators and benches.
  std::vector<std::pair<std::string, double>> phases;
  bool dry_run = false;
  std::vector<ingest::RowError> quarantined;  // every quarantined row
  std::vector<std::string> warnings;          // "file:line: message", the first 1000
  long warnings_total = 0;
};

// Runs one import call against the database at `db_path`. Never throws.
ImportReport run_import(const std::string& db_path, const std::vector<std::string>& paths,
                        const ImportOptions& options, const Settings& settings);

// The report as JSON (the `--json` output and the stored report) and as text.
std::string import_report_json(const ImportReport& report, bool include_rows = true);
std::string import_report_text(const ImportReport& report);

}  // namespace agmon::service
