// Hand-worked area cases (ag-rules §1, §3 step 5): each area short for UC and CSU, their
// differences in a, d, g, term weights, college courses and ESL. The baseline student
// (ag_test_builders.h) meets every area; each case changes one thing and states the count.
#include <catch2/catch.hpp>

#include "core/ag_test_builders.h"

using namespace agmon;
using test::baseline;
using test::earned;

TEST_CASE("the baseline student completes both patterns with 28 semesters before 12th grade", "[core][ag][areas]") {
  auto r = baseline().eval();
  for (char a : {'a', 'b', 'c', 'd', 'e', 'f', 'g'}) {
    INFO(a);
    CHECK(r.uc.area(static_cast<core::Area>(a - 'a')).met());
    CHECK(r.csu.area(static_cast<core::Area>(a - 'a')).met());
  }
  CHECK(r.uc.pattern_complete);
  CHECK(r.csu.pattern_complete);
  // a4 + b6 + c6 + d4 + e4 + f2 + g2 (Spanish 3 rolls into g) = 28.
  CHECK(r.uc.semesters_before_senior == 28);
  CHECK(r.credited_semesters == 30);
  CHECK(*r.uc.gpa_unweighted == Approx(3.61));
}

TEST_CASE("a: UC needs world history; CSU takes civics plus g social science instead", "[core][ag][areas]") {
  auto r = baseline().drop("WHIST").eval();
  // UC a = min(2, world 0) + US slot (USH 2) = 2; Government only overflows.
  CHECK(earned(r.uc, 'a') == 2);
  CHECK_FALSE(r.uc.pattern_complete);
  // CSU a = US 2 + min(2, leftover a (GOV 1) + g social science (ECON 1)) = 4.
  CHECK(earned(r.csu, 'a') == 4);
  // CSU g: ECON went to a; overflow PREC 2 + SPN3 2 still gives g = 2.
  CHECK(earned(r.csu, 'g') == 2);
  CHECK(r.csu.pattern_complete);
}

TEST_CASE("a: one semester of US history plus civics fills the US year; civics alone does not", "[core][ag][areas]") {
  auto t = baseline().drop("USH");
  t.add("USH", 'a', 11, "A", "hss=us_history");
  // world 2 + (US 1 + min(1, civics GOV 1)) = 4.
  CHECK(earned(t.eval().uc, 'a') == 4);
  // Without the US semester: world 2 + 0 (civics needs US beside it) = 2.
  auto u = baseline().drop("USH").eval();
  CHECK(earned(u.uc, 'a') == 2);
  // CSU: US slot 0; second year from leftover a = min(2, WHIST 2 + GOV 1) = 2 -> a = 2.
  CHECK(earned(u.csu, 'a') == 2);
}

TEST_CASE("a: two years of world history still leave UC a at 2 without US history", "[core][ag][areas]") {
  auto t = baseline().drop("USH").drop("GOV");
  t.add("WHIST2", 'a', 11, "A,A", "hss=world_history");
  auto r = t.eval();
  // UC: min(2, world 4) + US 0 = 2. CSU: US 0 + min(2, leftover a 4) = 2.
  CHECK(earned(r.uc, 'a') == 2);
  CHECK(earned(r.csu, 'a') == 2);
  // The second year overflows into g for UC: 2 + PREC 2 + SPN3 2 + ECON 1 -> g 2.
  CHECK(earned(r.uc, 'g') == 2);
}

TEST_CASE("b: a missing senior English year leaves b at 6 for both systems", "[core][ag][areas]") {
  auto r = baseline().drop("ENG12").eval();
  CHECK(earned(r.uc, 'b') == 6);
  CHECK(earned(r.csu, 'b') == 6);
  CHECK(r.uc.area(core::Area::b).missing == 2);
  CHECK_FALSE(r.uc.pattern_complete);
  CHECK_FALSE(r.csu.pattern_complete);
}

