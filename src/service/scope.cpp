// Scoped alert and gap use cases: the principal's scope applied in the service layer.
#include "agmon/service/scope.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

core::Error outside(const std::string& what) {
  return make_error(ErrorCode::kPermissionDenied, what + " is outside this token's scope");
}

}  // namespace

core::Result<std::vector<store::AlertRecord>> list_alerts_for(store::Database& db, const Principal& who,
                                                              AlertQuery query) {
  if (!who.may_read_students())
    return make_error(ErrorCode::kPermissionDenied, "this token may not read alerts");
  query.scope_schools.clear();
  query.scope_counselor.reset();
  if (!who.is_admin()) {
    if (who.schools.empty()) return outside("every school");  // never "all" by accident
    if (query.school && !who.covers_school(*query.school)) return outside("school " + *query.school);
    if (query.counselor && !who.counselor_id.empty() && *query.counselor != who.counselor_id)
      return make_error(ErrorCode::kPermissionDenied,
                        "counselor " + *query.counselor + " is outside this token's caseload");
    query.scope_schools = who.schools;
    if (!who.counselor_id.empty()) query.scope_counselor = who.counselor_id;
  }
  return list_alerts(db, query);
}

core::Result<std::vector<core::GapTable>> gap_tables_for(store::Database& db, const Settings& settings,
                                                         const Principal& who, GapQuery query) {
  if (!who.may_read_students())
    return make_error(ErrorCode::kPermissionDenied, "this token may not read gap tables");
  if (!who.is_admin()) {
    if (!query.school) {
      if (who.schools.size() != 1)
        return make_error(ErrorCode::kInvalidArgument, "'school' is required for a counselor token of several schools");
      query.school = who.schools.front();
    } else if (!who.covers_school(*query.school)) {
      return outside("school " + *query.school);
    }
  }
  return gap_tables(db, settings, query);
}

core::Result<store::AlertRecord> acknowledge_alert_for(store::Database& db, const Principal& who, long alert_id,
                                                       const std::string& note) {
  auto scope = check_alert_scope(db, who, alert_id);
  if (!scope) return scope.error();
  return acknowledge_alert(db, alert_id, who.token_name, note);
}

}  // namespace agmon::service
