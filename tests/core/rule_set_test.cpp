// RuleSet defaults and the ag.* configuration overrides (ag-rules §4).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "agmon/core/rule_set.h"

using namespace agmon::core;

namespace {

constexpr int S = kUnitsPerSemester;

// Reads "key = value" lines of a .properties file (no continuation lines needed here).
std::map<std::string, std::string> read_properties(const std::string& path) {
  std::ifstream in(path);
  std::map<std::string, std::string> out;
  std::string line;
  auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t\r") + 1);
    return s;
  };
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    auto eq = line.find('=');
    out[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return out;
}

Status apply(RuleSet& r, std::map<std::string, std::string> kv) { return apply_rule_overrides(r, kv); }

}  // namespace

TEST_CASE("the default rule set holds the spec's requirements, caps and thresholds", "[core][rules]") {
  RuleSet r = RuleSet::defaults();
  CHECK(r.uc.required(Area::a) == 4 * S);
  CHECK(r.uc.required(Area::b) == 8 * S);
  CHECK(r.uc.required(Area::c) == 6 * S);
  CHECK(r.csu.required(Area::g) == 2 * S);
  CHECK(r.uc.total_required_units() == 30 * S);  // 15 year-long courses
  CHECK(r.uc.accept_c_minus);
  CHECK(r.uc.max_honors_units == 8 * S);
  CHECK(r.uc.max_honors_units_grade10 == 4 * S);
  CHECK(r.csu.max_honors_units_grade10 == 2 * S);
  CHECK(r.uc.college_gpa_weight == 1);
  CHECK(r.csu.college_gpa_weight == 2);
  CHECK(r.min_gpa_hundredths(AgSystem::uc) == 300);
  CHECK(r.min_gpa_hundredths(AgSystem::csu) == 250);
  CHECK(r.term_weights.units_for("T2") == 8);   // 2/3 semester
  CHECK(r.term_weights.units_for("Q3") == 6);   // 1/2 semester
  CHECK(r.term_weights.units_for("FY") == 24);  // a year
  CHECK(r.term_weights.units_for("XX") == 12);  // unknown: one semester
  // Spring 2020 is in both windows; winter 2021 (2020-2021 T2) only in CSU's; fall 2019 in none.
  CHECK(r.uc.pnp_terms.count({2019, "S2"}) == 1);
  CHECK(r.uc.pnp_terms.count({2020, "T2"}) == 0);
  CHECK(r.csu.pnp_terms.count({2020, "T2"}) == 1);
  CHECK(r.csu.pnp_terms.count({2019, "S1"}) == 0);
  CHECK(r.on_track.grade11_units == 22 * S);
}

TEST_CASE("the documented rules file applies cleanly and restates the defaults", "[core][rules]") {
  auto kv = read_properties(std::string(AGMON_SOURCE_DIR) + "/etc/agmon.properties");
  REQUIRE(kv.size() > 60);
  RuleSet r = RuleSet::defaults();
  Status st = apply_rule_overrides(r, kv);
  INFO((st.ok() ? std::string() : st.error().message));
  REQUIRE(st.ok());
  RuleSet d = RuleSet::defaults();
  CHECK(r.uc.required_units == d.uc.required_units);
  CHECK(r.csu.required_units == d.csu.required_units);
  CHECK(r.uc.pnp_terms == d.uc.pnp_terms);
  CHECK(r.csu.pnp_terms == d.csu.pnp_terms);
  CHECK(r.term_weights.units == d.term_weights.units);
  CHECK(r.term_weights.college_units == d.term_weights.college_units);
  CHECK(r.b_esl_title_markers == d.b_esl_title_markers);
  CHECK(r.csu.max_honors_units_grade10 == d.csu.max_honors_units_grade10);
  CHECK(r.on_track.grade12_full_pattern);
}

