// Hand-worked GPA cases through the evaluator (§2, C2, C3, C6, C11, C16, C17): honors caps,
// college weighting, the 10th-11th window, summers, rounding and residency thresholds.
#include <catch2/catch.hpp>

#include "core/ag_test_builders.h"

using namespace agmon;
using test::baseline;

namespace {

// ag-019: 10th ENG10H A,A + APWH A,A + CHEMH A,B (6 honors semesters) + SPN2 A,A + GEO B,B = 37;
// 11th APLANG A,A (2 honors) + USH A,B + ALG2 B,B + SPN3 B,A + PHYS A,A = 36 -> 73 / 20 grades.
test::Transcript honors_student() {
  auto t = baseline().drop("ENG10").drop("WHIST").drop("CHEM").drop("ENG11").drop("USH");
  t.add("ENG10H", 'b', 10, "A,A", "honors=uc").add("APWH", 'a', 10, "A,A", "honors=ap hss=world_history");
  t.add("CHEMH", 'd', 10, "A,B", "honors=uc sci=chemistry");
  t.add("APLANG", 'b', 11, "A,A", "honors=ap").add("USH", 'a', 11, "A,B", "hss=us_history");
  t.add("PHYS", 'd', 11, "A,A", "sci=physics");
  return t;
}

// Sets every 10th and 11th grade mark to `mark`.
test::Transcript with_window_marks(test::Transcript t, const std::string& mark) {
  for (auto& r : t.records) {
    if (r.grade_level == 10 || r.grade_level == 11) r.mark = mark;
  }
  return t;
}

}  // namespace

TEST_CASE("honors: UC caps 10th grade at 4, CSU at 2 semesters (ag-019, C2)", "[core][ag][gpa]") {
  auto r = honors_student().eval();
  CHECK(*r.uc.gpa_unweighted == Approx(3.65));       // 73/20
  CHECK(*r.uc.gpa_weighted_capped == Approx(3.95));  // (73 + 4 + 2)/20
  CHECK(*r.uc.gpa_fully_weighted == Approx(4.05));   // (73 + 8)/20
  CHECK(r.uc.honors_semesters == 6);
  CHECK(*r.csu.gpa == Approx(3.85));                 // (73 + 2 + 2)/20
  auto c2 = honors_student().eval(test::rules_with({{"ag.csu.max_honors_sem_grade10", "4"}}));
  CHECK(*c2.csu.gpa == Approx(3.95));                // (73 + 4 + 2)/20
}

TEST_CASE("a D or F in an honors course earns no honors point", "[core][ag][gpa]") {
  auto t = honors_student().drop("APLANG");
  t.add("APLANG", 'b', 11, "D,A", "honors=ap");
  auto r = t.eval();
  // Points 73 - 3 = 70; honors 10th 6 (capped 4) + 11th 1 -> capped (70 + 5)/20 = 3.75.
  CHECK(*r.uc.gpa_weighted_capped == Approx(3.75));
  CHECK(*r.uc.gpa_fully_weighted == Approx(3.85));  // (70 + 7)/20
}

TEST_CASE("a college course in the summer after 9th: UC 1 grade, CSU 2 grades (ag-030, C3)", "[core][ag][gpa]") {
  // Baseline (65 points / 18 grades) with ENG10 and WHIST honors: 4 honors semesters in 10th.
  auto t = baseline().drop("ENG10").drop("WHIST");
  t.add("ENG10H", 'b', 10, "A,A", "honors=uc").add("WHISTH", 'a', 10, "A,B", "honors=uc hss=world_history");
  t.add("PSY101", 'g', 9, "A", "terms=SS honors=college hss=social_science");
  auto r = t.eval();
  // UC: (65 + 4) / 19 grades, honors 10th 5 capped at 4 -> 73/19 = 3.842 -> 3.84.
  CHECK(*r.uc.gpa_weighted_capped == Approx(3.84));
  // CSU: the college grade counts twice -> 73 points / 20 grades, honors 10th 6 capped at 2
  // -> 75/20 = 3.75.
  CHECK(*r.csu.gpa == Approx(3.75));
  // C3 = 1: (69 + min(2, 5)) / 19 = 71/19 = 3.7368 -> 3.73.
  auto one = t.eval(test::rules_with({{"ag.csu.college_course_weight", "1"}}));
  CHECK(*one.csu.gpa == Approx(3.73));
}

