// Alert lifecycle after an import: recompute alerts from the stored evaluations and diff
// them against the stored ones (open / still open / resolved / reopened), equity.md §4.
#pragma once

#include <optional>
#include <string>

#include "agmon/service/settings.h"
#include "agmon/store/database.h"

namespace agmon::service {

struct AlertRefresh {
  long opened = 0;    // new or reopened
  long resolved = 0;
};

// Runs inside the import transaction, after evaluate_touched(). `now` is an ISO timestamp.
// Student alerts: the findings evaluate_touched() staged for the students it evaluated are
// diffed against their stored alerts (when none was stored, it wrote them as open alerts
// itself: they are counted as opened); alerts of students no longer present are resolved.
// Subgroup alerts: recomputed from the current gap tables (district and per school) and
// diffed against every stored administrator alert. Each transition writes an alert_events row.
AlertRefresh refresh_alerts(store::Database& db, const Settings& settings,
                            std::optional<long> import_id, const std::string& now);

// Runs inside the import transaction, BEFORE evaluate_touched(): recomputes school_ap_offer
// (AP_READY_NOT_ENROLLED reads it during evaluation) and records the schools whose AP offer
// in `year` changed; refresh_alerts() then re-judges AP_READY_NOT_ENROLLED for their students
// that were not re-evaluated, from the stored evaluations.
void refresh_ap_offers(store::Database& db, const std::string& year);

}  // namespace agmon::service
