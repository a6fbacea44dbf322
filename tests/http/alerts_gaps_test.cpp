// GET /api/v1/alerts (scoped, paged), POST /api/v1/alerts/{id}/ack (note, scope, errors) and
// GET /api/v1/gaps (counselor: own school only).
#include "http/http_fixture.h"

using agmon::test::TestServer;

namespace {

// The id of the first open alert of a student, straight from the database.
long alert_of(TestServer& t, const std::string& student) {
  auto st = t.db->prepare("SELECT alert_id FROM alerts WHERE student_id = ? AND status = 'open' ORDER BY alert_id");
  st.bind(1, student);
  REQUIRE(st.step());
  return static_cast<long>(st.integer(0));
}

}  // namespace

TEST_CASE("alerts are listed within the caller's scope and paged") {
  TestServer t;
  auto all = t.get("/api/v1/alerts?status=all", t.admin);
  REQUIRE(all.status == 200);
  auto alerts = all.json()->getArray("alerts");
  REQUIRE(alerts->size() >= 2);  // at least the D of 500001 and the F of 500003
  auto mine = t.get("/api/v1/alerts", t.counselor_a);
  REQUIRE(mine.status == 200);
  auto a = mine.json()->getArray("alerts");
  REQUIRE(a->size() >= 1);
  for (size_t i = 0; i < a->size(); ++i) CHECK(a->getObject(i)->getValue<std::string>("school") == "9900011");
  CHECK(t.get("/api/v1/alerts?school=9900022", t.counselor_a).status == 403);

  auto page = t.get("/api/v1/alerts?status=all&limit=1", t.admin);
  REQUIRE(page.status == 200);
  REQUIRE(page.json()->getArray("alerts")->size() == 1);
  std::string cursor = page.json()->getValue<std::string>("next_cursor");
  auto next = t.get("/api/v1/alerts?status=all&limit=1&cursor=" + cursor, t.admin);
  REQUIRE(next.status == 200);
  CHECK(next.json()->getArray("alerts")->getObject(0)->getValue<long>("id") >
        page.json()->getArray("alerts")->getObject(0)->getValue<long>("id"));

  CHECK(t.get("/api/v1/alerts?status=maybe", t.admin).status == 400);
  CHECK(t.get("/api/v1/alerts?kind=NOT_A_KIND", t.admin).status == 400);
  CHECK(t.get("/api/v1/alerts?cursor=abc", t.admin).status == 400);
}

TEST_CASE("acknowledging an alert records the token and note; out of scope is 403") {
  TestServer t;
  long id = alert_of(t, "500001");
  const std::string path = "/api/v1/alerts/" + std::to_string(id) + "/ack";
  CHECK(t.call("POST", path, t.counselor_b, "{}").status == 403);
  auto r = t.call("POST", path, t.counselor_a, "{\"note\": \"Talked with Ana; retake in spring.\"}");
  REQUIRE(r.status == 200);
  auto j = r.json();
  CHECK(j->getValue<std::string>("status") == "acknowledged");
  CHECK(j->getValue<std::string>("acknowledged_by") == "counselor-a");
  CHECK(j->getValue<std::string>("ack_note") == "Talked with Ana; retake in spring.");
  // No body at all is fine too (the note is optional).
  CHECK(t.call("POST", path, t.admin, "", true).status == 200);
}

TEST_CASE("bad acknowledgements are 400, unknown alerts 404, GET on ack 405") {
  TestServer t;
  long id = alert_of(t, "500001");
  const std::string path = "/api/v1/alerts/" + std::to_string(id) + "/ack";
  for (const char* body : {"{", "[1,2]", "\"note\"", "{\"note\": 5}", "{\"nope\": \"x\"}", "{\"note\": \"\\u0000\"}"}) {
    INFO(body);
    auto r = t.call("POST", path, t.admin, body);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "bad_request");
  }
  CHECK(t.call("POST", "/api/v1/alerts/999999/ack", t.admin, "{}").status == 404);
  CHECK(t.call("POST", "/api/v1/alerts/abc/ack", t.admin, "{}").status == 400);
  CHECK(t.call("POST", path, t.admin, std::string(20000, ' ')).status == 413);
  auto wrong = t.get(path, t.admin);
  CHECK(wrong.status == 405);
  CHECK(wrong.headers["Allow"] == "POST");
}

TEST_CASE("gaps: admins see any school, counselors only their own") {
  TestServer t;
  auto r = t.get("/api/v1/gaps?metric=ag-on-track&by=gender", t.admin);
  REQUIRE(r.status == 200);
  auto j = r.json();
  CHECK(j->getValue<std::string>("metric") == "ag-on-track");
  CHECK(j->getValue<std::string>("by") == "gender");
  // Three students: every cell is under min_n 11, so nothing is shown.
  CHECK(j->getObject("all")->getValue<bool>("suppressed"));
  auto own = t.get("/api/v1/gaps?metric=ap", t.counselor_a);  // defaults to its one school
  REQUIRE(own.status == 200);
  CHECK(own.json()->getValue<std::string>("school") == "9900011");
  CHECK(t.get("/api/v1/gaps?school=9900022", t.counselor_a).status == 403);
  auto bad = t.get("/api/v1/gaps?metric=speed", t.admin);
  CHECK(bad.status == 400);
  CHECK(bad.json()->getObject("error")->getValue<std::string>("message").find("metric") != std::string::npos);
  CHECK(t.get("/api/v1/gaps?year=2025", t.admin).status == 400);
  CHECK(t.get("/api/v1/gaps?min_n=2", t.admin).status == 400);  // below privacy.min_n 11
}
