// The catalog join (catalog.h): year-specific rows, overrides, derived grade levels.
#include <catch2/catch.hpp>

#include "agmon/core/catalog.h"

using namespace agmon::core;

namespace {

Course course(const std::string& id, const std::string& year, const std::string& title, char area) {
  Course c;
  c.school_code = "101";
  c.local_course_id = id;
  c.academic_year = year;
  c.course_title = title;
  if (area != '-') c.ag_area = parse_area(std::string(1, area));
  return c;
}

CourseMark mark(const std::string& id, const std::string& year, const std::string& term, const std::string& m) {
  CourseMark k;
  k.student_id = "S1";
  k.school_code = "101";
  k.academic_year = year;
  k.term_code = term;
  k.local_course_id = id;
  k.mark = m;
  return k;
}

Student student(const std::string& grade) {
  Student s;
  s.student_id = "S1";
  s.school_code = "101";
  s.grade_level = grade;
  return s;
}

}  // namespace

TEST_CASE("a year-specific catalog row wins over the blank-year row", "[core][ag][catalog]") {
  Course any = course("ENG", "", "English (any year)", 'b');
  Course y23 = course("ENG", "2023-2024", "English 2023", 'b');
  y23.rigor = Rigor::uc_honors;
  std::vector<Course> cat = {any, y23};
  auto recs = resolve_records(student("11"), {mark("ENG", "2023-2024", "S1", "A"), mark("ENG", "2024-2025", "S1", "B")},
                              cat, "2024-2025");
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].title == "English 2023");
  CHECK(recs[0].honors == Rigor::uc_honors);
  CHECK(recs[1].title == "English (any year)");
  CHECK(recs[1].honors == Rigor::none);
}

TEST_CASE("without a row for the year, the nearest year's row is used unless strict", "[core][ag][catalog]") {
  Catalog cat({course("ALG2", "2024-2025", "Algebra II", 'c'), course("ALG2", "2020-2021", "Algebra II old", 'c')});
  const Course* c = cat.find("101", "ALG2", "2023-2024");
  REQUIRE(c != nullptr);
  CHECK(c->academic_year == "2024-2025");  // 1 year away beats 3
  CHECK(cat.find("101", "ALG2", "2023-2024", CatalogYearMatch::strict) == nullptr);
  CHECK(cat.find("101", "ALG2", "2022-2023")->academic_year == "2020-2021");  // tie (2 and 2): earlier
  CHECK(cat.find("102", "ALG2", "2024-2025") == nullptr);  // another school's course
}

TEST_CASE("ag_area_override wins, also for a course missing from the catalog", "[core][ag][catalog]") {
  std::vector<Course> cat = {course("PE", "", "Physical Education", '-')};
  CourseMark pe = mark("PE", "2024-2025", "S1", "A");
  CourseMark xfer = mark("XFER-CHEM", "2023-2024", "S2", "B");
  xfer.ag_area_override = Area::d;
  xfer.source = "transfer";
  CourseMark orphan = mark("NOPE", "2023-2024", "S1", "A");
  auto recs = resolve_records(student("12"), {pe, xfer, orphan}, cat, "2024-2025");
  CHECK_FALSE(recs[0].ag_area.has_value());
  CHECK(recs[1].ag_area == Area::d);
  CHECK(recs[1].title == "XFER-CHEM");
  CHECK(recs[1].source == "transfer");
  CHECK_FALSE(recs[2].ag_area.has_value());
}

TEST_CASE("the grade taken is derived from the year and the current grade when missing", "[core][ag][catalog]") {
  std::vector<Course> cat = {course("ENG", "", "English", 'b')};
  CourseMark given = mark("ENG", "2022-2023", "S1", "A");
  given.grade_level_taken = 10;
  CourseMark derived = mark("ENG", "2022-2023", "S2", "A");  // 11th grader in 2024-2025: 2 years back
  CourseMark summer = mark("ENG", "2023-2024", "SS", "A");    // summer takes its school year's grade
  auto recs = resolve_records(student("12"), {given, derived, summer}, cat, "2024-2025");
  CHECK(recs[0].grade_level == 10);
  CHECK(recs[1].grade_level == 10);
  CHECK(recs[2].grade_level == 11);
  // An ungraded student: no derivation.
  CHECK(derive_grade_level(student("US"), derived, "2024-2025") == 0);
}

TEST_CASE("course attributes and mark status are carried onto the record", "[core][ag][catalog]") {
  Course spn = course("SPN3", "", "Spanish 3", 'e');
  spn.lote_language = "spanish";
  spn.lote_level = 3;
  spn.rigor = Rigor::ap;
  auto recs = resolve_records(student("11"), {mark("SPN3", "2024-2025", "S1", ""), mark("SPN3", "2024-2025", "S2", "W")},
                              {spn}, "2024-2025");
  CHECK(recs[0].lote_language == "spanish");
  CHECK(recs[0].lote_level == 3);
  CHECK(recs[0].honors == Rigor::ap);
  CHECK(recs[0].status == "in_progress");
  CHECK(recs[1].status == "withdrawn");
  CHECK(recs[0].grade_level == 11);
}
