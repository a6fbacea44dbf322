// Tests for the metrics as data (equity.md §2): populations, measures, tallies from student
// facts, definitions, names, and the privacy./equity. config overrides.
#include <catch2/catch.hpp>

#include "agmon/core/equity.h"

using namespace agmon::core;
using Catch::Detail::Approx;

namespace {

MetricFacts facts(int grade, int ap, std::optional<double> gpa, bool on_track, bool offers_ap = true) {
  MetricFacts f;
  f.grade = grade;
  f.ap_this_year = ap;
  f.uc_gpa_capped = gpa;
  f.on_track = on_track;
  f.school_offers_ap = offers_ap;
  return f;
}

// Eight students, F and M (see each metric's test for who counts):
//  s1 9 F  AP 1, on track            s5 12 F AP 1, GPA 2.90, UC projected only, CSU complete
//  s2 10 F AP 0, GPA 3.20, on track  s6 12 F nothing, no GPA
//  s3 11 M AP 2, GPA 3.50            s7 8 M  AP 1 (outside every population)
//  s4 12 M complete UC+CSU, GPA 3.00 exactly, on track, AP 0
//  s8 10 M GPA 3.80, AP 0, at a school without AP
std::vector<GroupedFacts> students() {
  MetricFacts s4 = facts(12, 0, 3.00, true);
  s4.uc_complete = s4.uc_complete_projected = s4.csu_complete = s4.csu_complete_projected = true;
  MetricFacts s5 = facts(12, 1, 2.90, true);
  s5.uc_complete_projected = s5.csu_complete = s5.csu_complete_projected = true;
  return {{"F", facts(9, 1, std::nullopt, true)}, {"F", facts(10, 0, 3.20, true)},
          {"M", facts(11, 2, 3.50, false)},       {"M", s4},
          {"F", s5},                              {"F", facts(12, 0, std::nullopt, false)},
          {"M", facts(8, 1, std::nullopt, false)}, {"M", facts(10, 0, 3.80, false, false)}};
}

std::vector<GroupCount> tally(Metric m, System s = System::uc, GapOptions o = {}) {
  return tally_groups({m, s}, students(), o);
}

bool same(const std::vector<GroupCount>& got, const std::vector<GroupCount>& want) {
  if (got.size() != want.size()) return false;
  for (size_t i = 0; i < got.size(); ++i) {
    if (got[i].group != want[i].group || got[i].n != want[i].n || got[i].k != want[i].k) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("ap counts grade 9-12 students with any AP record this year", "[core]") {
  // F: s1 yes, s2 no, s5 yes, s6 no -> 4/2. M: s3 yes, s4 no, s8 no -> 3/1; s7 (grade 8) out.
  CHECK(same(tally(Metric::ap), {{"F", 4, 2}, {"M", 3, 1}}));
}

TEST_CASE("ag counts grade 12 students with the pattern complete, per system", "[core]") {
  // UC: F s5 no, s6 no -> 2/0; M s4 -> 1/1. CSU: s5 is complete -> F 2/1.
  // First-seen order: s4 (M) is the first senior.
  CHECK(same(tally(Metric::ag), {{"M", 1, 1}, {"F", 2, 0}}));
  CHECK(same(tally(Metric::ag, System::csu), {{"M", 1, 1}, {"F", 2, 1}}));
}

TEST_CASE("ag-projected counts seniors complete if in-progress courses pass", "[core]") {
  // UC: s5 would complete, s6 not -> F 2/1; M s4 1/1. CSU the same.
  CHECK(same(tally(Metric::ag_projected), {{"M", 1, 1}, {"F", 2, 1}}));
  CHECK(same(tally(Metric::ag_projected, System::csu), {{"M", 1, 1}, {"F", 2, 1}}));
}

TEST_CASE("ag-on-track counts grade 9-12 students on track for their grade", "[core]") {
  // F: s1, s2, s5 on track, s6 not -> 4/3. M: s3 no, s4 yes, s8 no -> 3/1.
  CHECK(same(tally(Metric::ag_on_track), {{"F", 4, 3}, {"M", 3, 1}}));
}

TEST_CASE("missing counts AP-ready students at AP schools who are not in AP", "[core]") {
  // Population: grades 10-12, GPA >= 3.00, school offers AP: s2 (3.20), s3 (3.50), s4 (3.00
  // exactly: inclusive). s5 (2.90), s6 (no GPA), s1 (grade 9), s8 (no AP at school) are out.
  // Counted (no AP): s2, s4. F 1/1, M 2/1.
  CHECK(same(tally(Metric::missing), {{"F", 1, 1}, {"M", 2, 1}}));
  GapOptions higher;
  higher.missing_gpa = 3.5;  // only s3 remains, and s3 is in AP
  CHECK(same(tally(Metric::missing, System::uc, higher), {{"M", 1, 0}}));
}

TEST_CASE("A tally feeds a gap table with hand-worked figures", "[core]") {
  GapOptions o;
  o.min_n = 1;  // tiny fixture: switch suppression off to see every figure
  auto r = compute_gap_table({Metric::ap, System::uc}, Grouping::gender, "2025-2026", std::nullopt,
                             tally(Metric::ap), o);
  REQUIRE(r.ok());
  const GapTable& t = r.value();
  // all 7/3 = 0.428571. F 4/2 = 0.5: gap 7.14, RI 1.167, rest M 1/3: ppg1 16.67, RR 1.5.
  // M 3/1: gap -9.52, RI 0.778, ppg1 -16.67, RR 0.667, IR 0.667, missing ceil((3x2 - 1x4)/4) = 1.
  CHECK(*t.all_rate == Approx(0.4286));
  REQUIRE(t.groups.size() == 2);
  const GapRow& f = t.groups[0];
  const GapRow& m = t.groups[1];
  CHECK(*f.gap_pp == Approx(7.14));
  CHECK(*f.representation_index == Approx(1.167));
  CHECK(*f.ppg1 == Approx(16.67));
  CHECK(*f.risk_ratio == Approx(1.5));
  CHECK(f.missing == 0L);
  CHECK(*m.gap_pp == Approx(-9.52));
  CHECK(*m.representation_index == Approx(0.778));
  CHECK(*m.ppg1 == Approx(-16.67));
  CHECK(*m.risk_ratio == Approx(0.667));
  CHECK(*m.impact_ratio == Approx(0.667));
  CHECK(m.missing == 1L);
  CHECK(m.disproportionate == true);
}

TEST_CASE("metric_facts reads the stored evaluation", "[core]") {
  StudentReport r;
  r.grade_level = 11;
  r.uc.pattern_complete_projected = true;
  r.csu.pattern_complete = true;
  r.on_track = true;
  r.uc.gpa_weighted_capped = 3.25;
  r.ap_enrolled_this_year = 2;
  MetricFacts f = metric_facts(r, true);
  CHECK(f.grade == 11);
  CHECK_FALSE(f.uc_complete);
  CHECK(f.uc_complete_projected);
  CHECK(f.csu_complete);
  CHECK(f.on_track);
  CHECK(*f.uc_gpa_capped == 3.25);
  CHECK(f.ap_this_year == 2);
  CHECK(f.school_offers_ap);
}

TEST_CASE("Populations are data a service can turn into a WHERE clause", "[core]") {
  GapOptions o;
  auto ap = metric_population({Metric::ap, System::uc}, o);
  CHECK(ap.min_grade == 9);
  CHECK(ap.max_grade == 12);
  CHECK_FALSE(ap.min_uc_gpa.has_value());
  auto ag = metric_population({Metric::ag, System::csu}, o);
  CHECK(ag.min_grade == 12);
  auto missing = metric_population({Metric::missing, System::uc}, o);
  CHECK(missing.min_grade == 10);
  CHECK(*missing.min_uc_gpa == 3.0);
  CHECK(missing.requires_ap_school);
}
TEST_CASE("The definition names the population and measure of each metric", "[core]") {
  GapOptions o;
  auto ap = metric_definition({Metric::ap, System::uc}, "2025-2026", o);
  CHECK(ap.population == "students in grades 9-12 enrolled in 2025-2026");
  CHECK(ap.measure == "enrolled in at least one AP course in 2025-2026");
  auto ag = metric_definition({Metric::ag, System::csu}, "2025-2026", o);
  CHECK(ag.population == "students in grade 12 enrolled in 2025-2026");
  CHECK(ag.measure.find("CSU A-G pattern") != std::string::npos);
  auto missing = metric_definition({Metric::missing, System::uc}, "2025-2026", o);
  CHECK(missing.population.find("grades 10-12") != std::string::npos);
  CHECK(missing.population.find("3.00 or higher") != std::string::npos);
}

TEST_CASE("Metric names, systems and keys round-trip", "[core]") {
  for (Metric m : {Metric::ap, Metric::ag, Metric::ag_projected, Metric::ag_on_track, Metric::missing}) {
    REQUIRE(parse_metric(metric_name(m)).has_value());
    CHECK(*parse_metric(metric_name(m)) == m);
  }
  CHECK_FALSE(parse_metric("AP").has_value());
  CHECK(*parse_system("csu") == System::csu);
  CHECK(metric_key({Metric::ag, System::csu}) == "ag:csu");
  CHECK(metric_key({Metric::ag, System::uc}) == "ag");
  CHECK(metric_key({Metric::ap, System::csu}) == "ap");  // system means nothing for ap
  CHECK_FALSE(higher_is_better(Metric::missing));
}

TEST_CASE("Privacy and equity settings override the gap options", "[core]") {
  GapOptions o;
  std::map<std::string, std::string> cfg = {{"privacy.min_n", "15"},       {"privacy.top_code", "true"},
                                            {"equity.rr_low", "0.75"},     {"equity.rr_high", " 1.33 "},
                                            {"equity.reference_group", "white"},
                                            {"privacy.audit_reads", "x"},  // someone else's key
                                            {"server.port", "8080"}};
  REQUIRE(apply_gap_overrides(o, cfg).ok());
  CHECK(o.min_n == 15);
  CHECK(o.top_code);
  CHECK(o.rr_low == 0.75);
  CHECK(o.rr_high == 1.33);
  CHECK(o.reference_group == "white");
}

TEST_CASE("Bad equity settings are refused and leave the options unchanged", "[core]") {
  GapOptions o;
  for (const auto& cfg : std::vector<std::map<std::string, std::string>>{
           {{"privacy.min_n", "0"}},
           {{"privacy.min_n", "eleven"}},
           {{"privacy.top_code", "maybe"}},
           {{"equity.rr_low", "1.5"}},  // above rr_high 1.25
           {{"equity.rr_lo", "0.8"}},   // a typo is an error, not silently ignored
           {{"privacy.min_n", "20"}, {"equity.rr_high", "abc"}}}) {
    auto st = apply_gap_overrides(o, cfg);
    CHECK_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::kInvalidArgument);
  }
  CHECK(o.min_n == 11);
  CHECK(o.rr_low == 0.80);
}
