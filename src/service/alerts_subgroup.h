// Subgroup alerts (audience: administrators) from the gap tables of the current year, district
// wide and per school, compared with the previous year's where a snapshot was kept. Internal.
#pragma once

#include <vector>

#include "agmon/core/alert_rules.h"
#include "agmon/service/settings.h"
#include "agmon/store/database.h"

namespace agmon::service {

// The metric x grouping pairs the subgroup alert kinds need: metrics ap, ag (UC) and
// ag-on-track, by the student-group groupings (race_ethnicity, gender, el, sed, swd, foster,
// homeless), for all schools and for each school. Two GROUP BY passes in all (this year and
// the previous), rolled up in memory. Never fires for a suppressed group (core guarantees it).
std::vector<core::AlertFinding> subgroup_findings(store::Database& db, const Settings& settings);

}  // namespace agmon::service
