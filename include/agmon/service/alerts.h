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

// A JSON array of alert objects with every field of equity.md §4: id, kind, audience, school,
// counselor, student_id, grouping, group, metric, detail, message, status, opened, last_seen,
// resolved, acknowledged_by, acknowledged_at, ack_note, times_opened (absent values null).
std::string alerts_json(const std::vector<store::AlertRecord>& alerts);
// One alert object of that array (e.g. the answer to an acknowledgement).
std::string alert_json(const store::AlertRecord& alert);
std::string alerts_csv(const std::vector<store::AlertRecord>& alerts);
// Grouped by counselor, then student, oldest first.
std::string alerts_text(const std::vector<store::AlertRecord>& alerts);

// The weekly digest for one counselor (plain text for e-mail): the alerts of their caseload
// that opened (or reopened) and resolved at or after `since` (YYYY-MM-DD; default: 7 days
// before `today`, "" = today's UTC date), and how many are still open. kInvalidArgument for
// a bad date or an empty counselor.
core::Result<std::string> alerts_digest(store::Database& db, const std::string& counselor,
                                        const std::optional<std::string>& since,
                                        const std::string& today = "");
// "2026-11-23" minus `days` days ("2026-11-16"); "" when `date` is not a valid YYYY-MM-DD.
std::string date_minus_days(const std::string& date, int days);

}  // namespace agmon::service
