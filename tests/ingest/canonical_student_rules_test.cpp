// students.csv and student_programs.csv: one test per validation rule (formats.md §1), each
// checking the quarantine kind, column, value and the reason a clerk reads.
#include <catch2/catch.hpp>

#include "ingest/ingest_helpers.h"

using agmon::ingest::FileKind;
using agmon::ingest::RowErrorKind;
using agmon::test::only_error;
using agmon::test::parse_one;

TEST_CASE("the default student row loads with its values normalised", "[ingest]") {
  auto sink = parse_one(FileKind::kStudents, {{"gender", "f"}, {"el_status", "rfep"},
                                              {"student_id", "  900001 "}});
  REQUIRE(sink.students.size() == 1);
  const auto& s = sink.students[0];
  CHECK(s.student_id == "900001");
  CHECK(s.school_code == "101");
  CHECK(s.grade_level == "10");
  CHECK(s.gender == "F");
  CHECK(s.el_status == "RFEP");
  CHECK(s.hispanic == false);
  CHECK(s.race_codes == std::vector<int>{700});
  CHECK(s.birth_date == "2009-05-01");
  CHECK(s.academic_year == "2024-2025");
  CHECK(s.counselor_id == "C7");
  CHECK(sink.lines == std::vector<long>{2});
}

TEST_CASE("grade levels are normalised to two digits or upper-case codes", "[ingest]") {
  CHECK(parse_one(FileKind::kStudents, {{"grade_level", "9"}}).students.at(0).grade_level == "09");
  CHECK(parse_one(FileKind::kStudents, {{"grade_level", "09"}}).students.at(0).grade_level == "09");
  CHECK(parse_one(FileKind::kStudents, {{"grade_level", "tk"}}).students.at(0).grade_level == "TK");
  CHECK(parse_one(FileKind::kStudents, {{"grade_level", "12"}}).students.at(0).grade_level == "12");
  CHECK(parse_one(FileKind::kStudents, {{"grade_level", "AD"}}).students.at(0).grade_level == "AD");
}

TEST_CASE("a grade level outside the code set is bad_code with a readable reason", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kStudents, {{"grade_level", "13"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.column == "grade_level");
  CHECK(e.value == "13");
  CHECK(e.message == "grade_level '13' is not a grade (07-12, TK, KN, 01-06, US, UE, AD)");
  CHECK(e.raw.find(",13,") != std::string::npos);
}

TEST_CASE("a blank student_id is missing_key", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kStudents, {{"student_id", " "}}));
  CHECK(e.kind == RowErrorKind::kMissingKey);
  CHECK(e.column == "student_id");
  CHECK(e.message == "student_id is blank (required)");
}

TEST_CASE("a blank school_code or grade_level is missing_key", "[ingest]") {
  CHECK(only_error(parse_one(FileKind::kStudents, {{"school_code", ""}})).kind ==
        RowErrorKind::kMissingKey);
  auto e = only_error(parse_one(FileKind::kStudents, {{"grade_level", ""}}));
  CHECK(e.kind == RowErrorKind::kMissingKey);
  CHECK(e.column == "grade_level");
}

