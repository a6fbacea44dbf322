// Per-course statuses and reasons, Pass/No Pass windows (R4, C10, C19), in-progress and
// projected credit (R9), eleven-before-senior (R5), on-track (§9) and the AP/math flags.
#include <catch2/catch.hpp>

#include <set>

#include "core/ag_test_builders.h"

using namespace agmon;
using test::baseline;
using test::earned;
using test::outcome;

namespace {

// Keeps grades up to `last`, turning that grade's marks into in-progress ones.
test::Transcript in_grade(test::Transcript t, int last) {
  std::vector<core::CourseRecord> kept;
  for (auto r : t.records) {
    if (r.grade_level > last) continue;
    if (r.grade_level == last) {
      r.mark = "";
      r.status = "in_progress";
    }
    kept.push_back(r);
  }
  t.records = kept;
  t.grade_now = last;
  return t;
}

}  // namespace

TEST_CASE("every course status appears with a reason", "[core][ag][status]") {
  auto t = baseline().drop("ALG1").drop("ENG10").drop("ENG12");
  t.add("ALG1", 'c', 9, "D,C", "math=1");               // S1 validated by S2
  t.add("ENG10", 'b', 10, "F,A").add("ENG10", 'b', 10, "B", "terms=SS repeat=S1");
  t.add("ENG12", 'b', 12, "IP,IP");
  t.add("PE9", '-', 9, "A");                             // not on the A-G list
  t.add("GEO2", 'c', 11, "D", "math=2");                 // geometry D: repeat it
  t.add("HLTH", 'g', 10, "F");                           // below C, not validatable
  t.as_of = "2024-2025";
  auto r = t.eval();
  std::set<core::CourseStatus> seen;
  for (const auto& c : r.courses) {
    seen.insert(c.status);
    INFO(c.course_id << " " << c.term);
    CHECK_FALSE(c.reason.empty());
  }
  CHECK(seen.size() == 7);
  CHECK(outcome(r, "ALG1", "S1").status == core::CourseStatus::validated);
  CHECK(outcome(r, "ENG10", "S1").status == core::CourseStatus::repeated);
  CHECK(outcome(r, "ENG12", "S1").status == core::CourseStatus::in_progress);
  CHECK(outcome(r, "PE9", "S1").status == core::CourseStatus::not_ag);
  CHECK(outcome(r, "GEO2", "S1").status == core::CourseStatus::needs_validation);
  CHECK(outcome(r, "HLTH", "S1").status == core::CourseStatus::below_c);
  CHECK(outcome(r, "ENG9", "S1").status == core::CourseStatus::counted);
  CHECK(outcome(r, "ENG9", "S1").reason.find("9th-grade") != std::string::npos);
}

TEST_CASE("withdrawn, No Pass, Incomplete and unknown marks earn nothing", "[core][ag][status]") {
  auto t = baseline().drop("ENG12");
  t.add("ENG12", 'b', 12, "W,NP");
  t.add("ENG12B", 'b', 12, "I,ZZ");
  auto r = t.eval();
  CHECK(earned(r.uc, 'b') == 6);
  CHECK(outcome(r, "ENG12", "S1").status == core::CourseStatus::not_ag);
  CHECK(outcome(r, "ENG12", "S2").status == core::CourseStatus::below_c);
  CHECK(outcome(r, "ENG12B", "S1").reason.find("Incomplete") != std::string::npos);
  CHECK(outcome(r, "ENG12B", "S2").reason.find("'ZZ'") != std::string::npos);
}

TEST_CASE("C- meets UC by default; with C1 off it is short for UC but fine for CSU", "[core][ag][status]") {
  auto t = baseline().drop("ENG10");
  t.add("ENG10", 'b', 10, "C-,A");
  CHECK(earned(t.eval().uc, 'b') == 8);
  auto r = t.eval(test::rules_with({{"ag.uc.accept_c_minus", "false"}}));
  CHECK(earned(r.uc, 'b') == 7);
  CHECK(earned(r.csu, 'b') == 8);
  CHECK(r.csu.pattern_complete);
  CHECK_FALSE(r.uc.pattern_complete);
  CHECK(outcome(r, "ENG10", "S1").reason.find("counts for CSU") != std::string::npos);
}

