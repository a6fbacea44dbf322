// GET /api/v1/students/{id} and GET /api/v1/students: reports and lists, scope rules (403 and
// no audit row for a refused read), audit rows for every record read, parameter validation.
#include <thread>

#include "http/http_fixture.h"

using agmon::test::TestServer;

TEST_CASE("an admin reads a student report and the read is audited") {
  TestServer t;
  auto r = t.get("/api/v1/students/500001", t.admin);
  REQUIRE(r.status == 200);
  CHECK(r.headers["Content-Type"] == "application/json; charset=utf-8");
  CHECK(r.headers["Cache-Control"] == "no-store");
  auto j = r.json();
  CHECK(j->getValue<std::string>("student_id") == "500001");
  CHECK(j->getValue<std::string>("school_id") == "9900011");
  CHECK(j->getValue<std::string>("counselor_id") == "C1");
  // English 11: B in S1 counts (1 semester of b); the S2 D waits for validation, and the
  // unvalidated D is an open alert spliced into the report.
  auto b = j->getObject("uc")->getObject("areas")->getObject("b");
  CHECK(b->getValue<int>("earned") == 1);
  CHECK(j->getArray("alerts")->size() >= 1);
  CHECK(t.audit_rows("500001") == 1);
  auto st = t.db->prepare("SELECT token_name, role, endpoint, client FROM audit_log");
  REQUIRE(st.step());
  CHECK(st.str(0) == "admin");
  CHECK(st.str(1) == "admin");
  CHECK(st.str(2) == "GET /api/v1/students/{id}");
  CHECK(st.str(3) == "127.0.0.1");
}

TEST_CASE("a counselor of school A asking for a student of school B gets 403 and no audit row") {
  TestServer t;
  auto r = t.get("/api/v1/students/500003", t.counselor_a);
  CHECK(r.status == 403);
  CHECK(r.error_code() == "forbidden");
  CHECK(t.audit_rows() == 0);
  // In scope: the same counselor reads a student of school A.
  CHECK(t.get("/api/v1/students/500002", t.counselor_a).status == 200);
  CHECK(t.audit_rows() == 1);
}

TEST_CASE("a caseload-bound counselor sees only its own caseload") {
  TestServer t;
  CHECK(t.get("/api/v1/students/500001", t.counselor_c1).status == 200);
  CHECK(t.get("/api/v1/students/500002", t.counselor_c1).status == 403);  // caseload C2
  auto list = t.get("/api/v1/students", t.counselor_c1);
  REQUIRE(list.status == 200);
  auto students = list.json()->getArray("students");
  REQUIRE(students->size() == 1);
  CHECK(students->getObject(0)->getValue<std::string>("student_id") == "500001");
  CHECK(t.get("/api/v1/students?counselor=C2", t.counselor_c1).status == 403);
  CHECK(t.audit_rows("500002") == 0);
}

TEST_CASE("the student list pages with cursors and audits every row returned") {
  TestServer t;
  auto first = t.get("/api/v1/students?limit=2", t.admin);
  REQUIRE(first.status == 200);
  auto j = first.json();
  REQUIRE(j->getArray("students")->size() == 2);
  CHECK(j->getArray("students")->getObject(0)->getValue<std::string>("last_name") == "Alvarez");
  std::string cursor = j->getValue<std::string>("next_cursor");
  auto second = t.get("/api/v1/students?limit=2&cursor=" + cursor, t.admin);
  REQUIRE(second.status == 200);
  auto rest = second.json()->getArray("students");
  REQUIRE(rest->size() == 1);
  CHECK(rest->getObject(0)->getValue<std::string>("student_id") == "500003");
  CHECK(second.json()->isNull("next_cursor"));
  CHECK(t.audit_rows() == 3);  // 2 + 1 rows read

  auto school_b = t.get("/api/v1/students?school=9900022", t.counselor_b);
  REQUIRE(school_b.status == 200);
  CHECK(school_b.json()->getArray("students")->size() == 1);
  CHECK(t.get("/api/v1/students?school=9900011", t.counselor_b).status == 403);
  auto search = t.get("/api/v1/students?q=bro", t.admin);  // last name Brook
  REQUIRE(search.status == 200);
  CHECK(search.json()->getArray("students")->size() == 1);
}

TEST_CASE("bad student ids and list parameters are 400 naming the parameter; unknown is 404") {
  TestServer t;
  CHECK(t.get("/api/v1/students/999999", t.admin).status == 404);
  auto bad_id = t.get("/api/v1/students/50%3B0001", t.admin);  // "50;0001"
  CHECK(bad_id.status == 400);
  for (const char* q : {"limit=0", "limit=1001", "limit=ten", "cursor=@@@", "cursor=c3R1ZGVudHM",
                        "school=a%20b", "sort=name", "limit=1&limit=2", "q=%FF%FE"}) {
    INFO(q);
    auto r = t.get(std::string("/api/v1/students?") + q, t.admin);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "bad_request");
  }
  auto named = t.get("/api/v1/students?limit=0", t.admin);
  CHECK(named.json()->getObject("error")->getValue<std::string>("message").find("'limit'") != std::string::npos);
  CHECK(t.get("/api/v1/students/500001?x=1", t.admin).status == 400);
  CHECK(t.audit_rows() == 0);
}

TEST_CASE("a cached report follows acknowledgements, uploads and other processes' imports") {
  TestServer t;
  auto before = t.get("/api/v1/students/500001", t.admin);  // fills the cache
  REQUIRE(before.status == 200);
  auto alerts = before.json()->getArray("alerts");
  REQUIRE(alerts->size() >= 1);
  long id = alerts->getObject(0)->getValue<long>("id");
  CHECK(alerts->getObject(0)->getValue<std::string>("status") == "open");
  REQUIRE(t.call("POST", "/api/v1/alerts/" + std::to_string(id) + "/ack", t.admin, "{}").status == 200);
  auto after = t.get("/api/v1/students/500001", t.admin);
  CHECK(after.json()->getArray("alerts")->getObject(0)->getValue<std::string>("status") == "acknowledged");

  // An upload through the API: the next read shows it at once (one more course record).
  auto courses = [&t] {
    return t.get("/api/v1/students/500002", t.admin).json()->getArray("courses")->size();
  };
  const size_t before2 = courses();
  REQUIRE(t.call("POST", "/api/v1/imports?name=course_marks.csv", t.admin,
                 "student_id,school_code,academic_year,term_code,local_course_id,mark\n"
                 "500002,9900011,2025-2026,S1,ENG11,B\n")
              .status == 200);
  CHECK(courses() == before2 + 1);

  // An import by another process (here: the service on its own connection) is noticed by the
  // watcher within its check interval (250 ms); wait at most 3 s.
  agmon::test::write_file(t.dir.file("more.csv"),
                          "student_id,school_code,academic_year,term_code,local_course_id,mark\n"
                          "500002,9900011,2025-2026,S2,ENG11,B\n");
  auto r = agmon::service::run_import(t.db_path, {t.dir.file("more.csv")}, {}, agmon::service::Settings());
  REQUIRE(r.exit_code == agmon::service::kImportApplied);
  size_t now = 0;
  for (int i = 0; i < 60 && now != before2 + 2; ++i) {
    now = courses();
    if (now != before2 + 2) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(now == before2 + 2);
}
