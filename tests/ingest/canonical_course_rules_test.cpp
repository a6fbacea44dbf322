// courses.csv and ag_course_list.csv: one test per validation rule and warning (formats.md
// §1), plus the AP/IB state course code table.
#include <catch2/catch.hpp>

#include "agmon/ingest/state_course_codes.h"
#include "ingest/ingest_helpers.h"

using agmon::core::Area;
using agmon::core::Rigor;
using agmon::ingest::FileKind;
using agmon::ingest::RowErrorKind;
using agmon::test::only_error;
using agmon::test::parse_one;

namespace {
agmon::core::Course course_with(const agmon::test::Overrides& over) {
  auto sink = parse_one(FileKind::kCourses, over);
  REQUIRE(sink.courses.size() == 1);
  return sink.courses[0];
}
}  // namespace

TEST_CASE("the default course row loads with its values", "[ingest]") {
  auto sink = parse_one(FileKind::kCourses);
  REQUIRE(sink.courses.size() == 1);
  const auto& c = sink.courses[0];
  CHECK(c.local_course_id == "MTH201");
  CHECK(c.course_title == "Algebra 2");
  CHECK(c.ag_area == Area::c);
  CHECK(c.math_level == 3);
  CHECK(c.rigor == Rigor::none);  // 9252 is not an AP/IB code
  CHECK(c.uc_approved == "Y");
  CHECK(c.credit_value == "5.00");
  CHECK(c.academic_year.empty());
  CHECK(sink.warnings.empty());
}

