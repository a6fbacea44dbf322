// The import history: one `imports` row per call, its files and quarantined rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/ingest/record_sink.h"
#include "agmon/service/importer.h"
#include "agmon/store/database.h"

namespace agmon::service {

class StagingSink;

// Inside the import transaction: the row that finish_import_record() completes.
long begin_import_record(store::Database& db, const ImportReport& report,
                         const std::string& started_at, const std::string& origin);
// Inside the import transaction: files, quarantined rows and the final counts.
void finish_import_record(store::Database& db, const ImportReport& report);
// After a rejected call was rolled back: records the refusal and its quarantined rows in a
// transaction of its own, so the history shows why. Returns the new id (none on failure).
std::optional<long> record_refused_import(const std::string& db_path, const ImportReport& report,
                                          const std::string& started_at, const std::string& origin);

// Fills ag_area and honors of catalog courses from the UC A-G course list (formats.md §4).
void apply_ag_course_list(store::Database& db, std::vector<ingest::AgCourseListEntry>& entries,
                          StagingSink& sink, ImportReport& report);

}  // namespace agmon::service
