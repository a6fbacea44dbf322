// What the daemon reports about itself: GET /healthz (database reachable, schema version,
// last import) and the database-backed figures of GET /metrics (open alerts by kind; import
// totals are in import_history.h). No student data.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "agmon/core/result.h"
#include "agmon/service/import_history.h"
#include "agmon/store/database.h"

namespace agmon::service {

struct HealthInfo {
  bool db_ok = false;
  std::string db_error;                     // why not, when !db_ok
  int schema_version = 0;
  std::optional<ImportSummary> last_import;  // the newest import of any outcome
  long students_evaluated = 0;
};

// Never throws; a database failure is reported in the result.
HealthInfo health(store::Database& db);
std::string health_json(const HealthInfo& info);

// Open alerts per kind (only kinds with at least one open alert).
core::Result<std::map<std::string, long>> open_alerts_by_kind(store::Database& db);

}  // namespace agmon::service
