// CatalogRepo: the catalog read back as stored, and a crosswalk that fills area and rigor and
// marks the students with marks in the changed courses (and only them) for re-evaluation.
#include "agmon/store/catalog_repo.h"

#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "agmon/store/import_stage.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

std::vector<std::string> touched(store::Database& db) {
  std::vector<std::string> out;
  auto st = db.prepare("SELECT student_id FROM temp.touched_students ORDER BY student_id");
  while (st.step()) out.push_back(st.str(0));
  return out;
}

}  // namespace

TEST_CASE("a crosswalk fills the catalog and touches the students who took the course") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("c.db"));
  REQUIRE(db.ok());
  store::Database& d = **db;
  d.exec(
      "INSERT INTO courses(school_code, local_course_id, academic_year, course_title, ag_area, "
      "rigor, "
      "transcript_abbrev) VALUES ('S1', 'CHEM', '', 'Chemistry', NULL, '', 'CHEM A|CHEM B'), "
      "('S1', 'ENG9', '2025-2026', 'English 9', 'b', 'honors', 'ENG 9')");
  d.exec(
      "INSERT INTO course_marks(student_id, school_code, academic_year, term_code, "
      "local_course_id) "
      "VALUES ('1001', 'S1', '2024-2025', 'S1', 'CHEM'), ('1001', 'S1', '2024-2025', 'S2', "
      "'CHEM'), "
      "('1002', 'S1', '2025-2026', 'S1', 'CHEM'), ('1003', 'S1', '2025-2026', 'S1', 'ENG9')");
  store::CatalogRepo repo(d);

  auto courses = repo.courses();
  REQUIRE(courses.size() == 2);
  const auto& chem = courses[0].local_course_id == "CHEM" ? courses[0] : courses[1];
  const auto& eng = courses[0].local_course_id == "CHEM" ? courses[1] : courses[0];
  CHECK(chem.school_code == "S1");
  CHECK(chem.academic_year.empty());
  CHECK(chem.course_title == "Chemistry");
  CHECK(chem.ag_area.empty());  // NULL reads as ""
  CHECK(chem.rigor.empty());
  CHECK(chem.transcript_abbrev == "CHEM A|CHEM B");
  CHECK(eng.academic_year == "2025-2026");
  CHECK(eng.ag_area == "b");
  CHECK(eng.rigor == "honors");

  store::Transaction tx(d);
  store::ImportStage stage(d);  // creates TEMP touched_students
  repo.apply_crosswalk({{"S1", "CHEM", "", std::string("d"), "honors"}});
  CHECK(touched(d) == std::vector<std::string>{"1001", "1002"});
  auto after = repo.courses();
  const auto& chem2 = after[0].local_course_id == "CHEM" ? after[0] : after[1];
  CHECK(chem2.ag_area == "d");
  CHECK(chem2.rigor == "honors");

  repo.apply_crosswalk({{"S1", "ENG9", "2025-2026", std::nullopt, "none"}});  // area cleared
  CHECK(touched(d) == std::vector<std::string>{"1001", "1002", "1003"});
  auto st = d.prepare("SELECT ag_area IS NULL, rigor FROM courses WHERE local_course_id = 'ENG9'");
  REQUIRE(st.step());
  CHECK(st.integer(0) == 1);
  CHECK(st.str(1) == "none");
}

TEST_CASE("one crosswalk call touches the takers of every changed course, school by school") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("c.db"));
  REQUIRE(db.ok());
  store::Database& d = **db;
  d.exec(
      "INSERT INTO courses(school_code, local_course_id, academic_year, course_title) VALUES "
      "('S1', 'CHEM', '', 'Chemistry'), ('S1', 'BIO', '', 'Biology'), "
      "('S2', 'CHEM', '', 'Chemistry'), ('S2', 'ART', '', 'Art')");
  d.exec(
      "INSERT INTO course_marks(student_id, school_code, academic_year, term_code, "
      "local_course_id) VALUES ('1001', 'S1', '2024-2025', 'S1', 'CHEM'), "
      "('1002', 'S1', '2024-2025', 'S1', 'BIO'), ('1003', 'S2', '2024-2025', 'S1', 'CHEM'), "
      "('1004', 'S2', '2024-2025', 'S1', 'ART')");
  store::Transaction tx(d);
  store::ImportStage stage(d);
  store::CatalogRepo repo(d);
  repo.apply_crosswalk({});  // nothing changed, nobody touched
  CHECK(touched(d).empty());
  // S2's CHEM and S1's BIO change; S1's CHEM (same id as S2's) and S2's ART do not.
  repo.apply_crosswalk(
      {{"S2", "CHEM", "", std::string("d"), ""}, {"S1", "BIO", "", std::string("d"), ""}});
  CHECK(touched(d) == std::vector<std::string>{"1002", "1003"});
}
