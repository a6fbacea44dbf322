// Hand-worked repeat cases (R7, §8, C7, C8): explicit and derived repeats, repeats of passed
// courses, multiple repeats, VPA retakes, and repeats still in progress.
#include <catch2/catch.hpp>

#include "core/ag_test_builders.h"

using namespace agmon;
using test::baseline;
using test::earned;
using test::outcome;

TEST_CASE("a failed course retaken the next year replaces the F without repeat_of_term (§8)", "[core][ag][repeats]") {
  auto t = baseline().drop("ENG10");
  t.add("ENG10", 'b', 10, "F,F").add("ENG10", 'b', 11, "B,B");
  auto r = t.eval();
  CHECK(earned(r.uc, 'b') == 8);
  // 10th: 36 - 8 = 28 (8 grades); 11th: 29 + 6 = 35 (10 grades) -> 63/18 = 3.50.
  CHECK(*r.uc.gpa_unweighted == Approx(3.50));
  const auto& f = outcome(r, "ENG10", "S1", "2022-2023");
  CHECK(f.status == core::CourseStatus::repeated);
  CHECK(f.reason.find("ENG10 S1 2023-2024") != std::string::npos);
  CHECK(outcome(r, "ENG10", "S1", "2023-2024").status == core::CourseStatus::counted);
}

TEST_CASE("repeating a course passed with C or better does not use the second grade (R7)", "[core][ag][repeats]") {
  auto t = baseline().drop("ENG10");
  t.add("ENG10", 'b', 10, "C,C").add("ENG10", 'b', 11, "A,A");
  auto r = t.eval();
  // 10th: 36 - 8 + 4 = 32; 11th unchanged 29 -> 61/18 = 3.388 -> 3.38 (the A,A are ignored).
  CHECK(*r.uc.gpa_unweighted == Approx(3.38));
  CHECK(earned(r.uc, 'b') == 8);
  const auto& again = outcome(r, "ENG10", "S2", "2023-2024");
  CHECK(again.status == core::CourseStatus::repeated);
  CHECK(again.reason.find("already passed") != std::string::npos);
}

TEST_CASE("an explicit summer repeat replaces the S1 F (ag-022); CSU keep_both keeps it (C8)", "[core][ag][repeats]") {
  auto t = baseline().drop("ENG10");
  t.add("ENG10", 'b', 10, "F,A").add("ENG10", 'b', 10, "A", "terms=SS repeat=S1");
  auto r = t.eval();
  // F dropped: 10th ENG10 S2 A + summer A = 8 -> 65/18 = 3.61 for UC and CSU.
  CHECK(*r.uc.gpa_unweighted == Approx(3.61));
  CHECK(*r.csu.gpa == Approx(3.61));
  // keep_both: the F stays in the CSU GPA -> 65/19 = 3.42; UC unchanged.
  auto both = t.eval(test::rules_with({{"ag.csu.repeat_rule", "keep_both"}}));
  CHECK(*both.csu.gpa == Approx(3.42));
  CHECK(*both.uc.gpa_unweighted == Approx(3.61));
  CHECK(earned(both.csu, 'b') == 8);
}

TEST_CASE("multiple repeats: the latest attempt counts, or the attempts are averaged (C7)", "[core][ag][repeats]") {
  // ENG10 S1: F (10th), D in the summer after 10th, B in 11th (both repeats of S1).
  auto t = baseline().drop("ENG10");
  t.add("ENG10", 'b', 10, "F,A").add("ENG10", 'b', 10, "D", "terms=SS repeat=S1");
  t.add("ENG10", 'b', 11, "B", "repeat=S1");
  auto r = t.eval();
  CHECK(earned(r.uc, 'b') == 8);
  // latest: 10th S2 A 4 + 28 = 32 (9 grades); 11th 29 + B 3 = 32 (9 grades) -> 64/18 = 3.55.
  CHECK(*r.uc.gpa_unweighted == Approx(3.55));
  CHECK(outcome(r, "ENG10", "S1", "2022-2023").status == core::CourseStatus::repeated);
  CHECK(outcome(r, "ENG10", "SS").status == core::CourseStatus::repeated);
  // average: one grade of (0 + 1 + 3) / 3 -> (32 + 29 + 4/3) / 18 = 3.4629 -> 3.46.
  auto avg = t.eval(test::rules_with({{"ag.repeat.multiple_repeats", "average"}}));
  CHECK(*avg.uc.gpa_unweighted == Approx(3.46));
}

TEST_CASE("VPA courses are never repeats: every grade counts (R7)", "[core][ag][repeats]") {
  auto t = baseline();
  t.add("ART1", 'f', 10, "B,B", "vpa=visual_arts");
  auto r = t.eval();
  // 10th: 36 + 6 = 42 (12 grades); 11th 29 (8) -> 71/20 = 3.55.
  CHECK(*r.uc.gpa_unweighted == Approx(3.55));
  CHECK(outcome(r, "ART1", "S1", "2022-2023").status == core::CourseStatus::counted);
  CHECK(earned(r.uc, 'f') == 2);
}

TEST_CASE("a repeat in progress clears the F only in the projection", "[core][ag][repeats]") {
  auto t = baseline().drop("ENG11");
  t.add("ENG11", 'b', 11, "F,F").add("ENG11", 'b', 12, "IP,IP");
  auto r = t.eval();
  // Now: ENG9 + ENG10 + ENG12 = 6; with the retake passing: 8.
  CHECK(earned(r.uc, 'b') == 6);
  CHECK(test::in_progress(r.uc, 'b') == 2);
  CHECK_FALSE(r.uc.pattern_complete);
  CHECK(r.uc.pattern_complete_projected);
  // The F's stay in the GPA until the repeat is graded: 11th 29 - 8 = 21 -> 57/18 = 3.16.
  CHECK(*r.uc.gpa_unweighted == Approx(3.16));
  CHECK(r.uc.eligible_projected);
  CHECK_FALSE(r.uc.eligible);
  const auto& f = outcome(r, "ENG11", "S1", "2023-2024");
  CHECK(f.status == core::CourseStatus::below_c);
  CHECK(f.reason.find("repeat is in progress (ENG11 S1 2024-2025)") != std::string::npos);
  CHECK(outcome(r, "ENG11", "S1", "2024-2025").status == core::CourseStatus::in_progress);
}

TEST_CASE("a repeat_of_term with nothing to repeat is an ordinary record", "[core][ag][repeats]") {
  auto t = baseline().drop("USH");
  t.add("USH", 'a', 11, "A", "terms=SS repeat=S1 hss=us_history");
  auto r = t.eval();
  CHECK(outcome(r, "USH", "SS").status == core::CourseStatus::counted);
  // world 2 + US 1 + civics 1 = 4.
  CHECK(earned(r.uc, 'a') == 4);
}