TEST_CASE("ag.* overrides change the switches they name", "[core][rules]") {
  RuleSet r = RuleSet::defaults();
  REQUIRE(apply(r, {{"ag.uc.accept_c_minus", "false"},
                    {"ag.csu.max_honors_sem_grade10", "4"},
                    {"ag.validation.chemistry_s2_validates_s1", "no"},
                    {"ag.validation.geometry_deficiency_by_level4", "yes"},
                    {"ag.residency", "nonresident"},
                    {"ag.repeat.multiple_repeats", "average"},
                    {"ag.csu.repeat_rule", "keep_both"},
                    {"ag.gpa.rounding", "round_half_up"},
                    {"ag.term_weights.T1", "0.5"},
                    {"ag.ontrack.grade10", "12"},
                    {"ag.ontrack.grade12", "28"},
                    {"ag.uc.min_gpa", "2.9"},
                    {"ag.uc.pnp_windows", "2020-2021:S1"},
                    {"ag.d.uc_ess_interdisciplinary_max_years", "2"},
                    {"ag.summer_grade_mapping", "grade_entering"}})
              .ok());
  CHECK_FALSE(r.uc.accept_c_minus);
  CHECK(r.csu.max_honors_units_grade10 == 4 * S);
  CHECK_FALSE(r.chemistry_s2_validates_s1);
  CHECK(r.geometry_deficiency_by_level4);
  CHECK(r.residency == Residency::nonresident);
  CHECK(r.min_gpa_hundredths(AgSystem::uc) == 340);  // nonresident UC minimum
  CHECK(r.min_gpa_hundredths(AgSystem::csu) == 300);
  CHECK(r.multiple_repeats == MultipleRepeats::average);
  CHECK(r.csu_repeat_rule == CsuRepeatRule::keep_both);
  CHECK(r.gpa_rounding == GpaRounding::round_half_up);
  CHECK(r.term_weights.units_for("T1") == 6);
  CHECK(r.on_track.grade10_units == 12 * S);
  CHECK_FALSE(r.on_track.grade12_full_pattern);
  CHECK(r.on_track.grade12_units == 28 * S);
  CHECK(r.uc.min_gpa_hundredths == 290);
  CHECK(r.uc.pnp_terms == std::set<TermKey>{{2020, "S1"}});
  CHECK(r.d_uc_ess_interdisciplinary_max_years == 2);
  CHECK(r.summer_grade_mapping == SummerGradeMapping::grade_entering);
}

TEST_CASE("ag.marks.* adds a district mark to the mark table", "[core][rules]") {
  RuleSet r = RuleSet::defaults();
  REQUIRE_FALSE(r.marks.find("H").has_value());
  REQUIRE(apply(r, {{"ag.marks.H", "letter:A"}, {"ag.marks.S", "pass"}}).ok());
  auto h = r.marks.find("h");
  REQUIRE(h.has_value());
  CHECK(h->kind == MarkKind::kLetter);
  CHECK(h->grade_points == 4);
  CHECK(r.marks.find("S")->kind == MarkKind::kPass);
}

TEST_CASE("an unknown ag key or a bad value is an error that names the key", "[core][rules]") {
  RuleSet r = RuleSet::defaults();
  Status st = apply(r, {{"ag.uc.accept_c_minuss", "true"}});
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::kInvalidArgument);
  CHECK(st.error().message.find("ag.uc.accept_c_minuss") != std::string::npos);

  st = apply(r, {{"ag.uc.accept_c_minus", "maybe"}});
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("ag.uc.accept_c_minus") != std::string::npos);
  CHECK(st.error().message.find("maybe") != std::string::npos);

  CHECK_FALSE(apply(r, {{"ag.marks.Z", "letter:G"}}).ok());
  CHECK_FALSE(apply(r, {{"ag.term_weights.T9", "1"}}).ok());
  CHECK_FALSE(apply(r, {{"ag.term_weights.T1", "0.66"}}).ok());  // not a whole 1/12
  CHECK_FALSE(apply(r, {{"ag.uc.required.h", "2"}}).ok());
  CHECK_FALSE(apply(r, {{"ag.uc.min_gpa", "3.005"}}).ok());
  CHECK_FALSE(apply(r, {{"ag.uc.pnp_windows", "2020:S1"}}).ok());
  CHECK_FALSE(apply(r, {{"ag.residency", "mars"}}).ok());
  CHECK_FALSE(apply(r, {{"ag.d.uc_ess_interdisciplinary_max_years", "3"}}).ok());
}

TEST_CASE("keys without the ag. prefix are left for others", "[core][rules]") {
  RuleSet r = RuleSet::defaults();
  CHECK(apply(r, {{"agmon.db.path", "/tmp/x.db"}, {"suppression.min_n", "11"}, {"agx", "1"}}).ok());
  CHECK(r.uc.accept_c_minus);
}

TEST_CASE("semester counts parse as whole twelfths of a semester", "[core][rules]") {
  CHECK(parse_semester_units("4") == 48);
  CHECK(parse_semester_units("2/3") == 8);
  CHECK(parse_semester_units("0.6667") == 8);
  CHECK(parse_semester_units("1/2") == 6);
  CHECK(parse_semester_units(" 1.5 ") == 18);
  CHECK_FALSE(parse_semester_units("-1").has_value());
  CHECK_FALSE(parse_semester_units("abc").has_value());
  CHECK_FALSE(parse_semester_units("1/0").has_value());
  CHECK_FALSE(parse_semester_units("").has_value());
}
