// Tests for the student alert rules (equity.md §4): each kind fires on a hand-built report and
// stays quiet on its near miss; identities are stable; thresholds are configurable.
#include <catch2/catch.hpp>

#include <algorithm>

#include "agmon/core/alert_rules.h"

using namespace agmon::core;

namespace {

// A 10th grader with nothing to report: on track, math in progress, AP, GPA 3.40.
StudentReport quiet_student() {
  StudentReport r;
  r.student_id = "S100";
  r.school_id = "0042";
  r.counselor_id = "C7";
  r.grade_level = 10;
  r.as_of_year = "2025-2026";
  r.on_track = true;
  r.projected_semesters = 14;
  r.math_in_progress = true;
  r.has_geometry = true;
  r.highest_math_level_credited = 2;
  r.ap_enrolled_this_year = 1;
  r.uc.gpa_weighted_capped = 3.40;
  r.csu.gpa = 3.30;
  r.uc.semesters_before_senior_projected = 14;
  return r;
}

StudentAlertContext ap_school() {
  StudentAlertContext c;
  c.school_offers_ap = true;
  return c;
}

std::vector<AlertFinding> alerts(const StudentReport& r, const StudentAlertContext& c = ap_school(),
                                 const AlertThresholds& t = {}) {
  return student_alerts(r, c, t);
}

std::vector<AlertFinding> of_kind(const std::vector<AlertFinding>& all, AlertKind kind) {
  std::vector<AlertFinding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const AlertFinding& f) { return f.kind == kind; });
  return out;
}

CourseOutcome course(const char* id, const char* title, Area area, const char* term, const char* year,
                     const char* mark, CourseStatus status) {
  CourseOutcome c;
  c.course_id = id;
  c.title = title;
  c.area = area;
  c.term = term;
  c.school_year = year;
  c.mark = mark;
  c.status = status;
  return c;
}

}  // namespace

TEST_CASE("A student with nothing wrong has no alerts", "[core]") {
  CHECK(alerts(quiet_student()).empty());
}

TEST_CASE("AG_DF_UNVALIDATED fires for each D/F neither repeated nor validated", "[core]") {
  StudentReport r = quiet_student();
  r.courses.push_back(course("ALG1", "Algebra 1", Area::c, "S2", "2024-2025", "D", CourseStatus::needs_validation));
  r.uc.area(Area::c).required = 6;  // area c not met
  auto found = of_kind(alerts(r), AlertKind::ag_df_unvalidated);
  REQUIRE(found.size() == 1);
  const AlertFinding& f = found[0];
  CHECK(f.audience == "counselor");
  CHECK(f.school == "0042");
  CHECK(f.counselor == "C7");
  CHECK(f.student_id == "S100");
  CHECK(f.detail == "ALG1 S2 2024-2025");
  CHECK(f.identity == "AG_DF_UNVALIDATED|S100|ALG1 S2 2024-2025");
  CHECK(f.message == "Algebra 1 S2 (2024-2025): D, not yet repeated or validated — needed for area c.");

  // A second, non-validatable F (English) is its own alert.
  r.courses.push_back(course("ENG9", "English 9", Area::b, "S1", "2024-2025", "F", CourseStatus::below_c));
  CHECK(of_kind(alerts(r), AlertKind::ag_df_unvalidated).size() == 2);
}

TEST_CASE("AG_DF_UNVALIDATED stays quiet once the D is validated or repeated", "[core]") {
  StudentReport r = quiet_student();
  r.courses.push_back(course("ALG1", "Algebra 1", Area::c, "S2", "2024-2025", "D", CourseStatus::validated));
  r.courses.push_back(course("BIO", "Biology", Area::d, "S1", "2024-2025", "F", CourseStatus::repeated));
  r.courses.push_back(course("PE9", "PE", Area::g, "S1", "2024-2025", "F", CourseStatus::not_ag));
  CourseOutcome no_area = course("X", "Shop", Area::g, "S1", "2024-2025", "D", CourseStatus::below_c);
  no_area.area.reset();  // not an A-G course
  r.courses.push_back(no_area);
  // below_c also holds marks that are not D or F: a C- where UC wants C, NP, a late P, I.
  for (const char* mark : {"C-", "NP", "P", "I"}) {
    r.courses.push_back(course("CHEM", "Chemistry", Area::d, "S1", "2024-2025", mark, CourseStatus::below_c));
  }
  CHECK(of_kind(alerts(r), AlertKind::ag_df_unvalidated).empty());
}

