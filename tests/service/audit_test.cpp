// The FERPA audit log: direct writes, filters, and the daemon's buffered writer (flushes,
// keeps entries while the database is locked, refuses beyond its backlog).
#include <catch2/catch.hpp>

#include "agmon/service/audit.h"
#include "support/test_support.h"

using namespace agmon;
using service::AuditEntry;

namespace {

std::unique_ptr<store::Database> open_db(const std::string& path) {
  auto db = store::Database::open(path);
  REQUIRE(db.ok());
  return std::move(db.value());
}

long count_rows(store::Database& db) {
  auto st = db.prepare("SELECT count(*) FROM audit_log");
  REQUIRE(st.step());
  return static_cast<long>(st.integer(0));
}

AuditEntry entry(std::string at, std::string student) {
  return {std::move(at), "ms-lee", "counselor", std::move(student), "GET /api/v1/students/{id}", "127.0.0.1"};
}

}  // namespace

TEST_CASE("audit rows are listed oldest first and filtered by student and since") {
  test::TempDir dir;
  auto db = open_db(dir.file("a.db"));
  REQUIRE(service::record_reads(*db, {entry("2026-01-09T23:59:59Z", "900001"),
                                      entry("2026-01-10T08:00:00Z", "900002"),
                                      entry("2026-01-10T09:00:00Z", "900001")})
              .ok());
  auto all = service::list_audit(*db, {});
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  CHECK(all->front().student_id == "900001");
  CHECK(all->front().at == "2026-01-09T23:59:59Z");
  CHECK(all->front().endpoint == "GET /api/v1/students/{id}");

  service::AuditFilter f;
  f.student = "900001";
  CHECK(service::list_audit(*db, f)->size() == 2);
  f.since = "2026-01-10";  // the 09T23:59:59 row is before the day starts
  auto since = service::list_audit(*db, f);
  REQUIRE(since->size() == 1);
  CHECK(since->front().at == "2026-01-10T09:00:00Z");

  service::AuditFilter last;
  last.limit = 2;  // the newest two, shown oldest first
  auto tail = service::list_audit(*db, last);
  REQUIRE(tail->size() == 2);
  CHECK(tail->at(0).student_id == "900002");
  CHECK(tail->at(1).at == "2026-01-10T09:00:00Z");
}

TEST_CASE("a malformed --since is refused naming the accepted forms") {
  for (const char* bad : {"yesterday", "2026-1-10", "2026-01-10 08:00", "2026-01-10T08:00:00", "'; DROP"}) {
    INFO(bad);
    auto st = service::validate_since(bad);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("YYYY-MM-DD") != std::string::npos);
  }
  CHECK(service::validate_since("2026-01-10").ok());
  CHECK(service::validate_since("2026-01-10T08:00:00Z").ok());
}

TEST_CASE("the buffered audit log writes queued reads on flush and on destruction") {
  test::TempDir dir;
  const std::string path = dir.file("a.db");
  auto db = open_db(path);
  {
    service::AuditLog::Options o;
    o.flush_interval_ms = 60000;  // only explicit flushes in this test
    service::AuditLog log(path, o);
    REQUIRE(log.record(entry("", "900001")));
    REQUIRE(log.record({entry("", "900002"), entry("", "900003")}));
    CHECK(log.backlog() == 3);
    CHECK(count_rows(*db) == 0);
    REQUIRE(log.flush().ok());
    CHECK(log.backlog() == 0);
    CHECK(count_rows(*db) == 3);
    REQUIRE(log.record(entry("", "900004")));
  }
  CHECK(count_rows(*db) == 4);  // the destructor flushed the last one
  auto rows = service::list_audit(*db, {});
  REQUIRE(rows.ok());
  CHECK(rows->front().at.size() == 20);  // stamped at record time: YYYY-MM-DDTHH:MM:SSZ
}

TEST_CASE("the buffered audit log keeps entries while the database is locked and refuses past its backlog") {
  test::TempDir dir;
  const std::string path = dir.file("a.db");
  auto db = open_db(path);
  service::AuditLog::Options o;
  o.flush_interval_ms = 60000;
  o.max_backlog = 3;
  o.busy_timeout_ms = 50;
  std::string last_error;
  o.on_error = [&](const std::string& m) { last_error = m; };
  service::AuditLog log(path, o);
  REQUIRE(log.record({entry("", "1"), entry("", "2")}));
  CHECK_FALSE(log.record({entry("", "3"), entry("", "4")}));  // 2 + 2 > 3: nothing queued
  CHECK(log.backlog() == 2);
  {
    store::Transaction writer(*db);  // e.g. the nightly import holds the write lock
    CHECK_FALSE(log.flush().ok());
    CHECK(log.backlog() == 2);
    CHECK_FALSE(last_error.empty());
  }
  REQUIRE(log.flush().ok());
  CHECK(count_rows(*db) == 2);
  auto rows = service::list_audit(*db, {});
  CHECK(rows->at(0).student_id == "1");
  CHECK(rows->at(1).student_id == "2");
}

TEST_CASE("audit JSON escapes every field") {
  auto json = service::audit_json({{"2026-01-10T08:00:00Z", "a\"b", "admin", "9", "GET /x", ""}});
  CHECK(json ==
        "[{\"at\":\"2026-01-10T08:00:00Z\",\"token\":\"a\\\"b\",\"role\":\"admin\",\"student_id\":\"9\","
        "\"endpoint\":\"GET /x\",\"client\":\"\"}]");
}
