// Hand-worked validation cases (R6, §3 step 4-5, C4, C5, C9): math levels, LOTE levels,
// same-course S2 -> S1, chemistry, 7th/8th grade, and the 11-before-senior timing.
#include <catch2/catch.hpp>

#include "core/ag_test_builders.h"

using namespace agmon;
using test::baseline;
using test::earned;
using test::outcome;

TEST_CASE("Geometry S1 D is validated by its own S2 C, and the D stays in the GPA", "[core][ag][validation]") {
  auto t = baseline().drop("GEO");
  t.add("GEO", 'c', 10, "D,C", "math=2");
  auto r = t.eval();
  CHECK(earned(r.uc, 'c') == 6);
  const auto& geo = outcome(r, "GEO", "S1");
  CHECK(geo.status == core::CourseStatus::validated);
  CHECK(geo.validated_by == "GEO S2 2022-2023");
  CHECK(geo.reason.find("stays in the GPA") != std::string::npos);
  // 10th: 36 - GEO B,B 6 + D,C 3 = 33; (33 + 29) / 18 = 3.444 -> 3.44.
  CHECK(*r.uc.gpa_unweighted == Approx(3.44));
}

TEST_CASE("a Geometry D is never validated by a higher course unless C5 is on", "[core][ag][validation]") {
  auto t = baseline().drop("GEO");
  t.add("GEO", 'c', 10, "D,D", "math=2");
  auto r = t.eval();
  // L1 2 + L2 0 + L3 2 = 4 even with Precalculus.
  CHECK(earned(r.uc, 'c') == 4);
  CHECK(outcome(r, "GEO", "S1").status == core::CourseStatus::needs_validation);
  CHECK_FALSE(r.has_geometry);
  auto c5 = t.eval(test::rules_with({{"ag.validation.geometry_deficiency_by_level4", "true"}}));
  CHECK(earned(c5.uc, 'c') == 6);
  CHECK(outcome(c5, "GEO", "S1").validated_by == "PREC S1 2024-2025");
}

TEST_CASE("Algebra 2 S1 F is validated by Algebra 2 S2 C", "[core][ag][validation]") {
  auto t = baseline().drop("ALG2");
  t.add("ALG2", 'c', 11, "F,C", "math=3");
  auto r = t.eval();
  CHECK(earned(r.uc, 'c') == 6);
  CHECK(outcome(r, "ALG2", "S1").status == core::CourseStatus::validated);
}

TEST_CASE("Algebra 1 D,D is validated by Algebra 2 and names the validating course", "[core][ag][validation]") {
  auto t = baseline().drop("ALG1");
  t.add("ALG1", 'c', 9, "D,D", "math=1");
  auto r = t.eval();
  CHECK(earned(r.uc, 'c') == 6);
  const auto& alg1 = outcome(r, "ALG1", "S2");
  CHECK(alg1.status == core::CourseStatus::validated);
  CHECK(alg1.validated_by == "ALG2 S1 2023-2024");
}

TEST_CASE("chemistry S2 validates a D in S1 (C4); biology does not", "[core][ag][validation]") {
  auto chem = baseline().drop("CHEM");
  chem.add("CHEM", 'd', 10, "D,B", "sci=chemistry");
  auto r = chem.eval();
  CHECK(earned(r.uc, 'd') == 4);
  CHECK(earned(r.csu, 'd') == 4);
  CHECK(outcome(r, "CHEM", "S1").validated_by == "CHEM S2 2022-2023");
  // C4 off: UC bio 2 + chem 1 = 3; CSU bio 2 + physical 1 = 3.
  auto off = chem.eval(test::rules_with({{"ag.validation.chemistry_s2_validates_s1", "false"}}));
  CHECK(earned(off.uc, 'd') == 3);
  CHECK(earned(off.csu, 'd') == 3);
  CHECK(outcome(off, "CHEM", "S1").status == core::CourseStatus::below_c);

  auto bio = baseline().drop("BIO");
  bio.add("BIO", 'd', 9, "D,B", "sci=biology");
  auto b = bio.eval();
  // chem 2 + bio 1 = 3.
  CHECK(earned(b.uc, 'd') == 3);
  CHECK(outcome(b, "BIO", "S1").status == core::CourseStatus::below_c);
}

