// GET /api/v1/students/{id} (the student report, stored fast path) and GET /api/v1/students
// (the scoped, paged list). Every record returned is audited before it leaves; refused reads
// are logged but not audited (they are not reads).
#include "agmon/service/student_list.h"
#include "http/handlers/handlers.h"

namespace agmon::http {
namespace {

Reply audit_unavailable() {
  return error_reply(503, "unavailable", "the audit log is behind; try again shortly");
}

void log_refusal(Exchange& ex, const core::Error& e, const std::string& what) {
  if (e.code != core::ErrorCode::kPermissionDenied) return;
  ex.ctx.log(LogLevel::kWarn, "refused out-of-scope " + what + " for token '" + ex.principal.token_name +
                                  "' from " + ex.client);
  ex.ctx.log(LogLevel::kDebug, "refused: " + e.message);  // may name a student id: debug only
}

}  // namespace

Reply handle_student(Exchange& ex) {
  QueryReader q(ex.query, {});
  if (!q.ok()) return bad_query(q);
  std::string id(path_param(ex.params, "id"));
  if (!valid_code(id))
    return error_reply(400, "bad_request", "student id must be 1 to 64 letters, digits, '.', '-' or '_'");
  auto db = ex.db();
  if (!db) return error_reply(db.error());
  auto report = (*db)->reader->report(ex.principal, id, ex.ctx.reports.get());
  if (!report) {
    log_refusal(ex, report.error(), "student read");
    return error_reply(report.error());
  }
  if (!ex.audit({id})) return audit_unavailable();
  Reply r;  // the cached report itself, not a copy: it is the body of most requests
  r.static_body = (*report)->json;
  r.keeps = std::move(*report);
  return r;
}

Reply handle_students(Exchange& ex) {
  QueryReader q(ex.query, {"school", "counselor", "q", "limit", "cursor"});
  service::StudentListQuery query;
  query.school = q.code("school");
  query.counselor = q.code("counselor");
  query.q = q.text("q", 100);
  query.limit = static_cast<int>(q.integer("limit", 1, service::kMaxPageSize, service::kDefaultPageSize));
  query.cursor = q.cursor();
  if (!q.ok()) return bad_query(q);
  auto db = ex.db();
  if (!db) return error_reply(db.error());
  auto page = service::list_students(*(*db)->db, ex.principal, query);
  if (!page) {
    log_refusal(ex, page.error(), "student list");
    return error_reply(page.error());
  }
  std::vector<std::string> ids;
  ids.reserve(page->students.size());
  for (const auto& s : page->students) ids.push_back(s.student_id);
  if (!ex.audit(ids)) return audit_unavailable();
  return json_reply(200, service::student_page_json(*page));
}

}  // namespace agmon::http