TEST_CASE("AG_DF_UNVALIDATED says so when the area is already met", "[core]") {
  StudentReport r = quiet_student();
  r.uc.area(Area::c).required = 6;
  r.uc.area(Area::c).earned = 6;
  r.courses.push_back(course("GEO", "Geometry", Area::c, "S1", "2024-2025", "D-", CourseStatus::needs_validation));
  auto found = of_kind(alerts(r), AlertKind::ag_df_unvalidated);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "Geometry S1 (2024-2025): D-, not yet repeated or validated — area c is met, but the grade stays in the "
        "GPA unless repeated.");
}

TEST_CASE("AG_OFF_TRACK fires below the on-track expectation, not otherwise", "[core]") {
  StudentReport r = quiet_student();
  r.on_track = false;
  r.projected_semesters = 8;
  auto found = of_kind(alerts(r), AlertKind::ag_off_track);
  REQUIRE(found.size() == 1);
  CHECK(found[0].identity == "AG_OFF_TRACK|S100|");
  CHECK(found[0].message == "Projected 8 credited A-G semesters, below the on-track expectation for grade 10.");
  // Near misses: on track; grade 8; a district limiting the alert to grades 9-10 for an 11th grader.
  r.on_track = true;
  CHECK(of_kind(alerts(r), AlertKind::ag_off_track).empty());
  r.on_track = false;
  r.grade_level = 8;
  CHECK(of_kind(alerts(r), AlertKind::ag_off_track).empty());
  r.grade_level = 11;
  AlertThresholds t;
  t.off_track_max_grade = 10;
  CHECK(of_kind(alerts(r, ap_school(), t), AlertKind::ag_off_track).empty());
}

TEST_CASE("AG_NO_MATH fires for grades 9-11 without a math course this year", "[core]") {
  StudentReport r = quiet_student();
  r.math_in_progress = false;
  auto found = of_kind(alerts(r), AlertKind::ag_no_math);
  REQUIRE(found.size() == 1);
  CHECK(found[0].detail == "2025-2026");
  CHECK(found[0].message == "No math (area c) course this year (2025-2026).");
  // A withdrawn math course does not count as math this year.
  r.courses.push_back(course("ALG2", "Algebra 2", Area::c, "S1", "2025-2026", "W", CourseStatus::not_ag));
  CHECK(of_kind(alerts(r), AlertKind::ag_no_math).size() == 1);
  // Near misses: a marked c course this year (S1 finished); a senior.
  r.courses.push_back(course("ALG2", "Algebra 2", Area::c, "S1", "2025-2026", "B", CourseStatus::counted));
  CHECK(of_kind(alerts(r), AlertKind::ag_no_math).empty());
  r.courses.clear();
  r.grade_level = 12;
  CHECK(of_kind(alerts(r), AlertKind::ag_no_math).empty());
}

TEST_CASE("AG_ELEVEN_AT_RISK fires for 11th graders projected under 22", "[core]") {
  StudentReport r = quiet_student();
  r.grade_level = 11;
  r.has_geometry = true;
  r.uc.semesters_before_senior_projected = 65.0 / 3;  // trimesters: 21.67
  auto found = of_kind(alerts(r), AlertKind::ag_eleven_at_risk);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "Projected 21.67 A-G semesters before senior year; UC requires 22 (11 courses).");
  r.uc.semesters_before_senior_projected = 22;  // near miss: exactly 22
  CHECK(of_kind(alerts(r), AlertKind::ag_eleven_at_risk).empty());
  r.uc.semesters_before_senior_projected = 10;  // a 10th grader is not asked yet
  r.grade_level = 10;
  CHECK(of_kind(alerts(r), AlertKind::ag_eleven_at_risk).empty());
}

TEST_CASE("AG_SENIOR_SHORT names the areas a senior stays short in", "[core]") {
  StudentReport r = quiet_student();
  r.grade_level = 12;
  r.uc.pattern_complete_projected = false;
  r.uc.area(Area::c).missing = 2;
  r.uc.area(Area::e).missing = 1;
  auto found = of_kind(alerts(r), AlertKind::ag_senior_short);
  REQUIRE(found.size() == 1);
  CHECK(found[0].detail == "c,e");
  CHECK(found[0].identity == "AG_SENIOR_SHORT|S100|c,e");
  CHECK(found[0].message ==
        "Even if every course in progress is passed, the UC A-G pattern stays short in areas c (2 semesters), "
        "e (1 semester).");
  r.uc.pattern_complete_projected = true;  // near miss
  CHECK(of_kind(alerts(r), AlertKind::ag_senior_short).empty());
}

