// The endpoint handlers, one file per group (ops, students, alerts, gaps, imports).
#pragma once

#include "http/server_context.h"

namespace agmon::http {

// ops.cpp: GET /healthz, /metrics, /, /static/..., /api/v1/me
Reply handle_healthz(Exchange& ex);
Reply handle_metrics(Exchange& ex);
Reply handle_index(Exchange& ex);
Reply handle_static(Exchange& ex);
Reply handle_me(Exchange& ex);
// students.cpp: GET /api/v1/students/{id}, GET /api/v1/students
Reply handle_student(Exchange& ex);
Reply handle_students(Exchange& ex);
// alerts.cpp: GET /api/v1/alerts, POST /api/v1/alerts/{id}/ack
Reply handle_alerts(Exchange& ex);
Reply handle_alert_ack(Exchange& ex);
// gaps.cpp: GET /api/v1/gaps
Reply handle_gaps(Exchange& ex);
// imports.cpp: POST /api/v1/imports, GET /api/v1/imports, GET /api/v1/imports/{id}
Reply handle_import_upload(Exchange& ex);
Reply handle_imports(Exchange& ex);
Reply handle_import(Exchange& ex);

// A positive decimal id (alerts, imports) from a path capture; nullopt when malformed.
std::optional<long> positive_id(std::string_view text);
// 400 for a query the endpoint does not take.
Reply bad_query(const QueryReader& q);

}  // namespace agmon::http
