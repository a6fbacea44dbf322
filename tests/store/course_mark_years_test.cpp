// course_mark_years (schema 0006): how many marks each (school, course, year) has, kept exact
// by triggers on every write to course_marks, and filled from the stored marks on upgrade.
// The as-of year and the schools offering AP are read from it.
#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "agmon/store/evaluation_repo.h"
#include "agmon/store/migrator.h"
#include "agmon/store/student_repo.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

// "school course year marks" rows in key order, "; "-separated.
std::string counts(store::Database& db) {
  auto st = db.prepare(
      "SELECT coalesce(group_concat(row, '; '), '') FROM (SELECT school_code || ' ' || "
      "local_course_id || ' ' || academic_year || ' ' || marks AS row FROM course_mark_years "
      "ORDER BY school_code, local_course_id, academic_year)");
  REQUIRE(st.step());
  return st.str(0);
}

void add_mark(store::Database& db, const char* student, const char* school, const char* year,
              const char* term, const char* course) {
  auto st = db.prepare(
      "INSERT INTO course_marks(student_id, school_code, academic_year, term_code, "
      "local_course_id) VALUES (?1, ?2, ?3, ?4, ?5)");
  st.bind(1, student).bind(2, school).bind(3, year).bind(4, term).bind(5, course).run();
}

std::string one(store::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.step());
  return st.str(0);
}

}  // namespace

TEST_CASE("course_mark_years counts every insert, delete and move of a mark") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("c.db"));
  REQUIRE(db.ok());
  store::Database& d = **db;
  add_mark(d, "1001", "S1", "2024-2025", "S1", "CHEM");
  add_mark(d, "1001", "S1", "2024-2025", "S2", "CHEM");
  add_mark(d, "1002", "S1", "2024-2025", "S1", "CHEM");
  add_mark(d, "1002", "S1", "2025-2026", "S1", "CHEM");
  add_mark(d, "1002", "S2", "2025-2026", "S1", "CHEM");  // the same course id, another school
  CHECK(counts(d) == "S1 CHEM 2024-2025 3; S1 CHEM 2025-2026 1; S2 CHEM 2025-2026 1");

  // A refused insert (the key is taken) counts nothing.
  d.exec(
      "INSERT OR IGNORE INTO course_marks(student_id, school_code, academic_year, term_code, "
      "local_course_id) VALUES ('1001', 'S1', '2024-2025', 'S1', 'CHEM')");
  // Updating a mark's other columns leaves the counts alone.
  d.exec("UPDATE course_marks SET mark = 'B' WHERE student_id = '1001'");
  CHECK(counts(d) == "S1 CHEM 2024-2025 3; S1 CHEM 2025-2026 1; S2 CHEM 2025-2026 1");

  // Deleting the last mark of a combination removes its row.
  d.exec("DELETE FROM course_marks WHERE school_code = 'S2'");
  CHECK(counts(d) == "S1 CHEM 2024-2025 3; S1 CHEM 2025-2026 1");
  d.exec("DELETE FROM course_marks WHERE student_id = '1001'");
  CHECK(counts(d) == "S1 CHEM 2024-2025 1; S1 CHEM 2025-2026 1");

  // Moving a mark to another course and year moves its count.
  d.exec(
      "UPDATE course_marks SET local_course_id = 'BIO', academic_year = '2025-2026' WHERE "
      "student_id = '1002' AND academic_year = '2024-2025'");
  CHECK(counts(d) == "S1 BIO 2025-2026 1; S1 CHEM 2025-2026 1");

  d.exec("DELETE FROM course_marks");
  CHECK(counts(d).empty());
}

TEST_CASE("the as-of year and the schools offering AP are read from course_mark_years") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("c.db"));
  REQUIRE(db.ok());
  store::Database& d = **db;
  CHECK(store::StudentRepo(d).latest_school_year().empty());  // no marks yet
  d.exec(
      "INSERT INTO courses(school_code, local_course_id, academic_year, course_title, rigor) "
      "VALUES ('S1', 'APBIO', '', 'AP Biology', 'AP'), "       // AP in every year
      "('S2', 'APCHEM', '2025-2026', 'AP Chemistry', 'AP'), "  // AP in 2025-2026 only
      "('S2', 'APCHEM', '2024-2025', 'Chemistry', ''), "
      "('S3', 'APBIO', '', 'Biology', '')");  // same id, not AP here
  add_mark(d, "1001", "S1", "2024-2025", "S1", "APBIO");
  add_mark(d, "1002", "S2", "2024-2025", "S1", "APCHEM");
  add_mark(d, "1003", "S2", "2025-2026", "S1", "APCHEM");
  add_mark(d, "1004", "S3", "2025-2026", "S1", "APBIO");
  CHECK(store::StudentRepo(d).latest_school_year() == "2025-2026");

  store::EvaluationRepo(d).refresh_school_ap_offer();
  CHECK(one(d,
            "SELECT group_concat(school_code || ' ' || academic_year, '; ') FROM (SELECT * "
            "FROM school_ap_offer ORDER BY 1, 2)") == "S1 2024-2025; S2 2025-2026");

  // The only AP mark of S2 in 2025-2026 goes: S2 no longer offers AP that year.
  d.exec("DELETE FROM course_marks WHERE student_id = '1003'");
  store::EvaluationRepo(d).refresh_school_ap_offer();
  CHECK(one(d,
            "SELECT group_concat(school_code || ' ' || academic_year, '; ') FROM "
            "school_ap_offer") == "S1 2024-2025");
  CHECK(store::StudentRepo(d).latest_school_year() == "2025-2026");  // S3's mark is left
}

TEST_CASE("upgrading to schema 6 counts the stored marks and drops the index it replaces") {
  test::TempDir dir;
  const std::string path = dir.file("c.db");
  {
    auto db = store::Database::open(path);
    REQUIRE(db.ok());
    store::Database& d = **db;
    add_mark(d, "1001", "S1", "2024-2025", "S1", "CHEM");
    add_mark(d, "1001", "S1", "2024-2025", "S2", "CHEM");
    add_mark(d, "1002", "S1", "2025-2026", "S1", "ENG");
    // Back to schema 5 as version 5 left it: the index, no table, no triggers.
    d.exec("DROP TABLE course_mark_years");  // drops its triggers' target, not the triggers
    for (const char* t :
         {"course_mark_years_insert", "course_mark_years_delete", "course_mark_years_move"})
      d.exec(std::string("DROP TRIGGER ") + t);
    d.exec("CREATE INDEX course_marks_school_year ON course_marks(school_code, academic_year)");
    d.exec("DELETE FROM schema_migrations WHERE version = 6");
  }
  auto db = store::Database::open(path);  // migrates to 6 again
  REQUIRE(db.ok());
  store::Database& d = **db;
  CHECK(store::current_schema_version(d) >= 6);
  CHECK(counts(d) == "S1 CHEM 2024-2025 2; S1 ENG 2025-2026 1");
  CHECK(one(d, "SELECT count(*) FROM sqlite_master WHERE name = 'course_marks_school_year'") ==
        "0");
  CHECK(one(d,
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
            "'course_marks'") == "3");
  add_mark(d, "1003", "S1", "2025-2026", "S1", "ENG");  // and the triggers count from there
  CHECK(counts(d) == "S1 CHEM 2024-2025 2; S1 ENG 2025-2026 2");
}
