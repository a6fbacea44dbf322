// CourseTally: one entry per (school, course) of an import call, found again whichever way it
// is asked for, counting a first load's marks per school year and adding them to
// course_mark_years.
#include "store/course_tally.h"

#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "support/test_support.h"

using namespace agmon;

TEST_CASE("a course tally keeps one entry per school and course") {
  store::CourseTally tally;
  store::CourseTally::Course& eng = tally.course("101", "ENG9");
  eng.known = true;
  CHECK(&tally.course("101", "ENG9") == &eng);  // asked again at once
  store::CourseTally::Course& alg = tally.course("101", "ALG1");
  CHECK(&alg != &eng);
  CHECK_FALSE(alg.known);
  CHECK(&tally.course("101", "ENG9") == &eng);  // asked again later
  // The same characters split differently are different courses.
  CHECK(&tally.course("1", "01ENG9") != &eng);
  CHECK(&tally.course("101E", "NG9") != &eng);
  CHECK(&tally.course("102", "ENG9") != &eng);
  for (int i = 0; i < 5000; ++i) tally.course("200", "C" + std::to_string(i));  // the table grows
  CHECK(&tally.course("101", "ENG9") == &eng);
  CHECK(eng.known);
}

TEST_CASE("a course tally's year counts are added to course_mark_years") {
  test::TempDir dir;
  auto opened = store::Database::open(dir.file("t.db"));
  REQUIRE(opened.ok());
  store::Database& db = **opened;
  db.exec(
      "INSERT INTO course_mark_years(school_code, local_course_id, academic_year, marks) "
      "VALUES ('101', 'ENG9', '2024-2025', 10)");
  store::CourseTally tally;
  auto& eng = tally.course("101", "ENG9");
  eng.count_mark("2024-2025");
  eng.count_mark("2025-2026");
  eng.count_mark("2024-2025");
  tally.course("101", "ALG1").count_mark("2025-2026");
  tally.course("102", "ART").known = true;  // known, no mark: no row
  tally.write_year_counts(db);
  auto st = db.prepare(
      "SELECT group_concat(school_code || ' ' || local_course_id || ' ' || academic_year || ' ' || "
      "marks, '; ') FROM (SELECT * FROM course_mark_years ORDER BY 1, 2, 3)");
  REQUIRE(st.step());
  CHECK(st.str(0) == "101 ALG1 2025-2026 1; 101 ENG9 2024-2025 12; 101 ENG9 2025-2026 1");
}