TEST_CASE("b: ESL/ELD counts for at most 2 semesters and not in the senior year (C15)", "[core][ag][areas]") {
  // ELD in place of English 9: 6 regular + min(2, ESL 2) = 8.
  auto one = baseline().drop("ENG9");
  one.add("ELD1", 'b', 9, "A,A", "title=ELD_1");
  CHECK(earned(one.eval().uc, 'b') == 8);
  // ELD in 9th and 10th: 4 regular + min(2, 4) = 6.
  auto two = baseline().drop("ENG9").drop("ENG10");
  two.add("ELD1", 'b', 9, "A,A", "title=ELD_1").add("ELD2", 'b', 10, "A,A", "title=English_Language_Development_2");
  CHECK(earned(two.eval().uc, 'b') == 6);
  // ESL as the senior course: 6 + 0 = 6; with the switch off: 8.
  auto senior = baseline().drop("ENG12");
  senior.add("ESL4", 'b', 12, "A,A", "title=ESL_Senior");
  CHECK(earned(senior.eval().uc, 'b') == 6);
  CHECK(earned(senior.eval(test::rules_with({{"ag.b.esl_not_in_senior_year", "false"}})).uc, 'b') == 8);
}

TEST_CASE("c: without geometry math stops at 4 semesters; Algebra 1 and 2 are validated", "[core][ag][areas]") {
  auto r = baseline().drop("GEO").eval();
  // L1 2 + L2 0 (nothing validates a missing geometry) + L3 2 = 4.
  CHECK(earned(r.uc, 'c') == 4);
  CHECK(earned(r.csu, 'c') == 4);
  CHECK_FALSE(r.has_geometry);
  // Algebra 1 never taken: Algebra 2 (level 3) validates it -> 2 + 2 + 2 = 6.
  CHECK(earned(baseline().drop("ALG1").eval().uc, 'c') == 6);
  // Algebra 2 never taken: Precalculus (level 4) validates it -> 2 + 2 + 2 = 6.
  CHECK(earned(baseline().drop("ALG2").eval().uc, 'c') == 6);
}

TEST_CASE("c: statistics validates algebra but never geometry", "[core][ag][areas]") {
  auto t = baseline().drop("GEO").drop("ALG2").drop("PREC");
  t.add("STATS", 'c', 11, "B,B", "math=4 title=Statistics");
  // L1 2 (validated by level 4) + L2 0 + third slot 2 (Algebra 2 validated by statistics) = 4.
  CHECK(earned(t.eval().uc, 'c') == 4);
  t.add("GEO", 'c', 10, "C,C", "math=2");
  CHECK(earned(t.eval().uc, 'c') == 6);
}

TEST_CASE("d: UC needs two of biology, chemistry, physics (one year may be earth science)", "[core][ag][areas]") {
  // Biology + earth science: min(2, bio 2) + min(2, max(0, ESS 2)) = 4.
  auto ess = baseline().drop("CHEM");
  ess.add("ESS", 'd', 10, "B,A", "sci=earth_space");
  CHECK(earned(ess.eval().uc, 'd') == 4);
  // Two years of biology: 2 + max(0, 0) = 2 for UC; CSU: bio 2 + physical 0 = 2.
  auto bio = baseline().drop("CHEM");
  bio.add("BIO2", 'd', 10, "B,A", "sci=biology");
  CHECK(earned(bio.eval().uc, 'd') == 2);
  CHECK(earned(bio.eval().csu, 'd') == 2);
}

TEST_CASE("d: two years of integrated science need C14 = 2 for UC; CSU wants bio + physical", "[core][ag][areas]") {
  auto t = baseline().drop("BIO").drop("CHEM");
  t.add("ISCI1", 'd', 9, "A,A", "sci=interdisciplinary").add("ISCI2", 'd', 10, "A,A", "sci=interdisciplinary");
  // UC default: min(2, core 0) + min(2, max(0, 4)) = 2.
  CHECK(earned(t.eval().uc, 'd') == 2);
  CHECK(earned(t.eval(test::rules_with({{"ag.d.uc_ess_interdisciplinary_max_years", "2"}})).uc, 'd') == 4);
  // CSU: interdisciplinary fills either year -> 2 + 2 = 4.
  CHECK(earned(t.eval().csu, 'd') == 4);
}

