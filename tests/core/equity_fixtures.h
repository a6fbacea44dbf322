// Shared fixtures for the equity tests: the gap table of equity.md §3's JSON example.
#pragma once

#include <catch2/catch.hpp>

#include "agmon/core/equity.h"

namespace agmon::test {

// The example of equity.md §3 made whole: all 21870/5103 (0.2333) with hispanic 13144/2310
// exactly as printed, asian 2000/853 (0.4265, the highest rate), white 6000/1800,
// african_american 702/135, and two small groups: pacific_islander 9/2 (primary) and
// filipino 15/3 (complementary: the only other hidden cell would be recoverable).
inline std::vector<core::GroupCount> spec_example_counts() {
  return {{"hispanic", 13144, 2310}, {"asian", 2000, 853},          {"white", 6000, 1800},
          {"african_american", 702, 135}, {"filipino", 15, 3}, {"pacific_islander", 9, 2}};
}

inline core::GapTable spec_example() {
  auto r = core::compute_gap_table({core::Metric::ap, core::System::uc}, core::Grouping::race_ethnicity,
                                   "2025-2026", std::nullopt, spec_example_counts(), core::GapOptions{});
  REQUIRE(r.ok());
  return r.value();
}

inline const core::GapRow& find_group(const core::GapTable& t, const std::string& group) {
  for (const auto& row : t.groups) {
    if (row.group == group) return row;
  }
  FAIL("no row for group " << group);
  throw 0;  // unreachable: FAIL throws
}

}  // namespace agmon::test