TEST_CASE("a higher LOTE level validates lower D grades, never the reverse", "[core][ag][validation]") {
  auto up = baseline().drop("SPN1");
  up.add("SPN1", 'e', 9, "D,D", "lang=spanish:1");
  auto r = up.eval();
  CHECK(earned(r.uc, 'e') == 4);
  CHECK(outcome(r, "SPN1", "S1").validated_by == "SPN2 S1 2022-2023");

  auto down = baseline().drop("SPN2").drop("SPN3");
  down.add("SPN2", 'e', 10, "D,D", "lang=spanish:2");
  auto d = down.eval();
  // Spanish 1 A,A gives level 1 only: 2(1-1) + 2 = 2.
  CHECK(earned(d.uc, 'e') == 2);
  CHECK(outcome(d, "SPN2", "S1").status == core::CourseStatus::needs_validation);
}

TEST_CASE("7th/8th grade counts only for math and language, never in the GPA (R8)", "[core][ag][validation]") {
  auto t = baseline().drop("SPN1").drop("ENG12");
  t.add("SPN1", 'e', 8, "B,C", "lang=spanish:1").add("ENG8", 'b', 8, "A,A");
  auto r = t.eval();
  CHECK(earned(r.uc, 'e') == 4);  // Spanish 1 in 8th + Spanish 2
  CHECK(earned(r.uc, 'b') == 6);  // 8th-grade English does not count
  CHECK(outcome(r, "ENG8", "S1").status == core::CourseStatus::not_ag);
  CHECK(outcome(r, "SPN1", "S1").status == core::CourseStatus::counted);
  CHECK(*r.uc.gpa_unweighted == Approx(3.61));
  // Algebra 1 in 7th, Geometry in 8th: both count; the 8th-grade D in Algebra 1 is validated.
  auto m = baseline().drop("ALG1").drop("GEO");
  m.add("ALG1", 'c', 7, "D,C", "math=1").add("GEO", 'c', 8, "B,B", "math=2");
  auto mr = m.eval();
  CHECK(earned(mr.uc, 'c') == 6);
  CHECK(outcome(mr, "ALG1", "S1").status == core::CourseStatus::validated);
}

TEST_CASE("C9 off: validated semesters need spare real courses to make the 15", "[core][ag][validation]") {
  // Algebra 1 never taken (validated by Algebra 2), Precalculus rolls into g:
  // a4 b8 c6 (2 validated) d4 e4 f2 g2 = 30 with the default.
  auto t = baseline().drop("ALG1").drop("ECON").drop("GOV").drop("SPN3");
  auto on = t.eval();
  CHECK(on.uc.pattern_complete);
  CHECK(on.uc.semesters_before_senior == 26);  // a4 b6 c6 d4 e4 f2 g0
  // C9 off: 30 - 2 validated + min(2, spare 0) = 28 < 30; every area is still met.
  auto off = t.eval(test::rules_with({{"ag.validated_semesters_count_for_15_and_11", "false"}}));
  CHECK_FALSE(off.uc.pattern_complete);
  CHECK(earned(off.uc, 'c') == 6);
  CHECK(off.uc.semesters_before_senior == 24);
}

TEST_CASE("validation counts before senior year only when the validating course was before 12th", "[core][ag][validation]") {
  auto t = baseline().drop("ALG1").drop("ALG2").drop("PREC");
  t.add("ALG1", 'c', 9, "D,D", "math=1").add("ALG2", 'c', 12, "B,B", "math=3");
  auto r = t.eval();
  CHECK(earned(r.uc, 'c') == 6);
  // Before 12th: c = L1 0 + Geometry 2 = 2 -> a4 b6 c2 d4 e4 f2 g2 = 24.
  CHECK(r.uc.semesters_before_senior == 24);
}