TEST_CASE("d: computer science counts only beyond the two science years, so it rolls into g", "[core][ag][areas]") {
  auto t = baseline().drop("CHEM").drop("GOV").drop("PREC").drop("SPN3").drop("ECON");
  t.add("CSP", 'd', 10, "A,A", "sci=computer_science");
  auto r = t.eval();
  // UC d = biology 2 + max(0, 0) = 2; CSU d = biological 2 + physical 0 = 2.
  CHECK(earned(r.uc, 'd') == 2);
  CHECK(earned(r.csu, 'd') == 2);
  // The CS year is an excess d course: g = 2.
  CHECK(earned(r.uc, 'g') == 2);
  CHECK(earned(r.csu, 'g') == 2);
}

TEST_CASE("e: two languages one year each do not make two years of one", "[core][ag][areas]") {
  auto t = baseline().drop("SPN2").drop("SPN3");
  t.add("FRN1", 'e', 10, "A,A", "lang=french:1");
  auto r = t.eval();
  CHECK(earned(r.uc, 'e') == 2);
  CHECK(earned(r.csu, 'e') == 2);
  // UC g: the other language's year overflows (French 2) + GOV 1 + PREC 2 + ECON 1 -> 2.
  CHECK(earned(r.uc, 'g') == 2);
}

TEST_CASE("f: one year of one discipline; two disciplines do not combine", "[core][ag][areas]") {
  auto mixed = baseline().drop("ART1");
  mixed.add("MUS1", 'f', 9, "A", "vpa=music").add("DRAMA", 'f', 10, "A", "vpa=theater");
  CHECK(earned(mixed.eval().uc, 'f') == 1);
  // Two different semester courses of one discipline: 1 + 1 = 2 ...
  auto same = baseline().drop("ART1");
  same.add("DRAW", 'f', 9, "A", "vpa=visual_arts").add("PAINT", 'f', 10, "B", "vpa=visual_arts");
  CHECK(earned(same.eval().uc, 'f') == 2);
  // ... unless C13 requires the sequence to be one course: max(1, 1) = 1.
  CHECK(earned(same.eval(test::rules_with({{"ag.f.require_sequential", "true"}})).uc, 'f') == 1);
}

TEST_CASE("g: nothing beyond a-f leaves g empty for both systems", "[core][ag][areas]") {
  auto r = baseline().drop("GOV").drop("PREC").drop("SPN3").drop("ECON").eval();
  CHECK(earned(r.uc, 'g') == 0);
  CHECK(earned(r.csu, 'g') == 0);
  CHECK_FALSE(r.uc.pattern_complete);
  CHECK_FALSE(r.csu.pattern_complete);
  for (char a : {'a', 'b', 'c', 'd', 'e', 'f'}) CHECK(r.uc.area(static_cast<core::Area>(a - 'a')).met());
}

TEST_CASE("g: CSU takes LOTE overflow only from a 3rd year or a 2-year second language", "[core][ag][areas]") {
  // French 1 as the only extra: UC g = French 2 -> 2; CSU: a 1-year second language -> 0.
  auto t = baseline().drop("GOV").drop("PREC").drop("SPN3").drop("ECON");
  t.add("FRN1", 'e', 11, "A,A", "lang=french:1");
  auto r = t.eval();
  CHECK(earned(r.uc, 'g') == 2);
  CHECK(earned(r.csu, 'g') == 0);
  // A second year of French: CSU accepts it (2 years of another language) -> g 2.
  t.add("FRN2", 'e', 12, "A,A", "lang=french:2");
  CHECK(earned(t.eval().csu, 'g') == 2);
}

TEST_CASE("validated semesters never overflow into g", "[core][ag][areas]") {
  // Spanish 3 alone: e = 2(3-1) + 2 = 6 -> 4, all of it validated levels 1-2 ...
  auto t = baseline().drop("SPN1").drop("SPN2").drop("GOV").drop("PREC").drop("ECON");
  auto r = t.eval();
  CHECK(earned(r.uc, 'e') == 4);
  // ... so the one real course (Spanish 3) is the excess: g = 2, never the validated 4.
  CHECK(earned(r.uc, 'g') == 2);
  // Algebra 1 omitted and Precalculus dropped: c = 6 with 2 validated, nothing to roll over.
  auto c = baseline().drop("ALG1").drop("PREC").drop("SPN3").drop("GOV").drop("ECON");
  CHECK(earned(c.eval().uc, 'c') == 6);
  CHECK(earned(c.eval().uc, 'g') == 0);
}

