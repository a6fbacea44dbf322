// Scope enforcement for the daemon's alert and gap use cases, below the HTTP layer (student
// reports and lists take a Principal in access.h / student_list.h): a counselor's query is
// refused when it names a school or caseload outside its token, and is always narrowed to that
// scope; importers read no student data; admins see everything. The HTTP handlers call these,
// never the unscoped functions (which the CLI, an operator's tool, uses).
#pragma once

#include <string>
#include <vector>

#include "agmon/core/equity.h"
#include "agmon/core/result.h"
#include "agmon/service/access.h"
#include "agmon/service/alerts.h"
#include "agmon/service/gaps.h"
#include "agmon/service/settings.h"
#include "agmon/service/tokens.h"

namespace agmon::service {

// list_alerts() within `who`'s scope. kPermissionDenied: an importer, or a school / caseload
// filter outside the scope (refused, not silently narrowed). Any scope already in `query` is
// replaced by the principal's.
core::Result<std::vector<store::AlertRecord>> list_alerts_for(store::Database& db, const Principal& who,
                                                              AlertQuery query);

// gap_tables() within `who`'s scope: a counselor names one of its schools, or gets its only
// school by default (kInvalidArgument "'school' is required ..." with several); a school
// outside the scope or an importer: kPermissionDenied. Tables are school-wide aggregates
// (small cells suppressed), so a caseload-bound counselor sees its school's.
core::Result<std::vector<core::GapTable>> gap_tables_for(store::Database& db, const Settings& settings,
                                                         const Principal& who, GapQuery query);

// acknowledge_alert() by `who`: kPermissionDenied (nothing changed) when the alert is outside
// the principal's scope (check_alert_scope), kNotFound for no such alert; the history records
// the token's name.
core::Result<store::AlertRecord> acknowledge_alert_for(store::Database& db, const Principal& who, long alert_id,
                                                       const std::string& note);

}  // namespace agmon::service
