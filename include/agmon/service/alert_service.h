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
AlertRefresh refresh_alerts(store::Database& db, const Settings& settings,
                            std::optional<long> import_id, const std::string& now);

}  // namespace agmon::service
