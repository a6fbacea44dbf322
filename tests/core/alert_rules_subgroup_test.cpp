// Tests for the subgroup alert rules (equity.md §4): each kind on a hand-worked gap table, its
// near miss, never for suppressed or top-coded groups, and stable identities.
#include <catch2/catch.hpp>

#include "agmon/core/alert_rules.h"
#include "equity_fixtures.h"

using namespace agmon::core;

namespace {

GapTable gaps(MetricSpec spec, Grouping g, std::vector<GroupCount> counts, const std::string& year = "2025-2026",
              std::optional<std::string> school = std::nullopt, GapOptions o = {}) {
  auto r = compute_gap_table(spec, g, year, school, counts, o);
  REQUIRE(r.ok());
  return r.value();
}

const MetricSpec kAp{Metric::ap, System::uc};
const MetricSpec kAg{Metric::ag, System::uc};

std::vector<AlertFinding> of_kind(const std::vector<AlertFinding>& all, AlertKind kind) {
  std::vector<AlertFinding> out;
  for (const auto& f : all) {
    if (f.kind == kind) out.push_back(f);
  }
  return out;
}

}  // namespace

TEST_CASE("GAP_AP_UNDERREPRESENTED fires under a representation index of 0.80", "[core]") {
  // Spec example: hispanic RI 0.753 fires; african_american RI 0.824 (near miss) does not;
  // white 1.286 and asian 1.828 do not.
  auto found = subgroup_alerts(agmon::test::spec_example(), nullptr, true, AlertThresholds{});
  auto under = of_kind(found, AlertKind::gap_ap_underrepresented);
  REQUIRE(under.size() == 1);
  const AlertFinding& f = under[0];
  CHECK(f.group == "hispanic");
  CHECK(f.audience == "administrator");
  CHECK(f.grouping == "race_ethnicity");
  CHECK(f.metric == "ap");
  CHECK(f.school.empty());
  CHECK(f.identity == "GAP_AP_UNDERREPRESENTED|*|race_ethnicity|hispanic|ap");
  CHECK(f.message ==
        "Hispanic or Latino: AP enrollment 17.57% against 23.33% for all students (representation index 0.753) "
        "in 2025-2026 across all schools.");
  // A stricter district threshold (0.85) catches african_american too.
  AlertThresholds t;
  t.ri_under = 0.85;
  CHECK(of_kind(subgroup_alerts(agmon::test::spec_example(), nullptr, true, t), AlertKind::gap_ap_underrepresented)
            .size() == 2);
}

TEST_CASE("Subgroup alerts never fire for suppressed groups", "[core]") {
  // asian 8/0 (primary) and filipino 12/1 (complementary) would both be far under parity and
  // asian would be a zero-access group; hidden, they raise nothing. all 220/51 = 0.2318;
  // hispanic 100/10: RI 0.1/0.2318 = 0.431 -> fires; white 100/40 (RI 1.725) does not.
  GapTable t = gaps(kAp, Grouping::race_ethnicity,
                    {{"hispanic", 100, 10}, {"white", 100, 40}, {"asian", 8, 0}, {"filipino", 12, 1}});
  auto found = subgroup_alerts(t, nullptr, true, AlertThresholds{});
  REQUIRE(found.size() == 1);
  CHECK(found[0].group == "hispanic");
  CHECK(found[0].kind == AlertKind::gap_ap_underrepresented);
}

