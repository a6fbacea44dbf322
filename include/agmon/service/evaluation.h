// Evaluation use cases: evaluate students with the pure A-G engine and store the results
// (flat columns for gaps and alerts, the report JSON for lookups).
#pragma once

#include <optional>
#include <string>

#include "agmon/core/report.h"
#include "agmon/core/result.h"
#include "agmon/service/settings.h"
#include "agmon/store/database.h"

namespace agmon::service {

// The school year evaluations are made "as of": the config key agmon.school_year when set,
// else the latest academic_year among the stored marks.
std::string as_of_year(store::Database& db, const Settings& settings);

// Evaluates every student listed in the TEMP table touched_students and stores the results.
// Before overwriting, the previous flags are kept in TEMP previous_evaluations (for the
// AG_STATUS_CHANGED alert), and each student's alert findings are staged (TEMP staged_alerts)
// for refresh_alerts(); when no alert is stored yet, they are written as open alerts, opened
// `now` (an ISO timestamp) by `import_id`, with nothing left to diff. Returns the number of
// students evaluated.
long evaluate_touched(store::Database& db, const Settings& settings, const std::string& year,
                      std::optional<long> import_id, const std::string& now);

// Evaluates one student from the stored data (no storing).
core::Result<core::StudentReport> evaluate_student(store::Database& db, const Settings& settings,
                                                   const std::string& student_id);

}  // namespace agmon::service
