// The alert lifecycle after an import (equity.md §4): staged student findings and freshly
// computed subgroup findings, diffed against the stored alerts by the store.
#include "agmon/service/alert_service.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "agmon/store/alert_repo.h"
#include "agmon/store/evaluation_repo.h"
#include "agmon/store/gap_repo.h"
#include "service/alerts_staging.h"
#include "service/alerts_subgroup.h"

namespace agmon::service {

AlertRefresh refresh_alerts(store::Database& db, const Settings& settings, std::optional<long> import_id,
                            const std::string& now) {
  store::AlertRepo repo(db);
  // No evaluation ran on this connection: nothing staged, so no student alert changes.
  if (!repo.findings_begun()) repo.begin_findings();
  AlertRefresh r;
  auto students = repo.apply_findings(store::AlertScope::kEvaluatedStudents, import_id, now);
  // A school began or stopped offering AP: its other students' AP_READY_NOT_ENROLLED changes
  // with it, and that rule reads only stored facts, so they need no re-evaluation.
  auto others = repo.ap_offer_changed_students();
  store::AlertDiff ap{};
  if (!others.empty()) {
    store::GapRepo gaps(db);
    std::map<std::string, std::set<std::string>> offers;  // year -> schools offering AP
    for (const auto& s : others) {
      if (!offers.count(s.as_of_year)) offers[s.as_of_year] = gaps.schools_offering_ap(s.as_of_year);
      repo.stage(ap_ready_findings(s, offers[s.as_of_year].count(s.school_code) > 0, settings.alert_thresholds()));
    }
    ap = repo.apply_findings(store::AlertScope::kApOfferChanged, import_id, now);
  }
  long absent = repo.resolve_absent_students(import_id, now);
  // A fresh staging table: the subgroup diff then reads a few hundred rows, not every student's.
  repo.begin_findings();
  repo.stage(subgroup_findings(db, settings));
  auto groups = repo.apply_findings(store::AlertScope::kSubgroups, import_id, now);
  repo.end_findings();
  r.opened = students.opened + students.reopened + ap.opened + ap.reopened + groups.opened + groups.reopened;
  r.resolved = students.resolved + ap.resolved + absent + groups.resolved;
  return r;
}

void refresh_ap_offers(store::Database& db, const std::string& year) {
  store::GapRepo gaps(db);
  auto before = gaps.schools_offering_ap(year);
  store::EvaluationRepo(db).refresh_school_ap_offer();
  auto after = gaps.schools_offering_ap(year);
  std::vector<std::string> changed;
  std::set_symmetric_difference(before.begin(), before.end(), after.begin(), after.end(),
                                std::back_inserter(changed));
  store::AlertRepo(db).set_ap_offer_changed(changed);
}

}  // namespace agmon::service
