// Migrations: applied in order at open time, recorded, idempotent, and a newer database is
// refused with a clear message.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "agmon/store/database.h"
#include "agmon/store/migrator.h"
#include "support/test_support.h"

using namespace agmon;

TEST_CASE("a new database gets every migration, recorded in schema_migrations") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("a.db"));
  REQUIRE(db.ok());
  REQUIRE(store::latest_schema_version() >= 1);
  CHECK((*db)->schema_version() == store::latest_schema_version());
  auto st = (*db)->prepare("SELECT count(*) FROM schema_migrations");
  REQUIRE(st.step());
  CHECK(st.integer(0) == static_cast<long>(store::embedded_migrations().size()));
  // The tables later layers rely on exist.
  for (const char* table : {"students", "courses", "course_marks", "imports", "quarantined_rows",
                            "student_evaluations", "alerts", "api_tokens", "audit_log"}) {
    auto t = (*db)->prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?");
    t.bind(1, table);
    REQUIRE(t.step());
    INFO(table);
    CHECK(t.integer(0) == 1);
  }
}

TEST_CASE("re-opening applies nothing twice") {
  test::TempDir dir;
  { REQUIRE(store::Database::open(dir.file("a.db")).ok()); }
  auto db = store::Database::open(dir.file("a.db"));
  REQUIRE(db.ok());
  auto st = (*db)->prepare("SELECT count(*) FROM schema_migrations");
  REQUIRE(st.step());
  CHECK(st.integer(0) == static_cast<long>(store::embedded_migrations().size()));
}

TEST_CASE("migrations apply in order and only the missing ones") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("a.db"));
  REQUIRE(db.ok());
  int base = store::latest_schema_version();
  std::vector<store::Migration> extra = store::embedded_migrations();
  extra.push_back({base + 1, "9998_first.sql", "CREATE TABLE t_first (x INTEGER);"});
  extra.push_back({base + 2, "9999_second.sql", "INSERT INTO t_first VALUES (42);"});
  REQUIRE(store::migrate(**db, extra).ok());
  CHECK(store::current_schema_version(**db) == base + 2);
  auto st = (*db)->prepare("SELECT x FROM t_first");
  REQUIRE(st.step());
  CHECK(st.integer(0) == 42);
}

TEST_CASE("a failing migration leaves the database at the previous version") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("a.db"));
  REQUIRE(db.ok());
  int base = store::latest_schema_version();
  std::vector<store::Migration> bad = store::embedded_migrations();
  bad.push_back({base + 1, "9999_bad.sql", "CREATE TABLE t_ok (x); THIS IS NOT SQL;"});
  CHECK_THROWS_AS(store::migrate(**db, bad), store::StoreError);
  CHECK(store::current_schema_version(**db) == base);
  auto st = (*db)->prepare("SELECT count(*) FROM sqlite_master WHERE name = 't_ok'");
  REQUIRE(st.step());
  CHECK(st.integer(0) == 0);
}

TEST_CASE("a database made by a newer agmon is refused with a clear message") {
  test::TempDir dir;
  {
    auto db = store::Database::open(dir.file("a.db"));
    REQUIRE(db.ok());
    (*db)->exec("INSERT INTO schema_migrations(version, name) VALUES (999, '0999_future.sql')");
  }
  auto again = store::Database::open(dir.file("a.db"));
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message.find("newer agmon") != std::string::npos);
  auto ro = store::Database::open(dir.file("a.db"), store::OpenMode::kReadOnly);
  REQUIRE_FALSE(ro.ok());
  CHECK(ro.error().message.find("newer agmon") != std::string::npos);
}

TEST_CASE("the database file is created readable by its owner only, in WAL mode") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("a.db"));
  REQUIRE(db.ok());
  struct stat sb {};
  REQUIRE(stat(dir.file("a.db").c_str(), &sb) == 0);
  CHECK((sb.st_mode & 0777) == 0600);
  auto st = (*db)->prepare("PRAGMA journal_mode");
  REQUIRE(st.step());
  CHECK(st.str(0) == "wal");
  auto fk = (*db)->prepare("PRAGMA foreign_keys");
  REQUIRE(fk.step());
  CHECK(fk.integer(0) == 1);
}