TEST_CASE("AG_GEOMETRY_MISSING fires for level 3+ math without geometry in grades 11-12", "[core]") {
  StudentReport r = quiet_student();
  r.grade_level = 11;
  r.uc.semesters_before_senior_projected = 24;
  r.highest_math_level_credited = 3;
  r.has_geometry = false;
  REQUIRE(of_kind(alerts(r), AlertKind::ag_geometry_missing).size() == 1);
  r.has_geometry = true;  // near miss: geometry in progress or credited
  CHECK(of_kind(alerts(r), AlertKind::ag_geometry_missing).empty());
  r.has_geometry = false;
  r.highest_math_level_credited = 2;  // near miss: not past geometry's level
  CHECK(of_kind(alerts(r), AlertKind::ag_geometry_missing).empty());
  r.highest_math_level_credited = 3;
  r.grade_level = 10;  // near miss: still time
  CHECK(of_kind(alerts(r), AlertKind::ag_geometry_missing).empty());
}

TEST_CASE("AG_GPA_RISK fires per system for on-track students under the GPA minimum", "[core]") {
  StudentReport r = quiet_student();
  r.uc.gpa_weighted_capped = 2.99;
  r.csu.gpa = 2.49;
  auto found = of_kind(alerts(r), AlertKind::ag_gpa_risk);
  REQUIRE(found.size() == 2);
  CHECK(found[0].detail == "csu");
  CHECK(found[1].detail == "uc");
  CHECK(found[1].message ==
        "On track for the A-G pattern, but the UC weighted-capped GPA is 2.99, under the UC minimum of 3.00.");
  r.uc.gpa_weighted_capped = 3.00;  // near misses: exactly the minimum
  r.csu.gpa = 2.50;
  CHECK(of_kind(alerts(r), AlertKind::ag_gpa_risk).empty());
  r.uc.gpa_weighted_capped = 2.5;  // off track: AG_OFF_TRACK speaks instead
  r.on_track = false;
  CHECK(of_kind(alerts(r), AlertKind::ag_gpa_risk).empty());
  r.on_track = true;  // no GPA yet (a 9th grader): nothing
  r.uc.gpa_weighted_capped.reset();
  r.csu.gpa.reset();
  CHECK(of_kind(alerts(r), AlertKind::ag_gpa_risk).empty());
}

TEST_CASE("AP_READY_NOT_ENROLLED fires for ready students missing from AP", "[core]") {
  StudentReport r = quiet_student();
  r.ap_enrolled_this_year = 0;
  r.uc.gpa_weighted_capped = 3.00;
  auto found = of_kind(alerts(r), AlertKind::ap_ready_not_enrolled);
  REQUIRE(found.size() == 1);
  CHECK(found[0].identity == "AP_READY_NOT_ENROLLED|S100|2025-2026");
  CHECK(found[0].message == "UC weighted-capped GPA 3.00 and no AP course this year, while the school offers AP.");
  r.uc.gpa_weighted_capped = 2.99;  // near miss: under 3.00
  CHECK(of_kind(alerts(r), AlertKind::ap_ready_not_enrolled).empty());
  r.uc.gpa_weighted_capped = 3.8;
  StudentAlertContext no_ap;  // near miss: the school offers no AP
  CHECK(of_kind(alerts(r, no_ap), AlertKind::ap_ready_not_enrolled).empty());
  r.grade_level = 9;  // near miss: grade 9
  CHECK(of_kind(alerts(r), AlertKind::ap_ready_not_enrolled).empty());
  r.grade_level = 11;
  r.ap_enrolled_this_year = 1;  // near miss: enrolled
  CHECK(of_kind(alerts(r), AlertKind::ap_ready_not_enrolled).empty());
}

