// Tests for gap tables (equity.md §2-3): every figure on hand-worked tables and each null case.
// Metric populations/measures: equity_metrics_test.cpp; renderings: gap_render_test.cpp.
#include <catch2/catch.hpp>

#include "agmon/core/equity.h"
#include "equity_fixtures.h"

using namespace agmon::core;
using agmon::test::find_group;
using agmon::test::spec_example;
using Catch::Detail::Approx;

namespace {

GapTable table(Grouping g, std::vector<GroupCount> counts, GapOptions options = {},
               MetricSpec spec = {Metric::ap, System::uc}) {
  auto r = compute_gap_table(spec, g, "2025-2026", std::nullopt, counts, options);
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("The spec's example row is reproduced figure for figure", "[core]") {
  // all: n 21870, k 5103 -> 0.233333. hispanic 2310/13144 = 0.175746.
  // gap_pp 100(0.175746 - 0.233333) = -5.76; rest 8726/2793 = 0.320078:
  // ppg1 100(0.175746 - 0.320078) = -14.43; RI 0.175746/0.233333 = 0.753;
  // RR 0.175746/0.320078 = 0.549 (< 0.80: disproportionate);
  // IR against asian 853/2000 = 0.4265: 0.412; missing ceil(13144 x 0.320078 - 2310) = 1898.
  GapTable t = spec_example();
  CHECK(t.all_n == 21870);
  CHECK(t.all_count == 5103);
  CHECK(*t.all_rate == Approx(0.2333));
  const GapRow& h = find_group(t, "hispanic");
  CHECK(h.n == 13144);
  CHECK(h.count == 2310);
  CHECK(*h.rate == Approx(0.1757));
  CHECK(*h.gap_pp == Approx(-5.76));
  CHECK(*h.ppg1 == Approx(-14.43));
  CHECK(*h.representation_index == Approx(0.753));
  CHECK(*h.risk_ratio == Approx(0.549));
  CHECK(*h.impact_ratio == Approx(0.412));
  CHECK(h.missing == 1898L);
  CHECK(h.disproportionate == true);
  CHECK_FALSE(h.suppressed);
}

TEST_CASE("The other rows of the example carry their own figures", "[core]") {
  GapTable t = spec_example();
  // asian 853/2000 = 0.4265: gap 19.32, rest 19870/4250 = 0.213890 -> ppg1 21.26, RR 1.994
  // (> 1.25: disproportionate), IR 1 (the highest), missing 0 (already above the rest).
  const GapRow& a = find_group(t, "asian");
  CHECK(*a.gap_pp == Approx(19.32));
  CHECK(*a.ppg1 == Approx(21.26));
  CHECK(*a.risk_ratio == Approx(1.994));
  CHECK(*a.impact_ratio == Approx(1.0));
  CHECK(a.missing == 0L);
  CHECK(a.disproportionate == true);
  // african_american 135/702 = 0.192308: gap -4.10, rest 21168/4968 = 0.234694 -> ppg1 -4.24,
  // RR 0.819 (not under 0.80), RI 0.824, IR 0.451, missing ceil(702 x 0.234694 - 135) =
  // ceil(29.755) = 30.
  const GapRow& aa = find_group(t, "african_american");
  CHECK(*aa.gap_pp == Approx(-4.10));
  CHECK(*aa.ppg1 == Approx(-4.24));
  CHECK(*aa.risk_ratio == Approx(0.819));
  CHECK(*aa.representation_index == Approx(0.824));
  CHECK(*aa.impact_ratio == Approx(0.451));
  CHECK(aa.missing == 30L);
  CHECK(aa.disproportionate == false);
  // pacific_islander (9) primary, filipino (15) complementary: nothing but the name.
  for (const char* g : {"pacific_islander", "filipino"}) {
    const GapRow& s = find_group(t, g);
    CHECK(s.suppressed);
    CHECK_FALSE(s.n.has_value());
    CHECK_FALSE(s.count.has_value());
    CHECK_FALSE(s.rate.has_value());
    CHECK_FALSE(s.gap_pp.has_value());
    CHECK_FALSE(s.missing.has_value());
    CHECK_FALSE(s.disproportionate.has_value());
  }
}

TEST_CASE("Rows follow canonical order and empty groups are dropped", "[core]") {
  GapTable t = table(Grouping::race_ethnicity,
                     {{"white", 40, 10}, {"not_reported", 30, 3}, {"asian", 0, 0}, {"hispanic", 50, 5}});
  REQUIRE(t.groups.size() == 3);
  CHECK(t.groups[0].group == "hispanic");
  CHECK(t.groups[1].group == "white");
  CHECK(t.groups[2].group == "not_reported");
}

TEST_CASE("Impact ratio uses the highest shown rate, not a suppressed one", "[core]") {
  // hispanic 50/10 (0.2), white 60/30 (0.5), asian 40/8 (0.2), pacific_islander 6/6 and
  // filipino 6/6 (1.0, primary; 6 + 6 = 12 >= 11, so no complementary). all 162/60 = 0.370370.
  GapTable t = table(Grouping::race_ethnicity, {{"hispanic", 50, 10},
                                                {"white", 60, 30},
                                                {"asian", 40, 8},
                                                {"pacific_islander", 6, 6},
                                                {"filipino", 6, 6}});
  const GapRow& h = find_group(t, "hispanic");
  CHECK(*h.impact_ratio == Approx(0.4));  // 0.2 / 0.5, not 0.2 / 1.0
  CHECK(*find_group(t, "white").impact_ratio == Approx(1.0));
  // hispanic: gap 100(0.2 - 0.370370) = -17.04; RI 0.54; rest 112/50 = 0.446429:
  // ppg1 -24.64, RR 0.448; missing ceil((50 x 50 - 10 x 112) / 112) = ceil(12.32) = 13.
  CHECK(*h.gap_pp == Approx(-17.04));
  CHECK(*h.representation_index == Approx(0.540));
  CHECK(*h.ppg1 == Approx(-24.64));
  CHECK(*h.risk_ratio == Approx(0.448));
  CHECK(h.missing == 13L);
  // white: rest 102/30 = 0.294118: ppg1 20.59, RR 1.700, missing 0 (ahead).
  const GapRow& w = find_group(t, "white");
  CHECK(*w.gap_pp == Approx(12.96));
  CHECK(*w.ppg1 == Approx(20.59));
  CHECK(*w.risk_ratio == Approx(1.7));
  CHECK(w.missing == 0L);
  // asian: rest 122/52: missing ceil((40 x 52 - 8 x 122) / 122) = ceil(1104/122 = 9.05) = 10.
  CHECK(find_group(t, "asian").missing == 10L);
}

TEST_CASE("Missing students can use a configured reference group", "[core]") {
  std::vector<GroupCount> counts = {{"hispanic", 50, 10}, {"white", 60, 30}, {"asian", 40, 8},
                                    {"pacific_islander", 6, 6}, {"filipino", 6, 6}};
  GapOptions opts;
  opts.reference_group = "white";  // rate_ref = 30/60 = 0.5
  GapTable t = table(Grouping::race_ethnicity, counts, opts);
  CHECK(find_group(t, "hispanic").missing == 15L);  // ceil(50 x 0.5 - 10) = 15
  CHECK(find_group(t, "asian").missing == 12L);     // ceil(40 x 0.5 - 8) = 12
  CHECK(find_group(t, "white").missing == 0L);
  // A suppressed reference would leak its rate through everyone's `missing`: null instead.
  opts.reference_group = "pacific_islander";
  t = table(Grouping::race_ethnicity, counts, opts);
  CHECK_FALSE(find_group(t, "hispanic").missing.has_value());
  // An absent reference group: null, not 0.
  opts.reference_group = "american_indian";
  t = table(Grouping::race_ethnicity, counts, opts);
  CHECK_FALSE(find_group(t, "hispanic").missing.has_value());
}

TEST_CASE("Missing seats are exact where floating point would round up", "[core]") {
  // el 7/100 against the rest 7/100: 100 x (7/100) is 7.000000000000001 in doubles, whose
  // ceiling minus 7 would claim 1 missing student; the integer form gives (700 - 700)/100 = 0.
  GapTable t = table(Grouping::el, {{"el", 100, 7}, {"not_el", 100, 7}});
  CHECK(find_group(t, "el").missing == 0L);
  CHECK(find_group(t, "not_el").missing == 0L);
}

TEST_CASE("A zero overall rate leaves the representation and impact ratios null", "[core]") {
  // el 20/0, not_el 30/0: rate_all = 0 -> RI null; the highest rate is 0 -> IR null; the
  // rest's rate is 0 -> RR null (so no disproportionate flag). gap_pp and ppg1 are 0, missing 0.
  GapTable t = table(Grouping::el, {{"el", 20, 0}, {"not_el", 30, 0}});
  const GapRow& el = find_group(t, "el");
  CHECK(*el.rate == 0.0);
  CHECK(*el.gap_pp == 0.0);
  CHECK(*el.ppg1 == 0.0);
  CHECK_FALSE(el.representation_index.has_value());
  CHECK_FALSE(el.impact_ratio.has_value());
  CHECK_FALSE(el.risk_ratio.has_value());
  CHECK_FALSE(el.disproportionate.has_value());
  CHECK(el.missing == 0L);
}

TEST_CASE("A zero-rate rest leaves only the risk ratio null", "[core]") {
  // F 20/5 (0.25), M 30/0. all 50/5 = 0.1.
  GapTable t = table(Grouping::gender, {{"F", 20, 5}, {"M", 30, 0}});
  const GapRow& f = find_group(t, "F");
  CHECK_FALSE(f.risk_ratio.has_value());  // rest M has rate 0
  CHECK_FALSE(f.disproportionate.has_value());
  CHECK(*f.ppg1 == Approx(25.0));         // 100(0.25 - 0)
  CHECK(*f.gap_pp == Approx(15.0));       // 100(0.25 - 0.1)
  CHECK(*f.representation_index == Approx(2.5));
  CHECK(f.missing == 0L);                 // ceil(20 x 0 - 5) < 0 -> 0
  const GapRow& m = find_group(t, "M");
  CHECK(*m.risk_ratio == 0.0);            // 0 / 0.25: defined, and far under 0.80
  CHECK(m.disproportionate == true);
  CHECK(*m.ppg1 == Approx(-25.0));
  CHECK(*m.impact_ratio == 0.0);
  CHECK(m.missing == 8L);                 // ceil(30 x 5/20 - 0) = ceil(7.5) = 8
}

TEST_CASE("A grouping with one populated group has no comparative figures", "[core]") {
  GapTable t = table(Grouping::school, {{"0042", 40, 10}});
  REQUIRE(t.groups.size() == 1);
  const GapRow& s = t.groups[0];
  CHECK(*s.rate == Approx(0.25));
  CHECK(s.n == 40L);
  CHECK_FALSE(s.gap_pp.has_value());
  CHECK_FALSE(s.ppg1.has_value());
  CHECK_FALSE(s.representation_index.has_value());
  CHECK_FALSE(s.risk_ratio.has_value());
  CHECK_FALSE(s.impact_ratio.has_value());
  CHECK_FALSE(s.missing.has_value());
  CHECK_FALSE(s.disproportionate.has_value());
}

TEST_CASE("A risk ratio of exactly 4/5 or 5/4 is not disproportionate and the thresholds are configurable", "[core]") {
  // el 20/4 = 0.2 against 40/10 = 0.25: RR = 0.8 exactly; not_el: 0.25/0.2 = 1.25 exactly.
  GapTable t = table(Grouping::el, {{"el", 20, 4}, {"not_el", 40, 10}});
  CHECK(*find_group(t, "el").risk_ratio == Approx(0.8));
  CHECK(find_group(t, "el").disproportionate == false);
  CHECK(find_group(t, "not_el").disproportionate == false);
  GapOptions strict;
  strict.rr_low = 0.85;
  strict.rr_high = 1.2;
  t = table(Grouping::el, {{"el", 20, 4}, {"not_el", 40, 10}}, strict);
  CHECK(find_group(t, "el").disproportionate == true);
  CHECK(find_group(t, "not_el").disproportionate == true);
}

TEST_CASE("A population under min_n hides the all row and every group", "[core]") {
  GapTable t = table(Grouping::school, {{"0042", 8, 3}});
  CHECK(t.all_suppressed);
  CHECK_FALSE(t.all_n.has_value());
  CHECK_FALSE(t.all_rate.has_value());
  REQUIRE(t.groups.size() == 1);
  CHECK(t.groups[0].suppressed);
  // An empty population is not hidden: n 0, rate undefined.
  GapTable empty = table(Grouping::el, {});
  CHECK_FALSE(empty.all_suppressed);
  CHECK(empty.all_n == 0L);
  CHECK_FALSE(empty.all_rate.has_value());
  CHECK(empty.groups.empty());
}

TEST_CASE("Top-coding hides the exact rate, count and gaps of an extreme small group", "[core]") {
  GapOptions opts;
  opts.top_code = true;
  // el 15/0 (under 22, 0%), not_el 40/10.
  GapTable t = table(Grouping::el, {{"el", 15, 0}, {"not_el", 40, 10}}, opts);
  const GapRow& el = find_group(t, "el");
  CHECK_FALSE(el.suppressed);
  CHECK(el.n == 15L);
  CHECK(el.rate_bound == "<5%");
  CHECK_FALSE(el.rate.has_value());
  CHECK_FALSE(el.count.has_value());
  CHECK_FALSE(el.gap_pp.has_value());
  CHECK_FALSE(el.impact_ratio.has_value());
  // not_el's impact ratio is against the highest *shown* rate: itself.
  CHECK(*find_group(t, "not_el").impact_ratio == Approx(1.0));
  // Off by default: the 0% is shown.
  GapTable plain = table(Grouping::el, {{"el", 15, 0}, {"not_el", 40, 10}});
  CHECK(*find_group(plain, "el").rate == 0.0);
  CHECK(find_group(plain, "el").rate_bound.empty());
}

TEST_CASE("Malformed counts are rejected", "[core]") {
  MetricSpec ap{Metric::ap, System::uc};
  auto bad = [&](std::vector<GroupCount> c, GapOptions o = {}) {
    auto r = compute_gap_table(ap, Grouping::el, "2025-2026", std::nullopt, c, o);
    return !r.ok() && r.error().code == ErrorCode::kInvalidArgument;
  };
  CHECK(bad({{"el", 10, 11}}));                      // k > n
  CHECK(bad({{"el", -1, 0}}));                       // negative n
  CHECK(bad({{"el", 20, 2}, {"el", 30, 3}}));        // duplicate
  CHECK(bad({{"all", 20, 2}}));                      // reserved name
  CHECK(bad({{"", 20, 2}}));
  GapOptions zero;
  zero.min_n = 0;
  CHECK(bad({{"el", 20, 2}}, zero));
  CHECK_FALSE(bad({{"el", 20, 2}, {"not_el", 30, 3}}));
}
