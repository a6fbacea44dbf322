// Student alerts computed during evaluation: the StudentReport is in hand there, so each
// evaluated student's findings are worked out alongside it (in the worker threads) and staged
// in a TEMP table for refresh_alerts() to diff, or, when no alert is stored yet (a district's
// first import), written as open alerts while the workers evaluate the next students, instead
// of all at the end on one thread. Internal to the service layer.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "agmon/core/alert_rules.h"
#include "agmon/service/settings.h"
#include "agmon/store/alert_repo.h"
#include "agmon/store/database.h"

namespace agmon::service {

class StudentAlertStager {
 public:
  // Reads the schools offering AP in `year` and starts an empty staging table, or, when no
  // alert is stored yet, writes the findings straight into the alerts table as open alerts
  // opened `now` by `import_id` (store::AlertRepo::begin_student_findings()).
  StudentAlertStager(store::Database& db, const Settings& settings, const std::string& year,
                     std::optional<long> import_id, const std::string& now);
  // Reads the other rule inputs (previous flags from TEMP previous_evaluations, open
  // AG_STATUS_CHANGED alerts) of the touched students with ids in [first_id, last_id],
  // replacing the previous range's: call before findings() for those students, on the SQLite
  // thread, while no findings() call runs. One batch at a time keeps memory flat at any size.
  void load_students(const std::string& first_id, const std::string& last_id);

  // The findings for one evaluated student. Const and read-only: safe from worker threads.
  std::vector<core::AlertFinding> findings(const core::StudentReport& report) const;
  // Stages findings (SQLite thread only).
  void stage(const std::vector<core::AlertFinding>& findings);
  // After the last stage(): completes the alerts written straight away, if any.
  void finish();

 private:
  store::AlertRepo repo_;
  bool writes_alerts_ = false;  // no alert was stored: findings go straight into `alerts`
  core::AlertThresholds thresholds_;
  std::set<std::string> ap_schools_;
  std::map<std::string, core::PreviousStatus> previous_;
  std::map<std::string, std::vector<std::string>> open_changes_;
};

// AP_READY_NOT_ENROLLED (only) for a student who was not re-evaluated, from the stored facts
// that rule reads: grade, UC weighted-capped GPA, AP this year, and whether the school offers AP.
std::vector<core::AlertFinding> ap_ready_findings(const store::ApReadyFacts& facts, bool school_offers_ap,
                                                  const core::AlertThresholds& thresholds);

}  // namespace agmon::service