TEST_CASE("AG_STATUS_CHANGED fires when a status flips from yes to no and holds", "[core]") {
  StudentReport r = quiet_student();
  r.grade_level = 12;
  r.uc.pattern_complete_projected = false;
  r.csu.pattern_complete_projected = true;
  r.on_track = false;
  StudentAlertContext c = ap_school();
  c.previous = PreviousStatus{true, true, true};
  auto found = of_kind(alerts(r, c), AlertKind::ag_status_changed);
  // UC flipped; on_track flipped with it (one event for a senior: reported once); CSU held.
  REQUIRE(found.size() == 1);
  CHECK(found[0].detail == "uc_pattern");
  CHECK(found[0].identity == "AG_STATUS_CHANGED|S100|uc_pattern");
  CHECK(found[0].message ==
        "The UC A-G pattern was projected complete and no longer is; tell the family and document the support "
        "offered.");
  // Next import: previous is now "no"; the open alert keeps holding while UC stays "no".
  c.previous = PreviousStatus{false, true, false};
  CHECK(of_kind(alerts(r, c), AlertKind::ag_status_changed).empty());
  c.open_status_changes = {"uc_pattern"};
  CHECK(of_kind(alerts(r, c), AlertKind::ag_status_changed).size() == 1);
  r.uc.pattern_complete_projected = true;  // back to yes: resolved
  r.on_track = true;
  CHECK(of_kind(alerts(r, c), AlertKind::ag_status_changed).empty());
}

TEST_CASE("AG_STATUS_CHANGED needs a previous yes", "[core]") {
  StudentReport r = quiet_student();
  r.on_track = false;
  StudentAlertContext c = ap_school();
  CHECK(of_kind(alerts(r, c), AlertKind::ag_status_changed).empty());  // first evaluation
  c.previous = PreviousStatus{false, false, false};
  CHECK(of_kind(alerts(r, c), AlertKind::ag_status_changed).empty());  // was already no
  c.previous = PreviousStatus{false, false, true};
  auto found = of_kind(alerts(r, c), AlertKind::ag_status_changed);
  REQUIRE(found.size() == 1);
  CHECK(found[0].detail == "on_track");
}

TEST_CASE("Student alert identities are stable and messages carry no identifiers", "[core]") {
  StudentReport r = quiet_student();
  r.on_track = false;
  r.math_in_progress = false;
  r.ap_enrolled_this_year = 0;
  r.courses.push_back(course("ALG1", "Algebra 1", Area::c, "S2", "2024-2025", "F", CourseStatus::needs_validation));
  auto first = alerts(r);
  r.uc.gpa_weighted_capped = 3.9;  // figures change, identities do not
  r.projected_semesters = 9;
  auto second = alerts(r);
  REQUIRE(first.size() == second.size());
  REQUIRE(first.size() == 4);  // DF, OFF_TRACK, NO_MATH, AP_READY
  for (size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].identity == second[i].identity);
    CHECK(first[i].message.find("S100") == std::string::npos);
    CHECK(first[i].message.find("C7") == std::string::npos);
  }
}

TEST_CASE("Alert settings change thresholds and unknown keys are refused", "[core]") {
  AlertThresholds t;
  REQUIRE(apply_alert_overrides(t, {{"alerts.gpa_ready", "3.5"}, {"alerts.gap_ag_pp", "-15"},
                                    {"alerts.ri_under", "0.85"}, {"alerts.widening_pp", "2"},
                                    {"alerts.disabled", "ag_no_math; AG_OFF_TRACK"}, {"privacy.min_n", "5"}})
              .ok());
  CHECK(t.gpa_ready == 3.5);
  CHECK(t.gap_ag_pp == -15);
  CHECK(t.ri_under == 0.85);
  CHECK(t.widening_pp == 2);
  REQUIRE(t.disabled.size() == 2);
  StudentReport r = quiet_student();
  r.on_track = false;
  r.math_in_progress = false;
  r.ap_enrolled_this_year = 0;  // GPA 3.40 < 3.5: not ready under the new threshold
  CHECK(alerts(r, ap_school(), t).empty());

  AlertThresholds before = t;
  CHECK_FALSE(apply_alert_overrides(t, {{"alerts.gpa_redy", "3.0"}}).ok());
  CHECK_FALSE(apply_alert_overrides(t, {{"alerts.gpa_ready", "high"}}).ok());
  CHECK_FALSE(apply_alert_overrides(t, {{"alerts.disabled", "AG_NOPE"}}).ok());
  CHECK(t.gpa_ready == before.gpa_ready);
  CHECK(t.disabled.size() == 2);
}

TEST_CASE("Alert kind names round-trip", "[core]") {
  for (AlertKind k : all_alert_kinds()) {
    REQUIRE(parse_alert_kind(alert_kind_name(k)).has_value());
    CHECK(*parse_alert_kind(alert_kind_name(k)) == k);
  }
  CHECK(all_alert_kinds().size() == 13);
  CHECK(*parse_alert_kind("gap_widening") == AlertKind::gap_widening);
  CHECK(is_subgroup_alert(AlertKind::gap_zero_access));
  CHECK_FALSE(is_subgroup_alert(AlertKind::ag_no_math));
}