TEST_CASE("GAP_AG_COMPLETION fires at a gap of -10 points or worse", "[core]") {
  // el 50/10 (0.2), not_el 50/20 (0.4): all 0.3; el gap = -10.00 exactly -> fires.
  GapTable t = gaps(kAg, Grouping::el, {{"el", 50, 10}, {"not_el", 50, 20}}, "2025-2026", std::string("0042"));
  auto found = of_kind(subgroup_alerts(t, nullptr, true, AlertThresholds{}), AlertKind::gap_ag_completion);
  REQUIRE(found.size() == 1);
  CHECK(found[0].group == "el");
  CHECK(found[0].identity == "GAP_AG_COMPLETION|0042|el|el|ag");
  CHECK(found[0].message ==
        "English learners: A-G completion (UC) 20.00% against 30.00% for all students (-10.00 percentage points) "
        "in 2025-2026 at school 0042.");
  // Near miss: el 50/12 (0.24), all 0.32 -> gap -8.00.
  GapTable near = gaps(kAg, Grouping::el, {{"el", 50, 12}, {"not_el", 50, 20}});
  CHECK(of_kind(subgroup_alerts(near, nullptr, true, AlertThresholds{}), AlertKind::gap_ag_completion).empty());
  // The same table read as ag-on-track fires too; as ap it does not (that metric has its own rule).
  GapTable on_track = gaps({Metric::ag_on_track, System::uc}, Grouping::el, {{"el", 50, 10}, {"not_el", 50, 20}});
  CHECK(of_kind(subgroup_alerts(on_track, nullptr, true, AlertThresholds{}), AlertKind::gap_ag_completion).size() == 1);
  GapTable ap = gaps(kAp, Grouping::el, {{"el", 50, 10}, {"not_el", 50, 20}});
  CHECK(of_kind(subgroup_alerts(ap, nullptr, true, AlertThresholds{}), AlertKind::gap_ag_completion).empty());
  // The CSU variant has its own identity.
  GapTable csu = gaps({Metric::ag, System::csu}, Grouping::el, {{"el", 50, 10}, {"not_el", 50, 20}});
  auto csu_found = of_kind(subgroup_alerts(csu, nullptr, true, AlertThresholds{}), AlertKind::gap_ag_completion);
  REQUIRE(csu_found.size() == 1);
  CHECK(csu_found[0].identity == "GAP_AG_COMPLETION|*|el|el|ag:csu");
}

TEST_CASE("GAP_WIDENING fires when a gap worsens by 5 points over the prior year", "[core]") {
  // 2024-2025: el 50/15 (0.3), not_el 50/20 (0.4), all 0.35 -> el gap -5.00.
  // 2025-2026: el 50/10, not_el 50/20 -> el gap -10.00: 5 points worse -> fires.
  GapTable before = gaps(kAp, Grouping::el, {{"el", 50, 15}, {"not_el", 50, 20}}, "2024-2025");
  GapTable now = gaps(kAp, Grouping::el, {{"el", 50, 10}, {"not_el", 50, 20}}, "2025-2026");
  auto found = of_kind(subgroup_alerts(now, &before, true, AlertThresholds{}), AlertKind::gap_widening);
  REQUIRE(found.size() == 1);
  CHECK(found[0].group == "el");
  CHECK(found[0].detail == "-5.00 -> -10.00 pp");
  CHECK(found[0].message ==
        "English learners: the AP enrollment gap against all students went from -5.00 pp in 2024-2025 to "
        "-10.00 pp in 2025-2026 across all schools.");
  // Near miss: 2024-2025 el 50/14 (0.28), all 0.34 -> gap -6.00; now -10.00 is 4 points worse.
  GapTable near = gaps(kAp, Grouping::el, {{"el", 50, 14}, {"not_el", 50, 20}}, "2024-2025");
  CHECK(of_kind(subgroup_alerts(now, &near, true, AlertThresholds{}), AlertKind::gap_widening).empty());
  // A previous table of another grouping is not comparable.
  GapTable other = gaps(kAp, Grouping::sed, {{"sed", 50, 15}, {"not_sed", 50, 20}}, "2024-2025");
  CHECK(of_kind(subgroup_alerts(now, &other, true, AlertThresholds{}), AlertKind::gap_widening).empty());
}

TEST_CASE("GAP_WIDENING reads a rising gap as worse for the missing metric", "[core]") {
  MetricSpec missing{Metric::missing, System::uc};
  // Before: el 50/20 (0.4), not_el 50/20 -> gap 0. Now el 50/30 (0.6), all 0.5 -> gap +10:
  // more ready EL students left out of AP -> fires. The same figures for ap would be progress.
  GapTable before = gaps(missing, Grouping::el, {{"el", 50, 20}, {"not_el", 50, 20}}, "2024-2025");
  GapTable now = gaps(missing, Grouping::el, {{"el", 50, 30}, {"not_el", 50, 20}}, "2025-2026");
  auto found = of_kind(subgroup_alerts(now, &before, true, AlertThresholds{}), AlertKind::gap_widening);
  REQUIRE(found.size() == 1);
  CHECK(found[0].group == "el");
  GapTable ap_before = gaps(kAp, Grouping::el, {{"el", 50, 20}, {"not_el", 50, 20}}, "2024-2025");
  GapTable ap_now = gaps(kAp, Grouping::el, {{"el", 50, 30}, {"not_el", 50, 20}}, "2025-2026");
  auto ap_found = of_kind(subgroup_alerts(ap_now, &ap_before, true, AlertThresholds{}), AlertKind::gap_widening);
  REQUIRE(ap_found.size() == 1);
  CHECK(ap_found[0].group == "not_el");  // not_el fell from 0 to -10 (0.4 vs all 0.5)
}