TEST_CASE("9th and 12th grade stay out of the UC GPA; C6 adds completed 12th to CSU", "[core][ag][gpa]") {
  auto t = baseline().drop("BIO");
  t.add("BIO", 'd', 9, "C,C", "sci=biology");  // 9th grade: no effect
  auto r = t.eval();
  CHECK(*r.uc.gpa_unweighted == Approx(3.61));
  // C6: 12th ENG12 A,A 8 + PREC B,B 6 + GOV A 4 + ECON A 4 = 22 / 6 -> (65 + 22)/24 = 3.625 -> 3.62.
  auto c6 = baseline().eval(test::rules_with({{"ag.csu.gpa_include_completed_12th", "true"}}));
  CHECK(*c6.csu.gpa == Approx(3.62));
  CHECK(*c6.uc.gpa_unweighted == Approx(3.61));
}

TEST_CASE("GPA rounding: truncated by default, half up under C16", "[core][ag][gpa]") {
  auto t = baseline().drop("ALG2");
  t.add("ALG2", 'c', 11, "A,B", "math=3");
  // 66/18 = 3.6667.
  CHECK(*t.eval().uc.gpa_unweighted == Approx(3.66));
  CHECK(*t.eval(test::rules_with({{"ag.gpa.rounding", "round_half_up"}})).uc.gpa_unweighted == Approx(3.67));
}

TEST_CASE("an exact 3.00 is eligible; nonresidents need 3.40 for UC and 3.00 for CSU (C17)", "[core][ag][gpa]") {
  auto t = with_window_marks(baseline(), "B");  // 18 B grades: 54/18 = 3.00
  auto r = t.eval();
  CHECK(*r.uc.gpa_weighted_capped == Approx(3.00));
  CHECK(r.uc.eligible);
  CHECK(r.csu.eligible);
  auto nr = t.eval(test::rules_with({{"ag.residency", "nonresident"}}));
  CHECK_FALSE(nr.uc.eligible);
  CHECK(nr.csu.eligible);
  // All C's: 2.00 -> neither system (CSU needs 2.50).
  auto c = with_window_marks(baseline(), "C").eval();
  CHECK(*c.uc.gpa_unweighted == Approx(2.00));
  CHECK(c.uc.pattern_complete);
  CHECK_FALSE(c.uc.eligible);
  CHECK_FALSE(c.csu.eligible);
}

TEST_CASE("plus and minus are dropped from grade points (§2)", "[core][ag][gpa]") {
  auto t = with_window_marks(baseline(), "B+");
  CHECK(*t.eval().uc.gpa_unweighted == Approx(3.00));
  auto m = with_window_marks(baseline(), "A-");
  CHECK(*m.eval().uc.gpa_unweighted == Approx(4.00));
}

TEST_CASE("summer rows: grade just completed by default, grade being entered under C11", "[core][ag][gpa]") {
  // US history taken as two summer courses stamped grade 12 in 2023-2024.
  auto t = baseline().drop("USH");
  t.add("USHA", 'a', 12, "A", "terms=SS year=2023-2024 hss=us_history");
  t.add("USHB", 'a', 12, "A", "terms=SS year=2023-2024 hss=us_history");
  // Default: summer after 12th -> not in the GPA (57/16 = 3.5625 -> 3.56) nor before senior
  // year (a = world 2 -> 26).
  auto r = t.eval();
  CHECK(*r.uc.gpa_unweighted == Approx(3.56));
  CHECK(r.uc.semesters_before_senior == 26);
  // grade_entering: summer after 11th -> in the GPA (65/18 = 3.61) and before senior year (28).
  auto e = t.eval(test::rules_with({{"ag.summer_grade_mapping", "grade_entering"}}));
  CHECK(*e.uc.gpa_unweighted == Approx(3.61));
  CHECK(e.uc.semesters_before_senior == 28);
}

TEST_CASE("a student with no 10th-11th letter grades has no GPA (null, not 0)", "[core][ag][gpa]") {
  test::Transcript t;
  t.grade_now = 9;
  t.add("ENG9", 'b', 9, "A,A");
  auto r = t.eval();
  CHECK_FALSE(r.uc.gpa_unweighted.has_value());
  CHECK_FALSE(r.csu.gpa.has_value());
  CHECK_FALSE(r.uc.eligible_projected);
}
