// AlertRepo queries: single alerts, filtered lists, history, acknowledgement.
#include "agmon/store/alert_repo.h"

namespace agmon::store {
namespace {

AlertEvent event_from_row(const Statement& st, int first) {
  AlertEvent e;
  e.alert_id = static_cast<long>(st.integer(first));
  e.at = st.str(first + 1);
  e.event = st.str(first + 2);
  if (auto id = st.optional_integer(first + 3)) e.import_id = static_cast<long>(*id);
  e.actor = st.str(first + 4);
  e.note = st.str(first + 5);
  return e;
}

}  // namespace

AlertRecord alert_from_row(const Statement& st) {
  AlertRecord a;
  a.alert_id = static_cast<long>(st.integer(0));
  a.identity = st.str(1);
  a.kind = st.str(2);
  a.audience = st.str(3);
  a.school_code = st.str(4);
  a.counselor_id = st.str(5);
  a.student_id = st.str(6);
  a.grouping = st.str(7);
  a.group_name = st.str(8);
  a.metric = st.str(9);
  a.detail = st.str(10);
  a.message = st.str(11);
  a.status = st.str(12);
  a.opened_at = st.str(13);
  // 14 opened_import_id
  a.last_seen_at = st.str(15);
  a.resolved_at = st.str(16);
  // 17 resolved_import_id
  a.acknowledged_by = st.str(18);
  a.acknowledged_at = st.str(19);
  a.ack_note = st.str(20);
  a.times_opened = static_cast<int>(st.integer(21));
  return a;
}

std::vector<AlertRecord> AlertRepo::active_for_student(const std::string& student_id) {
  auto st = db_.prepare(
      "SELECT * FROM alerts WHERE student_id = ? AND status IN ('open', 'acknowledged') "
      "ORDER BY opened_at, alert_id");
  st.bind(1, student_id);
  std::vector<AlertRecord> out;
  while (st.step()) out.push_back(alert_from_row(st));
  return out;
}

std::optional<AlertRecord> AlertRepo::find(long alert_id) {
  auto st = db_.prepare("SELECT * FROM alerts WHERE alert_id = ?");
  st.bind(1, static_cast<std::int64_t>(alert_id));
  if (!st.step()) return std::nullopt;
  return alert_from_row(st);
}

std::vector<AlertRecord> AlertRepo::list(const AlertFilter& f) {
  // Every value is bound; only the shape of the WHERE clause varies.
  std::string sql = "SELECT * FROM alerts WHERE alert_id > ?";
  std::vector<std::string> binds;
  auto equals = [&](const char* column, const std::optional<std::string>& value) {
    if (!value) return;
    sql += std::string(" AND ") + column + " = ?";
    binds.push_back(*value);
  };
  auto one_of = [&](const char* column, const std::vector<std::string>& values) {
    if (values.empty()) return;
    sql += std::string(" AND ") + column + " IN (";
    for (size_t i = 0; i < values.size(); ++i) {
      sql += i ? ",?" : "?";
      binds.push_back(values[i]);
    }
    sql += ")";
  };
  equals("school_code", f.school);
  equals("counselor_id", f.counselor);
  equals("kind", f.kind);
  equals("student_id", f.student);
  equals("audience", f.audience);
  one_of("status", f.statuses);
  one_of("school_code", f.scope_schools);
  equals("counselor_id", f.scope_counselor);
  sql += " ORDER BY alert_id";
  if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
  auto st = db_.prepare(sql);
  st.bind(1, static_cast<std::int64_t>(f.after_id));
  for (size_t i = 0; i < binds.size(); ++i) st.bind(static_cast<int>(i) + 2, binds[i]);
  std::vector<AlertRecord> out;
  while (st.step()) out.push_back(alert_from_row(st));
  return out;
}

std::vector<AlertEvent> AlertRepo::events(long alert_id) {
  auto st = db_.prepare(
      "SELECT alert_id, at, event, import_id, actor, note FROM alert_events WHERE alert_id = ? "
      "ORDER BY at, rowid");
  st.bind(1, static_cast<std::int64_t>(alert_id));
  std::vector<AlertEvent> out;
  while (st.step()) out.push_back(event_from_row(st, 0));
  return out;
}

std::vector<std::pair<AlertRecord, AlertEvent>> AlertRepo::events_since(const std::string& counselor,
                                                                        const std::string& since) {
  auto st = db_.prepare(
      "SELECT a.*, e.alert_id, e.at, e.event, e.import_id, e.actor, e.note FROM alerts a "
      "JOIN alert_events e ON e.alert_id = a.alert_id WHERE a.counselor_id = ? AND e.at >= ? "
      "ORDER BY e.at, e.rowid");
  st.bind(1, counselor).bind(2, since);
  std::vector<std::pair<AlertRecord, AlertEvent>> out;
  while (st.step()) out.emplace_back(alert_from_row(st), event_from_row(st, 22));
  return out;
}

long AlertRepo::count_active_for_counselor(const std::string& counselor) {
  auto st = db_.prepare(
      "SELECT count(*) FROM alerts WHERE counselor_id = ? AND status IN ('open', 'acknowledged')");
  st.bind(1, counselor);
  st.step();
  return static_cast<long>(st.integer(0));
}

void AlertRepo::acknowledge(long alert_id, const std::string& actor, const std::string& note,
                            const std::string& now) {
  auto up = db_.prepare(
      "UPDATE alerts SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, "
      "ack_note = ? WHERE alert_id = ?");
  up.bind(1, actor).bind(2, now).bind(3, note).bind(4, static_cast<std::int64_t>(alert_id));
  up.run();
  auto ev = db_.prepare(
      "INSERT INTO alert_events(alert_id, at, event, actor, note) VALUES (?, ?, 'acknowledged', ?, ?)");
  ev.bind(1, static_cast<std::int64_t>(alert_id)).bind(2, now).bind(3, actor).bind(4, note);
  ev.run();
}

}  // namespace agmon::store