TEST_CASE("a one-semester college course counts as a full year of its area", "[core][ag][areas]") {
  auto t = baseline().drop("ALG2");
  t.add("MATH101", 'c', 11, "A", "math=3 honors=college");
  // L1 2 + L2 2 + L3 2 (the college record alone is worth 2 semesters) = 6.
  CHECK(earned(t.eval().uc, 'c') == 6);
  CHECK(earned(t.eval(core::RuleSet::defaults()).csu, 'c') == 6);
}

TEST_CASE("trimesters count 2/3 of a semester, quarters 1/2, a full-year mark 2", "[core][ag][areas]") {
  auto tri = baseline().drop("ENG9");
  tri.add("ENG9", 'b', 9, "A,A,B", "terms=T1,T2,T3");  // 3 x 2/3 = 2
  CHECK(earned(tri.eval().uc, 'b') == 8);
  auto two_tri = baseline().drop("ENG9");
  two_tri.add("ENG9", 'b', 9, "A,A", "terms=T1,T2");  // 6 + 4/3
  CHECK(earned(two_tri.eval().uc, 'b') == Approx(22.0 / 3.0));
  CHECK_FALSE(two_tri.eval().uc.area(core::Area::b).met());
  auto quarters = baseline().drop("ENG9");
  quarters.add("ENG9", 'b', 9, "A,B,A,B", "terms=Q1,Q2,Q3,Q4");  // 4 x 1/2 = 2
  CHECK(earned(quarters.eval().uc, 'b') == 8);
  auto fy = baseline().drop("ENG10");
  fy.add("ENG10", 'b', 10, "A", "terms=FY");  // 2 semesters, 2 grades of A in the GPA
  auto r = fy.eval();
  CHECK(earned(r.uc, 'b') == 8);
  CHECK(*r.uc.gpa_unweighted == Approx(3.61));  // still 65/18
}

TEST_CASE("C12 term weights are configurable", "[core][ag][areas]") {
  auto t = baseline().drop("ENG9");
  t.add("ENG9", 'b', 9, "A,A", "terms=T1,T2");
  // With trimesters worth a full semester: 6 + 2 = 8.
  auto rules = test::rules_with({{"ag.term_weights.T1", "1"}, {"ag.term_weights.T2", "1"}});
  CHECK(earned(t.eval(rules).uc, 'b') == 8);
}

TEST_CASE("an area's standing: met at required, in progress when in-progress semesters reach it", "[core][ag][areas]") {
  using core::AreaStanding;
  auto area = [](double required, double earned, double in_progress) {
    core::AreaProgress a;
    a.required = required;
    a.earned = earned;
    a.in_progress = in_progress;
    return a;
  };
  CHECK(core::standing(area(4, 4, 0)) == AreaStanding::met);          // exactly required
  CHECK(core::standing(area(4, 4, 2)) == AreaStanding::met);          // met already; in progress is extra
  CHECK(core::standing(area(4, 2, 2)) == AreaStanding::in_progress);  // met if both pass
  CHECK(core::standing(area(4, 2, 1)) == AreaStanding::short_of);     // one semester short even so
  CHECK(core::standing(area(2, 0, 0)) == AreaStanding::short_of);
  core::SystemResult uc;
  uc.areas = {area(4, 4, 0), area(4, 2, 2), area(6, 4, 0), area(4, 4, 0), area(2, 0, 2), area(4, 4, 0), area(2, 0, 0)};
  CHECK(uc.standing_letters() == "mpsmpms");
  CHECK(std::string(core::area_standing_name(AreaStanding::in_progress)) == "in_progress");
  CHECK(std::string(core::area_standing_name(AreaStanding::short_of)) == "short");
}
