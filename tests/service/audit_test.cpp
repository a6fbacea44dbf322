// The FERPA audit log: direct writes, filters, and the daemon's buffered writer (flushes,
// spools entries while the database is locked, keeps them in memory and refuses beyond its
// backlog when it cannot spool).
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

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

// A database, and the options of a buffered log over it that flushes only when told, waits
// 50 ms for a lock and keeps its last error.
struct LockedAuditDb {
  test::TempDir dir;
  std::string path = dir.file("a.db");
  std::unique_ptr<store::Database> db = open_db(path);
  std::string last_error;

  service::AuditLog::Options options() {
    service::AuditLog::Options o;
    o.flush_interval_ms = 60000;
    o.busy_timeout_ms = 50;
    o.on_error = [this](const std::string& m) { last_error = m; };
    return o;
  }
};

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

TEST_CASE("while the database is locked, the buffered audit log spools reads and writes them after") {
  LockedAuditDb t;
  auto o = t.options();
  o.max_backlog = 3;
  service::AuditLog log(t.path, o);
  REQUIRE(log.record({entry("", "1"), entry("", "2")}));
  {
    store::Transaction writer(*t.db);  // e.g. the nightly import holds the write lock
    CHECK_FALSE(log.flush().ok());     // not in the database yet...
    CHECK(log.backlog() == 2);         // ...but spooled, and counted as waiting
    CHECK(std::filesystem::exists(t.path + "-audit-spool"));
    // Memory is free again: three more fit the in-memory limit of 3, and are spooled too.
    REQUIRE(log.record({entry("", "3"), entry("", "4"), entry("", "5")}));
    CHECK_FALSE(log.flush().ok());
    CHECK(log.backlog() == 5);
    CHECK(t.last_error.empty());  // the lock is expected: no error for the operator
  }
  REQUIRE(log.record(entry("", "6")));  // newer than the spooled rows
  REQUIRE(log.flush().ok());
  CHECK(log.backlog() == 0);
  CHECK_FALSE(std::filesystem::exists(t.path + "-audit-spool"));
  auto rows = service::list_audit(*t.db, {});
  REQUIRE(rows->size() == 6);
  for (size_t i = 0; i < 6; ++i) CHECK(rows->at(i).student_id == std::to_string(i + 1));
  CHECK(rows->at(0).endpoint == "GET /api/v1/students/{id}");
  CHECK(rows->at(0).at.size() == 20);
}

TEST_CASE("without a spool, the buffered audit log keeps reads in memory and refuses past its backlog") {
  LockedAuditDb t;
  auto o = t.options();
  o.max_backlog = 3;
  o.spool_path = t.dir.file("no-such-folder/spool");  // cannot be created
  service::AuditLog log(t.path, o);
  REQUIRE(log.record({entry("", "1"), entry("", "2")}));
  CHECK_FALSE(log.record({entry("", "3"), entry("", "4")}));  // 2 + 2 > 3: nothing queued
  CHECK(log.backlog() == 2);
  {
    store::Transaction writer(*t.db);
    CHECK_FALSE(log.flush().ok());
    CHECK(log.backlog() == 2);
    CHECK(t.last_error.find("audit spool") != std::string::npos);  // why memory is holding them
  }
  REQUIRE(log.flush().ok());
  CHECK(count_rows(*t.db) == 2);
  auto rows = service::list_audit(*t.db, {});
  CHECK(rows->at(0).student_id == "1");
  CHECK(rows->at(1).student_id == "2");
}

TEST_CASE("a spool left by a daemon stopped while the database was locked is written by the next one") {
  LockedAuditDb t;
  auto o = t.options();
  {
    store::Transaction writer(*t.db);
    service::AuditLog log(t.path, o);
    REQUIRE(log.record({entry("", "1"), entry("", "2")}));
  }  // stopped: its last flush could only spool
  CHECK(count_rows(*t.db) == 0);
  // A crash in the middle of an append leaves a row cut short: it is dropped, and the next
  // append writes over it.
  {
    std::FILE* f = std::fopen((t.path + "-audit-spool").c_str(), "ab");
    REQUIRE(f);
    std::fwrite("\x14\x00\x00\x00" "2026-01", 1, 11, f);
    std::fclose(f);
  }
  service::AuditLog next(t.path, o);
  CHECK(next.backlog() == 2);
  {
    store::Transaction writer(*t.db);
    REQUIRE(next.record(entry("", "3")));
    CHECK_FALSE(next.flush().ok());  // appended after the two complete rows
  }
  REQUIRE(next.flush().ok());
  auto rows = service::list_audit(*t.db, {});
  REQUIRE(rows->size() == 3);
  CHECK(rows->at(0).student_id == "1");
  CHECK(rows->at(1).student_id == "2");
  CHECK(rows->at(2).student_id == "3");
  CHECK(rows->at(0).token_name == "ms-lee");
  CHECK(rows->at(0).client == "127.0.0.1");
}

TEST_CASE("a file at the spool's path that is not a spool is left alone and reads stay in memory") {
  LockedAuditDb t;
  auto o = t.options();
  test::write_file(t.path + "-audit-spool", "someone's notes\n");
  service::AuditLog log(t.path, o);
  CHECK(log.backlog() == 0);
  REQUIRE(log.record(entry("", "1")));
  {
    store::Transaction writer(*t.db);
    CHECK_FALSE(log.flush().ok());
    CHECK(t.last_error.find("is not an agmon audit spool") != std::string::npos);
  }
  REQUIRE(log.flush().ok());
  CHECK(count_rows(*t.db) == 1);
  CHECK(test::read_file(t.path + "-audit-spool") == "someone's notes\n");
}

TEST_CASE("audit JSON escapes every field") {
  auto json = service::audit_json({{"2026-01-10T08:00:00Z", "a\"b", "admin", "9", "GET /x", ""}});
  CHECK(json ==
        "[{\"at\":\"2026-01-10T08:00:00Z\",\"token\":\"a\\\"b\",\"role\":\"admin\",\"student_id\":\"9\","
        "\"endpoint\":\"GET /x\",\"client\":\"\"}]");
}
