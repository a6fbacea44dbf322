// The import history: newest first with paging, one import with its files and a page of its
// quarantined rows, and the totals /metrics shows.
#include <catch2/catch.hpp>

#include "agmon/service/import_history.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

struct History {
  test::TempDir dir;
  std::unique_ptr<store::Database> db;
  History() {
    auto opened = store::Database::open(dir.file("h.db"));
    REQUIRE(opened.ok());
    db = std::move(opened.value());
    db->exec(
        "INSERT INTO imports(import_id, started_at, finished_at, mode, origin, outcome, rows_read, "
        "rows_applied, rows_quarantined, seconds, message, report_json) VALUES "
        "(1,'2026-01-08T02:00:00Z','2026-01-08T02:00:05Z','incremental','cli','applied',100,100,0,5,'ok','{\"a\":1}'),"
        "(2,'2026-01-09T02:00:00Z','2026-01-09T02:00:04Z','incremental','inbox','applied_with_quarantine',50,47,3,4,'q','{}'),"
        "(3,'2026-01-10T02:00:00Z','2026-01-10T02:00:01Z','full','http','rejected',10,0,9,1,'bad header','{}')");
    db->exec(
        "INSERT INTO import_files(import_id, file_name, kind, sha256, rows_read, rows_quarantined) VALUES "
        "(2,'students.csv','canonical_students','ab',20,0),(2,'course_marks.csv','canonical_marks','cd',30,3)");
    db->exec(
        "INSERT INTO quarantined_rows(import_id, file_name, line, column_name, value, kind, reason, raw) VALUES "
        "(2,'course_marks.csv',4,'mark','Z','bad_code','unknown mark Z','x'),"
        "(2,'course_marks.csv',9,'student_id','7','orphan','unknown student 7','y'),"
        "(2,'course_marks.csv',12,'','','wrong_column_count','3 fields, expected 14','z')");
  }
};

}  // namespace

TEST_CASE("imports are listed newest first, paged by cursor") {
  History h;
  auto first = service::list_imports(*h.db, 2, "");
  REQUIRE(first.ok());
  REQUIRE(first->imports.size() == 2);
  CHECK(first->imports[0].import_id == 3);
  CHECK(first->imports[0].origin == "http");
  CHECK(first->imports[1].outcome == "applied_with_quarantine");
  auto second = service::list_imports(*h.db, 2, first->next_cursor);
  REQUIRE(second.ok());
  REQUIRE(second->imports.size() == 1);
  CHECK(second->imports[0].import_id == 1);
  CHECK(second->next_cursor.empty());
  CHECK(service::list_imports(*h.db, 0, "").error().code == core::ErrorCode::kInvalidArgument);
  CHECK(service::list_imports(*h.db, 5, "zzz").error().code == core::ErrorCode::kInvalidArgument);
}

TEST_CASE("one import shows its report, files and quarantined rows a page at a time") {
  History h;
  auto d = service::import_detail(*h.db, 2, 2, "");
  REQUIRE(d.ok());
  CHECK(d->summary.rows_quarantined == 3);
  REQUIRE(d->files.size() == 2);
  CHECK(d->files[1].file == "course_marks.csv");
  REQUIRE(d->quarantined.size() == 2);
  CHECK(d->quarantined[0].line == 4);
  CHECK(d->quarantined[1].reason == "unknown student 7");
  REQUIRE_FALSE(d->next_cursor.empty());
  auto rest = service::import_detail(*h.db, 2, 2, d->next_cursor);
  REQUIRE(rest.ok());
  REQUIRE(rest->quarantined.size() == 1);
  CHECK(rest->quarantined[0].line == 12);
  CHECK(rest->next_cursor.empty());

  auto json = service::import_detail_json(*service::import_detail(*h.db, 1, 10, ""));
  CHECK(json.find("\"report\":{\"a\":1},\"files\":[],\"quarantined\":[],\"next_cursor\":null}") !=
        std::string::npos);
  CHECK(service::import_detail(*h.db, 99, 10, "").error().code == core::ErrorCode::kNotFound);
}

TEST_CASE("import totals count imports by outcome and rows of applied imports only") {
  History h;
  auto t = service::import_totals(*h.db);
  REQUIRE(t.ok());
  CHECK(t->imports_by_outcome.at("applied") == 1);
  CHECK(t->imports_by_outcome.at("rejected") == 1);
  CHECK(t->rows_applied == 147);     // 100 + 47; the rejected call applied nothing
  CHECK(t->rows_quarantined == 3);   // 0 + 3; the rejected call's 9 were never data
}