TEST_CASE("P earns credit inside the 2020-21 window, nothing outside it, never GPA (R4)", "[core][ag][status]") {
  // first_year 2018: 10th grade is 2019-2020, so ENG10 S2 P is spring 2020.
  auto in = baseline();
  in.first_year = 2018;
  in.drop("ENG10").add("ENG10", 'b', 10, "A,P");
  auto r = in.eval();
  CHECK(earned(r.uc, 'b') == 8);
  CHECK(earned(r.csu, 'b') == 8);
  // GPA without the P: (36 - 4) / 9 grades + 29/8 -> 61/17 = 3.588 -> 3.58.
  CHECK(*r.uc.gpa_unweighted == Approx(3.58));
  CHECK(outcome(r, "ENG10", "S2").status == core::CourseStatus::counted);
  // The same P in 2022-2023: no credit.
  auto out = baseline().drop("ENG10");
  out.add("ENG10", 'b', 10, "A,P");
  auto o = out.eval();
  CHECK(earned(o.uc, 'b') == 7);
  CHECK(outcome(o, "ENG10", "S2").status == core::CourseStatus::below_c);
  CHECK(outcome(o, "ENG10", "S2").reason.find("outside") != std::string::npos);
  // C10: an empty UC window removes the spring-2020 credit for UC only.
  auto none = in.eval(test::rules_with({{"ag.uc.pnp_windows", ""}}));
  CHECK(earned(none.uc, 'b') == 7);
  CHECK(earned(none.csu, 'b') == 8);
}

TEST_CASE("winter 2021 trimester P counts for CSU, not UC", "[core][ag][status]") {
  auto t = baseline();
  t.first_year = 2019;  // 10th grade = 2020-2021
  t.drop("ENG10").add("ENG10", 'b', 10, "A,P,A", "terms=T1,T2,T3");
  auto r = t.eval();
  CHECK(earned(r.uc, 'b') == Approx(6 + 4.0 / 3.0));  // T1 + T3 = 4/3 semester
  CHECK(earned(r.csu, 'b') == 8);
  CHECK(outcome(r, "ENG10", "T2").reason.find("counts for CSU") != std::string::npos);
}

TEST_CASE("a LOTE proficiency exemption recorded as P counts in any year (C19)", "[core][ag][status]") {
  auto t = baseline().drop("SPN2").drop("SPN3");
  t.add("SPNEX", 'e', 10, "P,P", "lang=spanish:2 source=exemption");
  // Spanish 1 + exempted level 2: 2 + 2 = 4.
  CHECK(earned(t.eval().uc, 'e') == 4);
  auto plain = baseline().drop("SPN2").drop("SPN3");
  plain.add("SPNEX", 'e', 10, "P,P", "lang=spanish:2");
  CHECK(earned(plain.eval().uc, 'e') == 2);
}

TEST_CASE("in-progress courses count only in the projection (R9, ag-027)", "[core][ag][status]") {
  auto t = in_grade(baseline(), 12);
  auto r = t.eval();
  CHECK(earned(r.uc, 'b') == 6);
  CHECK(test::in_progress(r.uc, 'b') == 2);
  CHECK(r.uc.area(core::Area::b).missing == 0);
  CHECK(r.uc.area(core::Area::c).in_progress == 0);  // already 6 before Precalculus
  CHECK_FALSE(r.uc.pattern_complete);
  CHECK(r.uc.pattern_complete_projected);
  CHECK(r.uc.eligible_projected);
  CHECK(r.csu.eligible_projected);
  CHECK(r.credited_semesters == 28);   // a4 (WHIST, USH) b6 c6 d4 e4 f2 g2 (Spanish 3)
  CHECK(r.projected_semesters == 30);
  CHECK(r.math_in_progress);
  CHECK(r.on_track);
}

