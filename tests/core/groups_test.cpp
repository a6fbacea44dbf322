// Tests for the groupings of equity.md §1 and the CDE race/ethnicity reporting rule.
#include <catch2/catch.hpp>

#include "agmon/core/groups.h"

using namespace agmon::core;

namespace {

Student student(std::optional<bool> hispanic, std::vector<int> races) {
  Student s;
  s.student_id = "T1";
  s.school_code = "0001";
  s.grade_level = "10";
  s.hispanic = hispanic;
  s.race_codes = std::move(races);
  return s;
}

}  // namespace

TEST_CASE("Hispanic = Y wins over any race codes", "[core]") {
  CHECK(race_ethnicity_group(student(true, {700})) == "hispanic");
  CHECK(race_ethnicity_group(student(true, {201, 600})) == "hispanic");
  CHECK(race_ethnicity_group(student(true, {})) == "hispanic");
}

TEST_CASE("Race codes map to the CDE reporting groups", "[core]") {
  CHECK(race_ethnicity_group(student(false, {100})) == "american_indian");
  CHECK(race_ethnicity_group(student(false, {204})) == "asian");
  CHECK(race_ethnicity_group(student(false, {301})) == "pacific_islander");
  CHECK(race_ethnicity_group(student(false, {400})) == "filipino");
  CHECK(race_ethnicity_group(student(false, {600})) == "african_american");
  CHECK(race_ethnicity_group(student(std::nullopt, {700})) == "white");  // hispanic not given
}

TEST_CASE("Two codes of one group stay that group and two groups make two_or_more", "[core]") {
  // 201 and 202 are both 2xx -> asian, one distinct group.
  CHECK(race_ethnicity_group(student(false, {201, 202})) == "asian");
  // 201 asian + 700 white -> two distinct groups.
  CHECK(race_ethnicity_group(student(false, {201, 700})) == "two_or_more");
  CHECK(race_ethnicity_group(student(false, {301, 399, 600})) == "two_or_more");
}

TEST_CASE("No usable race code and not Hispanic is not_reported", "[core]") {
  CHECK(race_ethnicity_group(student(std::nullopt, {})) == "not_reported");
  CHECK(race_ethnicity_group(student(false, {})) == "not_reported");
  // 500 and 999 are outside the CALPADS reporting set and are ignored.
  CHECK(race_ethnicity_group(student(false, {500, 999})) == "not_reported");
  CHECK(race_ethnicity_group(student(false, {500, 700})) == "white");
}

TEST_CASE("group_of places a student in exactly one group of each grouping", "[core]") {
  Student s = student(false, {400});
  s.gender = "X";
  s.el_status = "EL";
  s.sed = true;
  s.grade_level = "09";
  s.school_code = "1234567";
  CHECK(group_of(s, Grouping::race_ethnicity) == "filipino");
  CHECK(group_of(s, Grouping::gender) == "X");
  CHECK(group_of(s, Grouping::el) == "el");
  CHECK(group_of(s, Grouping::sed) == "sed");
  CHECK(group_of(s, Grouping::swd) == "not_swd");        // blank flag: not in the group
  CHECK(group_of(s, Grouping::foster) == "not_foster");
  CHECK(group_of(s, Grouping::homeless) == "not_homeless");
  CHECK(group_of(s, Grouping::grade) == "9");             // "09" -> "9"
  CHECK(group_of(s, Grouping::school) == "1234567");

  s.el_status = "RFEP";
  s.gender = "";
  s.swd = false;
  s.grade_level = "TK";
  CHECK(group_of(s, Grouping::el) == "not_el");
  CHECK(group_of(s, Grouping::gender) == "not_reported");
  CHECK(group_of(s, Grouping::swd) == "not_swd");
  CHECK(group_of(s, Grouping::grade) == "TK");
}

TEST_CASE("Grouping names parse exactly and round-trip", "[core]") {
  for (Grouping g : all_groupings()) {
    REQUIRE(parse_grouping(grouping_name(g)).has_value());
    CHECK(*parse_grouping(grouping_name(g)) == g);
  }
  CHECK(all_groupings().size() == 9);
  CHECK_FALSE(parse_grouping("Race").has_value());
  CHECK_FALSE(parse_grouping("ethnicity").has_value());
  CHECK_FALSE(parse_grouping("").has_value());
  CHECK(grouping_names_list().find("race_ethnicity, gender, el") == 0);
}

TEST_CASE("Groups come in canonical order and school codes sort by name", "[core]") {
  const auto& race = grouping_groups(Grouping::race_ethnicity);
  REQUIRE(race.size() == 9);
  CHECK(race.front() == "hispanic");
  CHECK(race.back() == "not_reported");
  CHECK(grouping_groups(Grouping::school).empty());
  CHECK(group_before(Grouping::race_ethnicity, "white", "two_or_more"));
  CHECK_FALSE(group_before(Grouping::race_ethnicity, "not_reported", "asian"));
  CHECK(group_before(Grouping::grade, "9", "10"));  // canonical, not "10" < "9" by text
  CHECK(group_before(Grouping::school, "A1", "B2"));
  CHECK(group_before(Grouping::gender, "X", "not_reported"));
}

TEST_CASE("Stored yes/no flags and grades map to group names", "[core]") {
  CHECK(flag_group(Grouping::el, true) == "el");
  CHECK(flag_group(Grouping::sed, false) == "not_sed");
  CHECK(flag_group(Grouping::homeless, true) == "homeless");
  CHECK(flag_group(Grouping::grade, true).empty());
  CHECK(grade_group(12) == "12");
  CHECK(is_two_group(Grouping::foster));
  CHECK_FALSE(is_two_group(Grouping::gender));
}

TEST_CASE("Group labels are readable and never empty", "[core]") {
  CHECK(group_label(Grouping::race_ethnicity, "hispanic") == "Hispanic or Latino");
  CHECK(group_label(Grouping::el, "not_el") == "Not English learners");
  CHECK(group_label(Grouping::grade, "9") == "Grade 9");
  CHECK(group_label(Grouping::school, "0042") == "School 0042");
  CHECK(group_label(Grouping::gender, "F") == "Female");
  CHECK(group_label(Grouping::race_ethnicity, "all") == "All students");
}
