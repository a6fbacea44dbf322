// Authentication and roles: 401 without or with a bad token, revocation at once, the
// failed-auth rate limit (429), role checks (403), /api/v1/me.
#include "http/http_fixture.h"

using agmon::test::TestServer;

TEST_CASE("requests without a token or with an unknown token are 401 with a Bearer challenge") {
  TestServer t;
  auto none = t.get("/api/v1/students/500001");
  CHECK(none.status == 401);
  CHECK(none.error_code() == "unauthorized");
  CHECK(none.headers["WWW-Authenticate"] == "Bearer realm=\"agmon\"");
  CHECK(t.get("/api/v1/students/500001", "agm_" + std::string(43, 'A')).status == 401);
  CHECK(t.get("/api/v1/students/500001", "not-a-token").status == 401);
  // Basic auth is not accepted.
  Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(t.server->port()));
  Poco::Net::HTTPRequest req("GET", "/api/v1/me", "HTTP/1.1");
  req.set("Authorization", "Basic YWRtaW46YWRtaW4=");
  s.sendRequest(req);
  Poco::Net::HTTPResponse resp;
  s.receiveResponse(resp);
  CHECK(resp.getStatus() == 401);
}

TEST_CASE("a revoked token is refused from the very next request") {
  TestServer t;
  REQUIRE(t.get("/api/v1/me", t.counselor_a).status == 200);
  REQUIRE(agmon::service::revoke_token(*t.db, "counselor-a").ok());
  CHECK(t.get("/api/v1/me", t.counselor_a).status == 401);
  CHECK(t.get("/api/v1/me", t.admin).status == 200);  // others unaffected
}

TEST_CASE("failed authentication is rate limited per client address with 429") {
  agmon::http::ServerOptions o;
  o.auth_failures_per_minute = 3;
  TestServer t(o);
  const std::string forged = "agm_" + std::string(43, 'x');
  for (int i = 0; i < 3; ++i) CHECK(t.get("/api/v1/me", forged).status == 401);
  auto limited = t.get("/api/v1/me", forged);
  CHECK(limited.status == 429);
  CHECK(limited.error_code() == "rate_limited");
  CHECK(std::stoi(limited.headers["Retry-After"]) >= 1);
  // Even a valid token waits out the window from this address; public routes still answer.
  CHECK(t.get("/api/v1/me", t.admin).status == 429);
  CHECK(t.get("/healthz").status == 200);
}

TEST_CASE("roles: importers cannot read students, counselors cannot use imports") {
  TestServer t;
  auto importer_reads = t.get("/api/v1/students/500001", t.importer);
  CHECK(importer_reads.status == 403);
  CHECK(t.get("/api/v1/students", t.importer).status == 403);
  CHECK(t.get("/api/v1/alerts", t.importer).status == 403);
  CHECK(t.get("/api/v1/gaps", t.importer).status == 403);
  CHECK(t.get("/api/v1/imports", t.counselor_a).status == 403);
  CHECK(t.call("POST", "/api/v1/imports", t.counselor_a, "x").status == 403);
  CHECK(t.get("/api/v1/imports", t.importer).status == 200);
  CHECK(t.get("/api/v1/imports", t.admin).status == 200);
  CHECK(t.audit_rows() == 0);
}

TEST_CASE("/api/v1/me tells a token its role and scope") {
  TestServer t;
  auto r = t.get("/api/v1/me", t.counselor_c1);
  REQUIRE(r.status == 200);
  auto j = r.json();
  CHECK(j->getValue<std::string>("token") == "counselor-c1");
  CHECK(j->getValue<std::string>("role") == "counselor");
  CHECK(j->getArray("schools")->getElement<std::string>(0) == "9900011");
  CHECK(j->getValue<std::string>("counselor_id") == "C1");
  CHECK(t.get("/api/v1/me", t.admin).json()->isNull("counselor_id"));
}

TEST_CASE("an expired token is 401 like an unknown one") {
  TestServer t;
  agmon::service::NewToken n;
  n.name = "lapsed";
  n.role = agmon::service::Role::kAdmin;
  auto token = agmon::service::add_token(*t.db, n);
  REQUIRE(token.ok());
  // A year has passed (the row is back-dated: the test cannot wait).
  t.db->exec("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00Z' WHERE name = 'lapsed'");
  auto refused = t.get("/api/v1/me", *token);
  CHECK(refused.status == 401);
  CHECK(refused.error_code() == "unauthorized");
  CHECK(refused.body.find("expired") != std::string::npos);
}
