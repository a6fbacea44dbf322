// The alerts use cases (`agmon alerts`, GET /api/v1/alerts, POST .../ack): list, filter,
// acknowledge, digest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/core/result.h"
#include "agmon/store/alert_repo.h"
#include "agmon/store/database.h"

namespace agmon::service {

struct AlertQuery {
  std::optional<std::string> school;
  std::optional<std::string> counselor;
  std::optional<std::string> kind;       // an alert kind name, validated
  std::string status = "open";           // open | acknowledged | resolved | all
  std::optional<std::string> student;
  std::optional<std::string> audience;   // counselor | administrator
  // Scope of the caller (counselor tokens): only these schools / this caseload.
  std::vector<std::string> scope_schools;  // empty = every school
  std::optional<std::string> scope_counselor;
  int limit = 0;                          // 0 = no limit
  long after_id = 0;                      // paging cursor: alerts with a larger id
};

core::Result<std::vector<store::AlertRecord>> list_alerts(store::Database& db, const AlertQuery& query);

// Acknowledges an open alert (kNotFound / kConflict when resolved). `actor` is the token or
// user name recorded in the history.
core::Result<store::AlertRecord> acknowledge_alert(store::Database& db, long alert_id,
                                                   const std::string& actor, const std::string& note);

std::string alerts_json(const std::vector<store::AlertRecord>& alerts);
std::string alerts_csv(const std::vector<store::AlertRecord>& alerts);
// Grouped by counselor, then student, oldest first.
std::string alerts_text(const std::vector<store::AlertRecord>& alerts);

}  // namespace agmon::service
