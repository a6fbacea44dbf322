// GET /api/v1/alerts (scoped, filtered, paged) and POST /api/v1/alerts/{id}/ack (optional
// JSON body {"note": "..."}).
#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <set>

#include "agmon/core/json_writer.h"
#include "agmon/service/alerts.h"
#include "agmon/service/scope.h"
#include "agmon/service/student_list.h"
#include "http/handlers/handlers.h"

namespace agmon::http {
namespace {

constexpr std::size_t kMaxAckBody = 16 * 1024;
constexpr std::size_t kMaxNote = 2000;

// A note may hold line breaks and tabs; otherwise the rules of clean_utf8().
bool clean_note(const std::string& note) {
  std::string flat = note;
  for (char& c : flat)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return clean_utf8(flat);
}

}  // namespace

Reply handle_alerts(Exchange& ex) {
  QueryReader q(ex.query, {"school", "counselor", "kind", "status", "student", "audience", "limit", "cursor"});
  service::AlertQuery aq;
  aq.school = q.code("school");
  aq.counselor = q.code("counselor");
  aq.kind = q.code("kind");
  aq.status = q.choice("status", {"open", "acknowledged", "resolved", "all"}).value_or("open");
  aq.student = q.code("student");
  aq.audience = q.choice("audience", {"counselor", "administrator"});
  long limit = q.integer("limit", 1, service::kMaxPageSize, service::kDefaultPageSize);
  std::string cursor = q.cursor();
  if (!q.ok()) return bad_query(q);
  if (!cursor.empty()) {
    auto key = service::decode_cursor("alerts", cursor);
    auto id = key ? positive_id(*key) : std::nullopt;
    if (!id) return error_reply(400, "bad_request", "parameter 'cursor' is not a cursor this server gave out");
    aq.after_id = *id;
  }
  aq.limit = static_cast<int>(limit) + 1;  // one more tells whether there is a next page
  auto db = ex.db();
  if (!db) return error_reply(db.error());
  // The scope is applied by the service (asking outside it is refused, not narrowed).
  auto alerts = service::list_alerts_for(*(*db)->db, ex.principal, aq);
  if (!alerts) return error_reply(alerts.error());
  std::string next;
  if (static_cast<long>(alerts->size()) > limit) {
    alerts->pop_back();
    next = service::encode_cursor("alerts", std::to_string(alerts->back().alert_id));
  }
  std::set<std::string> students;
  for (const auto& a : *alerts)
    if (!a.student_id.empty()) students.insert(a.student_id);
  if (!ex.audit(std::vector<std::string>(students.begin(), students.end())))
    return error_reply(503, "unavailable", "the audit log is behind; try again shortly");
  core::JsonWriter w;
  w.begin_object().key("alerts").raw(service::alerts_json(*alerts)).key("next_cursor");
  if (next.empty()) w.null();
  else w.value(next);
  w.end_object();
  return json_reply(200, w.take());
}

Reply handle_alert_ack(Exchange& ex) {
  QueryReader q(ex.query, {});
  if (!q.ok()) return bad_query(q);
  auto id = positive_id(path_param(ex.params, "id"));
  if (!id) return error_reply(400, "bad_request", "alert id must be a positive whole number");
  auto& req = ex.request;
  if (req.getContentLength() > static_cast<std::streamsize>(kMaxAckBody))
    return error_reply(413, "payload_too_large", "the body may hold at most 16 KiB");
  std::string body;
  {
    std::istream& in = req.stream();
    char buf[4096];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      body.append(buf, static_cast<size_t>(in.gcount()));
      if (body.size() > kMaxAckBody) {
        Reply r = error_reply(413, "payload_too_large", "the body may hold at most 16 KiB");
        r.close = true;
        return r;
      }
    }
    ex.body_consumed = true;
  }
  std::string note;
  if (body.find_first_not_of(" \t\r\n") != std::string::npos) {
    try {
      Poco::JSON::Parser parser;
      Poco::Dynamic::Var parsed = parser.parse(body);
      auto object = parsed.extract<Poco::JSON::Object::Ptr>();
      if (!object) return error_reply(400, "bad_request", "the body must be a JSON object");
      for (const auto& [key, value] : *object) {
        if (key != "note") return error_reply(400, "bad_request", "unknown field in the body (only 'note')");
        if (!value.isString()) return error_reply(400, "bad_request", "field 'note' must be a string");
        note = value.extract<std::string>();
      }
    } catch (const Poco::Exception&) {
      return error_reply(400, "bad_request", "the body is not a JSON object");
    } catch (const std::exception&) {
      return error_reply(400, "bad_request", "the body is not a JSON object");
    }
    if (note.size() > kMaxNote || !clean_note(note))
      return error_reply(400, "bad_request", "field 'note' must be valid UTF-8 text of at most 2000 bytes");
  }
  auto rw = store::Database::open(ex.ctx.options.db_path, store::OpenMode::kReadWrite, 5000);
  if (!rw) return error_reply(rw.error());
  auto acked = service::acknowledge_alert_for(**rw, ex.principal, *id, note);  // scope checked first
  if (!acked) return error_reply(acked.error());
  ex.ctx.reports->invalidate();  // the student's report shows the alert's new status
  ex.ctx.log(LogLevel::kInfo, "alert " + std::to_string(*id) + " acknowledged by '" + ex.principal.token_name + "'");
  return json_reply(200, service::alert_json(*acked));
}

}  // namespace agmon::http
