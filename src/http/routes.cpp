// The route table: every endpoint of interfaces.md "HTTP API", who may call it, its handler.
#include "http/handlers/handlers.h"

namespace agmon::http {

std::vector<RouteSpec> all_routes() {
  return {
      {"GET", "/healthz", Access::kPublic, handle_healthz},
      {"GET", "/metrics", Access::kPublic, handle_metrics},
      {"GET", "/", Access::kPublic, handle_index},
      {"GET", "/static/{path*}", Access::kPublic, handle_static},
      {"GET", "/api/v1/me", Access::kAnyToken, handle_me},
      {"GET", "/api/v1/students", Access::kStudents, handle_students},
      {"GET", "/api/v1/students/{id}", Access::kStudents, handle_student},
      {"GET", "/api/v1/alerts", Access::kStudents, handle_alerts},
      {"POST", "/api/v1/alerts/{id}/ack", Access::kStudents, handle_alert_ack},
      {"GET", "/api/v1/gaps", Access::kStudents, handle_gaps},
      {"POST", "/api/v1/imports", Access::kImports, handle_import_upload},
      {"GET", "/api/v1/imports", Access::kImports, handle_imports},
      {"GET", "/api/v1/imports/{id}", Access::kImports, handle_import},
  };
}

std::optional<long> positive_id(std::string_view text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

Reply bad_query(const QueryReader& q) { return error_reply(400, "bad_request", q.error()); }

}  // namespace agmon::http