TEST_CASE("ag_area takes a-g in any case and CALPADS GA-GO as g", "[ingest]") {
  CHECK(course_with({{"ag_area", "C"}}).ag_area == Area::c);
  CHECK(course_with({{"ag_area", "GA"}, {"math_level", ""}}).ag_area == Area::g);
  CHECK_FALSE(course_with({{"ag_area", ""}}).ag_area.has_value());
  auto e = only_error(parse_one(FileKind::kCourses, {{"ag_area", "H"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.column == "ag_area");
  CHECK(e.message == "ag_area 'H' is not an A-G area (a-g, or CALPADS GA-GO)");
}

TEST_CASE("rigor names are read in any case, with spaces for underscores", "[ingest]") {
  CHECK(course_with({{"rigor", "ap"}}).rigor == Rigor::ap);
  CHECK(course_with({{"rigor", "UC Honors"}}).rigor == Rigor::uc_honors);
  CHECK(course_with({{"rigor", "dual-credit"}}).rigor == Rigor::dual_credit);
  auto e = only_error(parse_one(FileKind::kCourses, {{"rigor", "GATE"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.column == "rigor");
}

TEST_CASE("an AP or IB state course code implies rigor when rigor is blank", "[ingest]") {
  CHECK(course_with({{"state_course_code", "9119"}}).rigor == Rigor::ap);   // AP Eng Lang
  CHECK(course_with({{"state_course_code", "9268"}}).rigor == Rigor::ap);   // AP Calc AB
  CHECK(course_with({{"state_course_code", "2472"}}).rigor == Rigor::ap);   // legacy AP
  CHECK(course_with({{"state_course_code", "9115"}}).rigor == Rigor::ib);   // IB DP
  // An explicit rigor wins over the state code.
  CHECK(course_with({{"state_course_code", "9119"}, {"rigor", "LOCAL_HONORS"}}).rigor ==
        Rigor::local_honors);
}

TEST_CASE("Pre-AP and IB Middle Years state codes do not imply rigor", "[ingest]") {
  for (const char* code : {"9021", "9083", "9097", "9121", "9201", "9279", "9304", "9360"}) {
    INFO(code);
    CHECK_FALSE(agmon::ingest::rigor_from_state_course_code(code).has_value());
    CHECK(course_with({{"state_course_code", code}}).rigor == Rigor::none);
  }
  CHECK_FALSE(agmon::ingest::rigor_from_state_course_code("9006").has_value());
  CHECK_FALSE(agmon::ingest::rigor_from_state_course_code("9261").has_value());
  // Legacy AP and IB ranges overlap; AP wins (formats-research.md §1.11).
  CHECK(agmon::ingest::rigor_from_state_course_code("2170") == Rigor::ap);
  CHECK(agmon::ingest::rigor_from_state_course_code("2165") == Rigor::ib);
}

TEST_CASE("a state course code must be 4 digits", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kCourses, {{"state_course_code", "911"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.message == "state_course_code '911' is not a CALPADS state course code (4 digits)");
}

TEST_CASE("the instructional level code implies honors or college rigor when blank",
          "[ingest]") {
  CHECK(course_with({{"nsil_code", "14"}}).rigor == Rigor::uc_honors);
  CHECK(course_with({{"nsil_code", "15"}}).rigor == Rigor::local_honors);
  CHECK(course_with({{"nsil_code", "24"}}).rigor == Rigor::dual_credit);
  CHECK(course_with({{"nsil_code", "10"}}).rigor == Rigor::none);
  auto e = only_error(parse_one(FileKind::kCourses, {{"nsil_code", "99"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.column == "nsil_code");
}

TEST_CASE("math_level is an integer 1-4", "[ingest]") {
  CHECK(course_with({{"math_level", "04"}}).math_level == 4);
  auto e = only_error(parse_one(FileKind::kCourses, {{"math_level", "5"}}));
  CHECK(e.kind == RowErrorKind::kBadNumber);
  CHECK(e.column == "math_level");
  CHECK(only_error(parse_one(FileKind::kCourses, {{"math_level", "two"}})).kind ==
        RowErrorKind::kBadNumber);
}

TEST_CASE("lote_level is an integer", "[ingest]") {
  auto c = course_with({{"ag_area", "e"}, {"math_level", ""}, {"lote_language", "Spanish"},
                        {"lote_level", "3"}});
  CHECK(c.lote_language == "Spanish");
  CHECK(c.lote_level == 3);
  auto e = only_error(parse_one(FileKind::kCourses, {{"lote_level", "III"}}));
  CHECK(e.kind == RowErrorKind::kBadNumber);
  CHECK(e.column == "lote_level");
}

TEST_CASE("hss_type, science_discipline and vpa_discipline use their code sets", "[ingest]") {
  CHECK(course_with({{"hss_type", "US History"}}).hss_type == "us_history");
  CHECK(course_with({{"science_discipline", "Earth-Space"}}).science_discipline == "earth_space");
  CHECK(course_with({{"vpa_discipline", "visual arts"}}).vpa_discipline == "visual_arts");
  auto e = only_error(parse_one(FileKind::kCourses, {{"hss_type", "geography"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.message ==
        "hss_type 'geography' is not one of world_history, us_history, civics, social_science");
  CHECK(only_error(parse_one(FileKind::kCourses, {{"science_discipline", "alchemy"}})).column ==
        "science_discipline");
  CHECK(only_error(parse_one(FileKind::kCourses, {{"vpa_discipline", "cooking"}})).column ==
        "vpa_discipline");
}

TEST_CASE("a blank course title or course id is missing_key", "[ingest]") {
  CHECK(only_error(parse_one(FileKind::kCourses, {{"course_title", ""}})).column == "course_title");
  CHECK(only_error(parse_one(FileKind::kCourses, {{"local_course_id", ""}})).kind ==
        RowErrorKind::kMissingKey);
}

TEST_CASE("a non-numeric credit value is bad_number", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kCourses, {{"credit_value", "five"}}));
  CHECK(e.kind == RowErrorKind::kBadNumber);
  CHECK(e.message == "credit_value 'five' is not a number");
}

TEST_CASE("credit values out of range load with a warning", "[ingest]") {
  auto sink = parse_one(FileKind::kCourses, {{"credit_value", "25"}});
  CHECK(sink.courses.size() == 1);
  REQUIRE(sink.warnings.size() == 1);
  CHECK(sink.warnings[0].line == 2);
  CHECK(sink.warnings[0].message ==
        "credit_value '25' for MTH201 is outside 0-20 credits; loaded anyway");
  CHECK(parse_one(FileKind::kCourses, {{"credit_value", "-1"}}).warnings.size() == 1);
  CHECK(parse_one(FileKind::kCourses, {{"credit_value", "20"}}).warnings.empty());
}

TEST_CASE("A-G c, e and d courses without their level or discipline warn", "[ingest]") {
  auto c = parse_one(FileKind::kCourses, {{"math_level", ""}});
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].message.find("no math_level") != std::string::npos);
  auto e = parse_one(FileKind::kCourses, {{"ag_area", "e"}, {"math_level", ""},
                                          {"lote_language", "French"}});
  REQUIRE(e.warnings.size() == 1);
  CHECK(e.warnings[0].message.find("lote_level") != std::string::npos);
  auto d = parse_one(FileKind::kCourses, {{"ag_area", "d"}, {"math_level", ""}});
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].message.find("science_discipline") != std::string::npos);
  // The row loads in every case.
  CHECK(c.courses.size() + e.courses.size() + d.courses.size() == 3);
  CHECK(parse_one(FileKind::kCourses, {{"ag_area", "d"}, {"science_discipline", "physics"}})
            .warnings.empty());
}

TEST_CASE("an A-G course list row becomes an AgCourseListEntry", "[ingest]") {
  auto sink = parse_one(FileKind::kAgCourseList, {{"honors_type", "UC Honors"}});
  REQUIRE(sink.ag_courses.size() == 1);
  const auto& e = sink.ag_courses[0];
  CHECK(e.ucop_course_id == "880003");
  CHECK(e.list_year == "2024-2025");
  CHECK(e.ag_area == Area::c);
  CHECK(e.honors == Rigor::uc_honors);
  CHECK(e.transcript_abbrevs == std::vector<std::string>{"ALGEBRA II A", "ALGEBRA II B"});
  CHECK(e.grade_levels == std::vector<int>{9, 10, 11, 12});
  CHECK(e.is_online == false);
}

TEST_CASE("an A-G course list row needs an area and valid honors and grades", "[ingest]") {
  CHECK(only_error(parse_one(FileKind::kAgCourseList, {{"ag_area", ""}})).kind ==
        RowErrorKind::kMissingKey);
  CHECK(only_error(parse_one(FileKind::kAgCourseList, {{"honors_type", "Gifted"}})).column ==
        "honors_type");
  CHECK(only_error(parse_one(FileKind::kAgCourseList, {{"grade_levels", "9|13"}})).column ==
        "grade_levels");
  CHECK(only_error(parse_one(FileKind::kAgCourseList, {{"list_year", "2024"}})).kind ==
        RowErrorKind::kBadDate);
}