TEST_CASE("gender must be F, M or X", "[ingest]") {
  CHECK(parse_one(FileKind::kStudents, {{"gender", "x"}}).students.at(0).gender == "X");
  CHECK(parse_one(FileKind::kStudents, {{"gender", ""}}).students.at(0).gender.empty());
  auto e = only_error(parse_one(FileKind::kStudents, {{"gender", "Q"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.message == "gender 'Q' is not a gender code (F, M, X)");
}

TEST_CASE("Y/N flags also accept true/false and 1/0, blank is unknown", "[ingest]") {
  CHECK(parse_one(FileKind::kStudents, {{"hispanic", "Y"}}).students.at(0).hispanic == true);
  CHECK(parse_one(FileKind::kStudents, {{"hispanic", "true"}}).students.at(0).hispanic == true);
  CHECK(parse_one(FileKind::kStudents, {{"sed", "1"}}).students.at(0).sed == true);
  CHECK(parse_one(FileKind::kStudents, {{"swd", "FALSE"}}).students.at(0).swd == false);
  CHECK(parse_one(FileKind::kStudents, {{"foster", "0"}}).students.at(0).foster == false);
  CHECK_FALSE(parse_one(FileKind::kStudents, {{"homeless", ""}}).students.at(0).homeless.has_value());
  auto e = only_error(parse_one(FileKind::kStudents, {{"homeless", "maybe"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.column == "homeless");
  CHECK(e.message == "homeless 'maybe' is not Y or N (also true/false, 1/0)");
}

TEST_CASE("race codes are semicolon-separated CALPADS codes with duplicates dropped", "[ingest]") {
  CHECK(parse_one(FileKind::kStudents, {{"race_codes", "202;700"}}).students.at(0).race_codes ==
        std::vector<int>{202, 700});
  CHECK(parse_one(FileKind::kStudents, {{"race_codes", "201; 400;201;"}}).students.at(0).race_codes ==
        std::vector<int>{201, 400});
  CHECK(parse_one(FileKind::kStudents, {{"race_codes", "100;399;600"}}).students.at(0).race_codes ==
        std::vector<int>{100, 399, 600});
  CHECK(parse_one(FileKind::kStudents, {{"race_codes", ""}}).students.at(0).race_codes.empty());
}

TEST_CASE("a race code outside the CALPADS set is bad_code naming the bad piece", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kStudents, {{"race_codes", "700;500"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.column == "race_codes");
  CHECK(e.value == "700;500");
  CHECK(e.message.find("'500' is not a CALPADS race code") != std::string::npos);
  CHECK(only_error(parse_one(FileKind::kStudents, {{"race_codes", "300"}})).kind ==
        RowErrorKind::kBadCode);
  CHECK(only_error(parse_one(FileKind::kStudents, {{"race_codes", "White"}})).kind ==
        RowErrorKind::kBadCode);
}

TEST_CASE("el_status must be EO, EL, IFEP, RFEP or TBD", "[ingest]") {
  CHECK(parse_one(FileKind::kStudents, {{"el_status", "el"}}).students.at(0).el_status == "EL");
  auto e = only_error(parse_one(FileKind::kStudents, {{"el_status", "LEP"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.message == "el_status 'LEP' is not an EL status (EO, EL, IFEP, RFEP, TBD)");
}

TEST_CASE("dates in the three accepted forms become YYYY-MM-DD", "[ingest]") {
  CHECK(parse_one(FileKind::kStudents, {{"birth_date", "20090521"}}).students.at(0).birth_date ==
        "2009-05-21");
  CHECK(parse_one(FileKind::kStudents, {{"birth_date", "05/21/2009"}}).students.at(0).birth_date ==
        "2009-05-21");
  CHECK(parse_one(FileKind::kStudents, {{"birth_date", "5/2/2009"}}).students.at(0).birth_date ==
        "2009-05-02");
  CHECK(parse_one(FileKind::kStudents, {{"birth_date", "2008-02-29"}}).students.at(0).birth_date ==
        "2008-02-29");  // 2008 is a leap year
}

TEST_CASE("an impossible or ill-formed date is bad_date", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kStudents, {{"birth_date", "2009-02-29"}}));
  CHECK(e.kind == RowErrorKind::kBadDate);
  CHECK(e.column == "birth_date");
  CHECK(e.message ==
        "birth_date '2009-02-29' is not a date (YYYY-MM-DD, CCYYMMDD or MM/DD/YYYY)");
  CHECK(only_error(parse_one(FileKind::kStudents, {{"birth_date", "13/01/2009"}})).kind ==
        RowErrorKind::kBadDate);
  CHECK(only_error(parse_one(FileKind::kStudents, {{"birth_date", "2009-5-1"}})).kind ==
        RowErrorKind::kBadDate);
}

TEST_CASE("school years are YYYY-YYYY and the short YYYY-YY form is widened", "[ingest]") {
  CHECK(parse_one(FileKind::kStudents, {{"academic_year", "2024-25"}}).students.at(0).academic_year ==
        "2024-2025");
  CHECK(parse_one(FileKind::kStudents, {{"academic_year", "1999-00"}}).students.at(0).academic_year ==
        "1999-2000");
  auto e = only_error(parse_one(FileKind::kStudents, {{"academic_year", "2024-2026"}}));
  CHECK(e.kind == RowErrorKind::kBadDate);
  CHECK(e.message == "academic_year '2024-2026' is not a school year (YYYY-YYYY, e.g. 2024-2025)");
}

TEST_CASE("program codes are 3-digit CALPADS codes or SWD/FOSTER/SED/EL", "[ingest]") {
  auto sink = parse_one(FileKind::kStudentPrograms,
                        {{"program_code", "swd"}, {"start_date", "08/14/2024"}});
  REQUIRE(sink.programs.size() == 1);
  CHECK(sink.programs[0].program_code == "SWD");
  CHECK(sink.programs[0].start_date == "2024-08-14");
  CHECK(sink.programs[0].school_code == "101");
  auto e = only_error(parse_one(FileKind::kStudentPrograms, {{"program_code", "FRPM"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.column == "program_code");
  CHECK(only_error(parse_one(FileKind::kStudentPrograms, {{"program_code", ""}})).kind ==
        RowErrorKind::kMissingKey);
}

TEST_CASE("a program that ends before it starts is bad_date", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kStudentPrograms,
                                {{"start_date", "2024-08-14"}, {"end_date", "2024-06-01"}}));
  CHECK(e.kind == RowErrorKind::kBadDate);
  CHECK(e.column == "end_date");
  CHECK(e.message == "end_date 2024-06-01 is before start_date 2024-08-14");
}

TEST_CASE("a row with several problems is quarantined once, for the first", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kStudents,
                                {{"grade_level", "13"}, {"gender", "Q"}, {"sed", "?"}}));
  CHECK(e.column == "grade_level");
}
