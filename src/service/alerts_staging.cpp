// StudentAlertStager: the context each student's alert rules need, loaded per evaluation batch.
#include "service/alerts_staging.h"

#include "agmon/store/gap_repo.h"

namespace agmon::service {

StudentAlertStager::StudentAlertStager(store::Database& db, const Settings& settings, const std::string& year,
                                       std::optional<long> import_id, const std::string& now)
    : repo_(db), thresholds_(settings.alert_thresholds()) {
  ap_schools_ = store::GapRepo(db).schools_offering_ap(year);
  writes_alerts_ = repo_.begin_student_findings(import_id, now);
}

void StudentAlertStager::load_students(const std::string& first_id, const std::string& last_id) {
  previous_ = repo_.previous_statuses(first_id, last_id);
  // With no alert stored when the evaluation began, no AG_STATUS_CHANGED can be open (and the
  // alerts being written have no student index to look them up by).
  if (!writes_alerts_) open_changes_ = repo_.open_status_changes(first_id, last_id);
}

void StudentAlertStager::finish() { repo_.finish_student_findings(); }

std::vector<core::AlertFinding> StudentAlertStager::findings(const core::StudentReport& report) const {
  core::StudentAlertContext ctx;
  ctx.school_offers_ap = ap_schools_.count(report.school_id) > 0;
  if (auto p = previous_.find(report.student_id); p != previous_.end()) ctx.previous = p->second;
  if (auto o = open_changes_.find(report.student_id); o != open_changes_.end()) ctx.open_status_changes = o->second;
  return core::student_alerts(report, ctx, thresholds_);
}

std::vector<core::AlertFinding> ap_ready_findings(const store::ApReadyFacts& facts, bool school_offers_ap,
                                                  const core::AlertThresholds& thresholds) {
  // A report holding just those facts: the same rule, message and identity as an evaluation.
  core::StudentReport r;
  r.student_id = facts.student_id;
  r.school_id = facts.school_code;
  r.counselor_id = facts.counselor_id;
  r.as_of_year = facts.as_of_year;
  r.grade_level = facts.grade;
  r.uc.gpa_weighted_capped = facts.uc_gpa_capped;
  r.ap_enrolled_this_year = facts.ap_this_year ? 1 : 0;
  core::StudentAlertContext ctx;
  ctx.school_offers_ap = school_offers_ap;
  std::vector<core::AlertFinding> out;
  for (auto& f : core::student_alerts(r, ctx, thresholds))
    if (f.kind == core::AlertKind::ap_ready_not_enrolled) out.push_back(std::move(f));
  return out;
}

void StudentAlertStager::stage(const std::vector<core::AlertFinding>& findings) { repo_.stage(findings); }

}  // namespace agmon::service
