// The alerts use cases: list with filters and the caller's scope, acknowledge, JSON and CSV.
#include "agmon/service/alerts.h"

#include "agmon/core/alert_rules.h"
#include "agmon/core/json_writer.h"
#include "service/clock.h"

namespace agmon::service {
namespace {

core::Error invalid(const std::string& message) {
  return core::make_error(core::ErrorCode::kInvalidArgument, message);
}

// "" -> null: an alert has either a student or a group, never both.
void text_or_null(core::JsonWriter& w, const char* key, const std::string& value) {
  w.key(key);
  if (value.empty()) w.null();
  else w.value(value);
}

void write_alert(core::JsonWriter& w, const store::AlertRecord& a) {
  w.begin_object();
  w.field("id", a.alert_id).field("kind", a.kind).field("audience", a.audience);
  text_or_null(w, "school", a.school_code);
  text_or_null(w, "counselor", a.counselor_id);
  text_or_null(w, "student_id", a.student_id);
  text_or_null(w, "grouping", a.grouping);
  text_or_null(w, "group", a.group_name);
  text_or_null(w, "metric", a.metric);
  w.field("detail", a.detail).field("message", a.message).field("status", a.status);
  w.field("opened", a.opened_at).field("last_seen", a.last_seen_at);
  text_or_null(w, "resolved", a.resolved_at);
  text_or_null(w, "acknowledged_by", a.acknowledged_by);
  text_or_null(w, "acknowledged_at", a.acknowledged_at);
  text_or_null(w, "ack_note", a.ack_note);
  w.field("times_opened", a.times_opened);
  w.end_object();
}

// RFC 4180: quote a field holding a comma, quote or line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

core::Result<std::vector<store::AlertRecord>> list_alerts(store::Database& db, const AlertQuery& q) {
  store::AlertFilter f;
  f.school = q.school;
  f.counselor = q.counselor;
  f.student = q.student;
  if (q.kind) {
    auto kind = core::parse_alert_kind(*q.kind);
    if (!kind) return invalid("kind: unknown alert kind '" + *q.kind + "'");
    f.kind = std::string(core::alert_kind_name(*kind));
  }
  if (q.status == "all") {
  } else if (q.status == "open" || q.status == "acknowledged" || q.status == "resolved") {
    f.statuses = {q.status};
  } else {
    return invalid("status: unknown status '" + q.status + "' (open, acknowledged, resolved or all)");
  }
  if (q.audience) {
    if (*q.audience != core::kAudienceCounselor && *q.audience != core::kAudienceAdministrator)
      return invalid("audience: unknown audience '" + *q.audience + "' (counselor or administrator)");
    f.audience = q.audience;
  }
  if (q.limit < 0) return invalid("limit: must not be negative");
  if (q.after_id < 0) return invalid("after_id: must not be negative");
  f.scope_schools = q.scope_schools;
  f.scope_counselor = q.scope_counselor;
  f.limit = q.limit;
  f.after_id = q.after_id;
  try {
    return store::AlertRepo(db).list(f);
  } catch (const store::StoreError& e) {
    return core::make_error(core::ErrorCode::kIoError, std::string("database error: ") + e.what());
  }
}

core::Result<store::AlertRecord> acknowledge_alert(store::Database& db, long alert_id, const std::string& actor,
                                                   const std::string& note) {
  try {
    store::Transaction tx(db);
    store::AlertRepo repo(db);
    auto alert = repo.find(alert_id);
    if (!alert) return core::make_error(core::ErrorCode::kNotFound, "no alert " + std::to_string(alert_id));
    if (alert->status == "resolved")
      return core::make_error(core::ErrorCode::kConflict,
                              "alert " + std::to_string(alert_id) + " is resolved; only open alerts can be acknowledged");
    // Acknowledging again replaces the note; the history keeps both.
    repo.acknowledge(alert_id, actor, note, now_iso8601());
    auto updated = repo.find(alert_id);
    tx.commit();
    return *updated;
  } catch (const store::StoreError& e) {
    if (e.is_busy())
      return core::make_error(core::ErrorCode::kConflict, "the database is busy (an import is running); try again");
    return core::make_error(core::ErrorCode::kIoError, std::string("database error: ") + e.what());
  }
}

std::string alert_json(const store::AlertRecord& alert) {
  core::JsonWriter w;
  write_alert(w, alert);
  return w.take();
}

std::string alerts_json(const std::vector<store::AlertRecord>& alerts) {
  core::JsonWriter w;
  w.begin_array();
  for (const auto& a : alerts) write_alert(w, a);
  w.end_array();
  return w.take();
}

std::string alerts_csv(const std::vector<store::AlertRecord>& alerts) {
  std::string out =
      "id,kind,audience,school,counselor,student_id,grouping,group,metric,detail,message,status,opened,"
      "last_seen,resolved,acknowledged_by,acknowledged_at,ack_note,times_opened\n";
  for (const auto& a : alerts) {
    const std::string fields[] = {std::to_string(a.alert_id), a.kind, a.audience, a.school_code, a.counselor_id,
                                  a.student_id, a.grouping, a.group_name, a.metric, a.detail, a.message, a.status,
                                  a.opened_at, a.last_seen_at, a.resolved_at, a.acknowledged_by,
                                  a.acknowledged_at, a.ack_note, std::to_string(a.times_opened)};
    bool first = true;
    for (const auto& f : fields) {
      out += (first ? "" : ",") + csv_field(f);
      first = false;
    }
    out += "\n";
  }
  return out;
}

}  // namespace agmon::service
