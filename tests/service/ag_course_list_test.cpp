// The UC A-G course list applied during an import: matched to the SIS catalog by transcript
// abbreviation, then title; it fills A-G area and rigor only where the catalog is blank,
// re-evaluates the students who took a filled course and lists what it could not match.
#include <catch2/catch.hpp>

#include <algorithm>

#include "agmon/service/importer.h"
#include "agmon/service/student_report.h"
#include "agmon/store/database.h"
#include "support/import_db.h"

using namespace agmon;

namespace {

const char* kStudents = "student_id,school_code,grade_level,academic_year\nS1,9900011,11,2024-2025\n";
const char* kCourses =
    "school_code,local_course_id,course_title,transcript_abbrev,ag_area,rigor\n"
    "9900011,ENG11,English Eleven,ENGLISH 11A|ENGLISH 11B,,\n"  // abbreviation match
    "9900011,APENG,AP Eng Lang,AP ENG LANG A,,\n"               // abbreviation, AP by title
    "9900011,CHEMH,Chem H,CHEM H A|CHEM H B,d,\n"               // area kept, honors filled
    "9900011,ART1,Art 1,,b,\n"                                  // title match, area disagrees
    "9900029,ART1,Art 1,,,\n"                                   // another school: untouched
    "9900011,PE9,PE 9,,,\n";
const char* kMarks =
    "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark\n"
    "S1,9900011,2024-2025,S1,ENG11,11,A\n"
    "S1,9900011,2024-2025,S2,ENG11,11,B\n";

struct Fixture : test::ImportDb {
  Fixture() { settings = *service::Settings::from_config({{"agmon.school_year", "2024-2025"}}); }
  std::string course(const std::string& school, const std::string& id) {
    auto d = store::Database::open(db);
    auto st = (*d)->prepare("SELECT coalesce(ag_area, '-') || '/' || rigor FROM courses WHERE "
                            "school_code = ?1 AND local_course_id = ?2");
    st.bind(1, school).bind(2, id);
    REQUIRE(st.step());
    return st.str(0);
  }
  double english_earned() {
    auto d = store::Database::open(db);
    auto view = service::student_view(**d, settings, "S1");
    REQUIRE(view.ok());
    return view->report.uc.area(core::Area::b).earned;
  }
};

bool has_warning(const service::ImportReport& r, const std::string& text) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("the UC list fills blank areas and rigor by abbreviation then title and keeps the catalog's own") {
  Fixture f;
  f.settings = *service::Settings::from_config(
      {{"agmon.school_year", "2024-2025"}, {"ingest.uc.institutions", "99990:9900011"}});
  // The service passes settings to the parsers only once the lead wires ParseOptions.config;
  // the canonical ag_course_list.csv carries its school code itself.
  auto r = f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                     f.write("course_marks.csv", kMarks),
                     test::data_path("samples/canonical/ag_course_list.csv")});
  INFO(service::import_report_text(r));
  REQUIRE(r.exit_code == service::kImportApplied);
  CHECK(f.course("9900011", "ENG11") == "b/");
  CHECK(f.course("9900011", "APENG") == "b/AP");
  CHECK(f.course("9900011", "CHEMH") == "d/UC_HONORS");
  CHECK(f.course("9900011", "ART1") == "b/");   // the catalog's b stays
  CHECK(f.course("9900029", "ART1") == "-/");   // the list is school 9900011's
  CHECK(f.course("9900011", "PE9") == "-/");
  CHECK(has_warning(r, "UC A-G list: course ART1 of school 9900011 is area b in the catalog but f "
                       "for UC course 880007 'Art 1' (ART 1A, ART 1B); the catalog's area is kept"));
  // 880003 Algebra 2, 880004 AP Calculus AB, 880006 U.S. History have no catalog course.
  CHECK(has_warning(r, "course 880003 'Algebra 2' (ALGEBRA II A, ALGEBRA II B) matches no catalog "
                       "course of school 9900011"));
  CHECK(has_warning(r, "course 880006"));
  CHECK(has_warning(r, "UC A-G list: 7 UC courses, 4 matched to the catalog; ag_area filled on 2 "
                       "courses, rigor on 2"));
  // ENG11 is now area b: A and B in S1/S2 credit 2 semesters.
  CHECK(f.english_earned() == 2);
}

TEST_CASE("a UC list imported alone re-evaluates the students of the courses it fills") {
  Fixture f;
  REQUIRE(f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                    f.write("course_marks.csv", kMarks)}).exit_code == service::kImportApplied);
  CHECK(f.english_earned() == 0);  // ENG11 has no area yet
  auto r = f.import({test::data_path("samples/canonical/ag_course_list.csv")});
  REQUIRE(r.exit_code == service::kImportApplied);
  CHECK(r.students_evaluated == 1);
  auto d = store::Database::open(f.db);
  auto st = (*d)->prepare("SELECT credited_semesters FROM student_evaluations WHERE student_id = 'S1'");
  REQUIRE(st.step());
  CHECK(st.real(0) == 2);
  CHECK(f.english_earned() == 2);
}

TEST_CASE("the UC JSON list without a school mapping is matched against every school and says so") {
  Fixture f;
  auto r = f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                     test::data_path("samples/ucop/courselist-institution-99990.json")});
  REQUIRE(r.exit_code == service::kImportApplied);
  CHECK(has_warning(r, "the list names no school: matched against every school's catalog"));
  CHECK(f.course("9900029", "ART1") == "f/");  // no school named: every Art 1 matches
  CHECK(f.course("9900011", "APENG") == "b/AP");
  CHECK(has_warning(r, "course 880009 'Ethnic Studies' (ETH STUDIES) matches no catalog course by "
                       "transcript abbreviation or title; not applied"));
}
