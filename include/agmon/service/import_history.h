// The import history use case (GET /api/v1/imports, /api/v1/imports/{id}): every import call
// (CLI, HTTP upload, inbox) with its files, its stored report and its quarantined rows.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agmon/core/result.h"
#include "agmon/store/database.h"
#include "agmon/store/import_repo.h"

namespace agmon::service {

struct ImportSummary {
  long import_id = 0;
  std::string started_at;
  std::string finished_at;  // "" while running
  std::string mode;
  std::string origin;       // cli / http / inbox
  std::string outcome;      // applied / applied_with_quarantine / rejected / failed / running
  long rows_read = 0, rows_applied = 0, rows_changed = 0, rows_quarantined = 0, rows_removed = 0;
  long students_evaluated = 0, alerts_opened = 0, alerts_resolved = 0;
  double seconds = 0;
  std::string message;
};

// The stored rows as the store reads them (store/import_repo.h).
using ImportFileRow = store::ImportFileRecord;
using QuarantinedRow = store::QuarantinedRecord;

struct ImportPage {
  std::vector<ImportSummary> imports;  // newest first
  std::string next_cursor;             // "" on the last page
};

struct ImportDetail {
  ImportSummary summary;
  std::string report_json;             // the stored report (without its row lists)
  std::vector<ImportFileRow> files;
  std::vector<QuarantinedRow> quarantined;  // one page, by file and line
  std::string next_cursor;             // for the next page of quarantined rows
};

// Newest first. kInvalidArgument for a bad limit (1..1000) or cursor.
core::Result<ImportPage> list_imports(store::Database& db, int limit, const std::string& cursor);
// One import with a page of its quarantined rows; kNotFound when there is no such import.
core::Result<ImportDetail> import_detail(store::Database& db, long import_id, int limit,
                                         const std::string& cursor);

std::string import_page_json(const ImportPage& page);
std::string import_detail_json(const ImportDetail& detail);

// Totals for monitoring (/metrics): imports per outcome, rows applied and quarantined.
struct ImportTotals {
  std::map<std::string, long> imports_by_outcome;
  long rows_applied = 0;
  long rows_quarantined = 0;
};
core::Result<ImportTotals> import_totals(store::Database& db);

}  // namespace agmon::service