TEST_CASE("eleven before senior year: 22 semesters, summer after 11th included (R5)", "[core][ag][status]") {
  // Without Spanish 3, Art and English 11: a4 b4 c6 d4 e4 f0 g0 = 22 before 12th.
  auto t = baseline().drop("SPN3").drop("ART1").drop("ENG11");
  CHECK(t.eval().uc.eleven_before_senior);
  CHECK(t.eval().uc.semesters_before_senior == 22);
  // Without US history too: 20 ...
  auto u = baseline().drop("SPN3").drop("ART1").drop("ENG11").drop("USH");
  CHECK_FALSE(u.eval().uc.eleven_before_senior);
  // ... and US history in the summer after 11th brings it back to 22.
  u.add("USHA", 'a', 11, "A", "terms=SS hss=us_history").add("USHB", 'a', 11, "A", "terms=SS hss=us_history");
  CHECK(u.eval().uc.eleven_before_senior);
  // The same courses in the summer after 12th do not.
  auto late = baseline().drop("SPN3").drop("ART1").drop("ENG11").drop("USH");
  late.add("USHA", 'a', 12, "A", "terms=SS hss=us_history").add("USHB", 'a', 12, "A", "terms=SS hss=us_history");
  CHECK_FALSE(late.eval().uc.eleven_before_senior);
}

TEST_CASE("on track in 9th grade needs 4 projected semesters including b 2 and c 2 (§9)", "[core][ag][status]") {
  auto t = in_grade(baseline(), 9);  // ENG9, ALG1, BIO, SPN1, ART1 in progress: 10 projected
  auto r = t.eval();
  CHECK(r.projected_semesters == 10);
  CHECK(r.credited_semesters == 0);
  CHECK(r.on_track);
  CHECK(r.math_in_progress);
  // No math: 8 projected but c 0 -> off track.
  auto no_math = in_grade(baseline(), 9).drop("ALG1").eval();
  CHECK_FALSE(no_math.on_track);
  CHECK_FALSE(no_math.math_in_progress);
}

TEST_CASE("on track in 10th needs 10, in 11th 22 before senior year, in 12th the pattern", "[core][ag][status]") {
  // 10th: 9th grade 10 + 10th in progress 10 = 20 >= 10.
  CHECK(in_grade(baseline(), 10).eval().on_track);
  // Only 9th-grade B, C and D credit (6) and nothing this year -> off track.
  auto thin = in_grade(baseline(), 10).drop("SPN1").drop("ART1");
  for (const char* id : {"ENG10", "GEO", "CHEM", "SPN2", "WHIST"}) thin.drop(id);
  CHECK_FALSE(thin.eval().on_track);
  // 10 exactly with a configured threshold of 12 -> off.
  auto ten = in_grade(baseline(), 10);
  for (const char* id : {"ENG10", "GEO", "CHEM", "SPN2", "WHIST"}) ten.drop(id);
  CHECK(ten.eval().on_track);
  CHECK_FALSE(ten.eval(test::rules_with({{"ag.ontrack.grade10", "12"}})).on_track);
  // 11th: 28 projected before senior year.
  auto eleven = in_grade(baseline(), 11).eval();
  CHECK(eleven.on_track);
  CHECK(eleven.uc.semesters_before_senior_projected == 28);
  CHECK(eleven.uc.eleven_before_senior_projected);
  CHECK_FALSE(eleven.uc.eleven_before_senior);  // 11th grade still in progress: 20 now
  // 12th without senior English even in progress: pattern incomplete -> off track.
  CHECK_FALSE(in_grade(baseline(), 12).drop("ENG12").eval().on_track);
}

TEST_CASE("AP counts distinct courses this year and completed; geometry flag", "[core][ag][status]") {
  auto t = baseline();
  t.add("APCALC", 'c', 12, "A,IP", "math=4 honors=ap");
  t.add("APBIO", 'd', 12, "W", "honors=ap sci=biology");
  t.add("APUSH", 'a', 11, "B,B", "honors=ap hss=us_history");
  auto r = t.eval();
  CHECK(r.ap_enrolled_this_year == 1);  // APCALC (APBIO withdrawn)
  CHECK(r.ap_completed == 2);           // APCALC S1 and APUSH
  CHECK(r.has_geometry);
  CHECK(r.highest_math_level_credited == 4);
}
