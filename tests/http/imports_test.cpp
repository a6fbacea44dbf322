// POST /api/v1/imports (streamed upload, same import service, 413, 409, 422) and the import
// history endpoints.
#include <filesystem>
#include <thread>

#include "http/http_fixture.h"

using agmon::test::TestServer;

namespace {

const char* kNewStudent =
    "student_id,school_code,grade_level,counselor_id,last_name,first_name\n"
    "500004,9900011,10,C2,Dune,Dara\n";

}  // namespace

TEST_CASE("an uploaded file is imported like the CLI would and shows up in the history") {
  TestServer t;
  auto r = t.call("POST", "/api/v1/imports?name=students.csv", t.importer, kNewStudent);
  REQUIRE(r.status == 200);
  auto j = r.json();
  CHECK(j->getValue<std::string>("outcome") == "applied");
  CHECK(j->getValue<long>("rows_read") == 1);
  CHECK(j->getArray("files")->getObject(0)->getValue<std::string>("file") == "students.csv");
  CHECK(j->getArray("files")->getObject(0)->getValue<std::string>("kind") == "students");
  long id = j->getValue<long>("import_id");
  CHECK(t.get("/api/v1/students/500004", t.admin).status == 200);  // visible to readers at once

  auto list = t.get("/api/v1/imports", t.importer);
  REQUIRE(list.status == 200);
  auto first = list.json()->getArray("imports")->getObject(0);
  CHECK(first->getValue<long>("import_id") == id);
  CHECK(first->getValue<std::string>("origin") == "http");
  auto detail = t.get("/api/v1/imports/" + std::to_string(id), t.admin);
  REQUIRE(detail.status == 200);
  CHECK(detail.json()->getArray("files")->size() == 1);
  CHECK(t.get("/api/v1/imports/99999", t.admin).status == 404);
  CHECK(t.get("/api/v1/imports/x1", t.admin).status == 400);
  // The upload folder is left empty.
  CHECK(std::filesystem::is_empty(t.dir.path() + "/.agmon-uploads"));
}

TEST_CASE("a file with bad rows is quarantined and listed; a bad header is refused with 422") {
  TestServer t;
  const std::string marks =
      "student_id,school_code,academic_year,term_code,local_course_id,mark\n"
      "500002,9900011,2025-2026,S1,ENG11,A\n"
      "777777,9900011,2025-2026,S1,ENG11,A\n";  // unknown student
  auto r = t.call("POST", "/api/v1/imports?name=course_marks.csv&max_reject_rate=0.9", t.admin, marks);
  REQUIRE(r.status == 200);
  CHECK(r.json()->getValue<std::string>("outcome") == "applied_with_quarantine");
  long id = r.json()->getValue<long>("import_id");
  auto detail = t.get("/api/v1/imports/" + std::to_string(id) + "?limit=10", t.admin);
  REQUIRE(detail.status == 200);
  auto q = detail.json()->getArray("quarantined");
  REQUIRE(q->size() == 1);
  CHECK(q->getObject(0)->getValue<long>("line") == 3);

  auto bad = t.call("POST", "/api/v1/imports", t.admin, "this,is,not\na,known,file\n");
  CHECK(bad.status == 422);
  CHECK(bad.error_code() == "import_rejected");
  CHECK(bad.json()->getObject("report")->getValue<std::string>("outcome") == "rejected");
}

TEST_CASE("uploads over the size limit are refused with 413 and nothing is imported") {
  agmon::http::ServerOptions o;
  o.max_upload_bytes = 64;
  TestServer t(o);
  auto r = t.call("POST", "/api/v1/imports?name=students.csv", t.admin,
                  std::string(kNewStudent) + "500005,9900011,10,C2,Eve,Eli\n");
  CHECK(r.status == 413);
  CHECK(r.error_code() == "payload_too_large");
  CHECK(t.get("/api/v1/imports", t.admin).json()->getArray("imports")->size() == 1);  // the fixture's
  CHECK(t.get("/healthz").status == 200);
}

TEST_CASE("a second upload while one is running gets 409") {
  TestServer t;
  // The first upload announces 1000 bytes and sends 10: it holds the import gate while the
  // server waits for the rest.
  Poco::Net::StreamSocket slow(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(t.server->port())));
  std::string head = "POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + t.admin +
                     "\r\nContent-Length: 1000\r\n\r\nstudent_id";
  slow.sendBytes(head.data(), static_cast<int>(head.size()));
  // Wait until the slow upload's handler holds the import gate (at most 2 s).
  bool held = false;
  for (int i = 0; i < 200 && !held; ++i) {
    held = !t.server->import_gate().try_enter().owns_lock();
    if (!held) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(held);
  auto second = t.call("POST", "/api/v1/imports", t.importer, kNewStudent);
  CHECK(second.status == 409);
  CHECK(second.error_code() == "conflict");
  slow.close();  // the first upload ends early: 400 to nobody, gate released
  agmon::test::Response third;
  for (int i = 0; i < 40; ++i) {
    third = t.call("POST", "/api/v1/imports?name=students.csv", t.importer, kNewStudent);
    if (third.status != 409) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(third.status == 200);
}

TEST_CASE("upload parameters are validated") {
  TestServer t;
  for (const char* q : {"mode=partial", "dry_run=maybe", "max_reject_rate=2", "name=../../etc/passwd", "x=1"}) {
    INFO(q);
    CHECK(t.call("POST", std::string("/api/v1/imports?") + q, t.admin, kNewStudent).status == 400);
  }
  auto empty = t.call("POST", "/api/v1/imports", t.admin, "", true);
  CHECK(empty.status == 400);
  auto dry = t.call("POST", "/api/v1/imports?name=students.csv&dry_run=true", t.admin, kNewStudent);
  REQUIRE(dry.status == 200);
  CHECK(dry.json()->getValue<std::string>("outcome") == "dry_run");
  CHECK(t.get("/api/v1/students/500004", t.admin).status == 404);  // nothing applied
}
