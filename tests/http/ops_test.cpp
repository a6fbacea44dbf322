// Health, metrics, the embedded dashboard with path traversal refused, 404/405 shapes.
#include "http/http_fixture.h"

using agmon::test::TestServer;

TEST_CASE("healthz reports the database and the last import") {
  TestServer t;
  auto r = t.get("/healthz");
  REQUIRE(r.status == 200);
  auto j = r.json();
  CHECK(j->getValue<std::string>("status") == "ok");
  CHECK(j->getValue<std::string>("db") == "ok");
  CHECK(j->getObject("last_import")->getValue<std::string>("outcome") == "applied");
  CHECK(j->getValue<long>("students_evaluated") == 3);
}

TEST_CASE("metrics count requests by route and status without student ids or tokens") {
  TestServer t;
  t.get("/api/v1/students/500001", t.admin);
  t.get("/api/v1/students/500003", t.counselor_a);  // 403
  t.get("/nowhere");
  auto r = t.get("/metrics");
  REQUIRE(r.status == 200);
  CHECK(r.headers["Content-Type"].rfind("text/plain; version=0.0.4", 0) == 0);
  CHECK(r.body.find("agmon_http_requests_total{route=\"/api/v1/students/{id}\",method=\"GET\",status=\"200\"} 1") !=
        std::string::npos);
  CHECK(r.body.find("agmon_http_requests_total{route=\"/api/v1/students/{id}\",method=\"GET\",status=\"403\"} 1") !=
        std::string::npos);
  CHECK(r.body.find("agmon_http_requests_total{route=\"unmatched\",method=\"\",status=\"404\"} 1") != std::string::npos);
  CHECK(r.body.find("agmon_http_request_duration_seconds_bucket{route=\"/api/v1/students/{id}\",method=\"GET\",le=\"+Inf\"} 2") !=
        std::string::npos);
  CHECK(r.body.find("agmon_imports_total{outcome=\"applied\"} 1") != std::string::npos);
  CHECK(r.body.find("agmon_import_rows_applied_total 10") != std::string::npos);  // 3 + 2 + 5 rows
  CHECK(r.body.find("agmon_alerts_open{kind=\"AG_DF_UNVALIDATED\"}") != std::string::npos);
  CHECK(r.body.find("agmon_db_up 1") != std::string::npos);
  for (const std::string& secret : {std::string("500001"), std::string("500003"), std::string("Alvarez"), t.admin,
                                    t.admin.substr(4, 12)})
    CHECK(r.body.find(secret) == std::string::npos);
}

TEST_CASE("the dashboard is served from the binary; traversal attempts are 404") {
  TestServer t;
  auto index = t.get("/");
  REQUIRE(index.status == 200);
  CHECK(index.headers["Content-Type"] == "text/html; charset=utf-8");
  CHECK(index.headers["X-Content-Type-Options"] == "nosniff");
  CHECK(index.body.find("<html") != std::string::npos);
  CHECK(t.get("/static/index.html").status == 200);
  CHECK(t.call("HEAD", "/").status == 200);
  for (const char* p : {"/static/../agmon.db", "/static/%2e%2e/agmon.db", "/static/sub/%2e%2e/%2e%2e/x",
                        "/static/..%2fx", "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static//etc/passwd",
                        "/static/index.html%00.png", "/static/..\\x", "/static/./index.html", "/static/",
                        "/static/nope.js", "/static/%"}) {
    INFO(p);
    std::string line = agmon::test::status_line(t.raw(std::string("GET ") + p + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    CHECK((line == "HTTP/1.1 404 Not Found" || line == "HTTP/1.1 400 Bad Request"));
  }
  CHECK(t.get("/healthz").status == 200);
}

TEST_CASE("unknown paths are 404 and wrong methods 405, both in the JSON error shape") {
  TestServer t;
  auto nf = t.get("/api/v1/nothing", t.admin);
  CHECK(nf.status == 404);
  CHECK(nf.error_code() == "not_found");
  auto na = t.call("DELETE", "/api/v1/students/500001", t.admin);
  CHECK(na.status == 405);
  CHECK(na.error_code() == "method_not_allowed");
  CHECK(na.headers["Allow"] == "GET, HEAD");
  CHECK(t.call("PUT", "/api/v1/imports", t.admin).headers["Allow"] == "POST, GET, HEAD");
  CHECK(t.get("/api/v1/students/", t.admin).status == 404);  // trailing slash: no such route
}
