// Page size: a new database uses 8 KB pages, so an evaluation row with its packed report fits
// in one b-tree cell (no overflow page per student); an existing database keeps its own size.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "agmon/store/database.h"
#include "agmon/store/evaluation_repo.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

long pragma_int(store::Database& db, const char* sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.step());
  return static_cast<long>(st.integer(0));
}

}  // namespace

TEST_CASE("a new database has 8 KB pages and a 1.5 KB report needs no overflow page") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("p.db"));
  REQUIRE(db.ok());
  CHECK(pragma_int(**db, "PRAGMA page_size") == 8192);
  store::EvaluationRepo repo(**db);
  store::EvaluationRow row;
  row.student_id = "1001";
  row.school_code = "S1";
  row.as_of_year = "2025-2026";
  // 1,500 bytes that do not compress (a packed report is already compressed).
  for (int i = 0; i < 1500; ++i) row.report_packed.push_back(static_cast<char>((i * 7919 + 13) % 251));
  repo.save(row, std::nullopt);
  // Pages in use: the schema's tables and indexes, each at least one page, and no more for
  // this row: with 4 KB pages a WITHOUT ROWID cell holds at most ~1,000 bytes and the row
  // would spill into an overflow page.
  auto st = (*db)->prepare("SELECT count(*) FROM dbstat WHERE name = 'student_evaluations'");
  REQUIRE(st.step());
  CHECK(st.integer(0) == 1);
}

TEST_CASE("an existing database keeps its page size") {
  test::TempDir dir;
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(dir.file("old.db").c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "PRAGMA page_size = 4096; CREATE TABLE t (x);", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(raw);
  }
  auto db = store::Database::open(dir.file("old.db"));
  REQUIRE(db.ok());
  CHECK(pragma_int(**db, "PRAGMA page_size") == 4096);
}