TEST_CASE("GAP_WIDENING needs the group shown in both years", "[core]") {
  // 2024-2025 el was 5 students: suppressed (with not_el, both-or-neither).
  GapTable before = gaps(kAp, Grouping::el, {{"el", 5, 3}, {"not_el", 50, 20}}, "2024-2025");
  GapTable now = gaps(kAp, Grouping::el, {{"el", 50, 10}, {"not_el", 50, 20}}, "2025-2026");
  CHECK(of_kind(subgroup_alerts(now, &before, true, AlertThresholds{}), AlertKind::gap_widening).empty());
}

TEST_CASE("GAP_ZERO_ACCESS fires when a shown group has no AP student at an AP school", "[core]") {
  // el 15/0 (n >= 11), not_el 60/20.
  GapTable t = gaps(kAp, Grouping::el, {{"el", 15, 0}, {"not_el", 60, 20}}, "2025-2026", std::string("0042"));
  auto found = of_kind(subgroup_alerts(t, nullptr, true, AlertThresholds{}), AlertKind::gap_zero_access);
  REQUIRE(found.size() == 1);
  CHECK(found[0].identity == "GAP_ZERO_ACCESS|0042|el|el|ap");
  CHECK(found[0].message ==
        "English learners: none of the 15 students is enrolled in AP, though AP is offered in 2025-2026 at "
        "school 0042.");
  // Near misses: the school offers no AP; one EL student in AP.
  CHECK(of_kind(subgroup_alerts(t, nullptr, false, AlertThresholds{}), AlertKind::gap_zero_access).empty());
  GapTable one = gaps(kAp, Grouping::el, {{"el", 15, 1}, {"not_el", 60, 20}});
  CHECK(of_kind(subgroup_alerts(one, nullptr, true, AlertThresholds{}), AlertKind::gap_zero_access).empty());
  // Top-coded (a 0% under 2 x min_n, shown as "<5%"): no subgroup alert may reveal the 0.
  GapOptions coded;
  coded.top_code = true;
  GapTable top = gaps(kAp, Grouping::el, {{"el", 15, 0}, {"not_el", 60, 20}}, "2025-2026", std::nullopt, coded);
  for (const auto& f : subgroup_alerts(top, nullptr, true, AlertThresholds{})) CHECK(f.group != "el");
}

TEST_CASE("Subgroup identities do not change with the year or the figures", "[core]") {
  GapTable y1 = gaps(kAg, Grouping::el, {{"el", 50, 10}, {"not_el", 50, 20}}, "2024-2025");
  GapTable y2 = gaps(kAg, Grouping::el, {{"el", 60, 9}, {"not_el", 50, 25}}, "2025-2026");
  auto a = of_kind(subgroup_alerts(y1, nullptr, true, AlertThresholds{}), AlertKind::gap_ag_completion);
  auto b = of_kind(subgroup_alerts(y2, nullptr, true, AlertThresholds{}), AlertKind::gap_ag_completion);
  auto c = of_kind(subgroup_alerts(y2, nullptr, true, AlertThresholds{}), AlertKind::gap_ag_completion);
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(a[0].identity == b[0].identity);
  CHECK(b[0].identity == c[0].identity);
  CHECK(a[0].message != b[0].message);
}

TEST_CASE("Disabled subgroup kinds are not reported", "[core]") {
  AlertThresholds t;
  t.disabled = {AlertKind::gap_ap_underrepresented};
  CHECK(of_kind(subgroup_alerts(agmon::test::spec_example(), nullptr, true, t), AlertKind::gap_ap_underrepresented)
            .empty());
}
