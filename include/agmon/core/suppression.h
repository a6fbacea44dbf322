// Small-cell suppression for aggregate tables (../shared/spec/equity.md §3): which groups of a
// grouping must be hidden so that no group under min_n can be seen or recovered by
// subtraction from the `all` row, and when a 0%/100% rate is top-coded. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "agmon/core/groups.h"

namespace agmon::core {

inline constexpr int kDefaultMinN = 11;  // CDE: cells of 10 or fewer are suppressed

// Why a cell is hidden. Internal: outputs only say "suppressed", because telling primary from
// complementary would reveal whether a group is under min_n.
enum class Suppression {
  none,
  primary,        // n < min_n
  complementary,  // the next smallest group, so the hidden ones cannot be recovered
  pair,           // a yes/no grouping: both or neither
  not_reported,   // CDE: not_reported is hidden whenever another race group is
};

// One populated group (n > 0) of a grouping, beside an `all` row that is their sum.
struct CellSize {
  std::string group;
  long n = 0;
};

// Decides suppression for every cell (same order as `cells`). Rules, applied until stable:
//  1. primary: n < min_n;
//  2. yes/no groupings: if one side is hidden, the other is too;
//  3. race_ethnicity: not_reported is hidden whenever any other race group is;
//  4. if exactly one cell is hidden, or the hidden cells' n add up to under min_n, the
//     smallest shown cell is hidden too (ties: the earlier cell in `cells`).
// Groups with n == 0 should not be passed: they reveal nothing and would trigger needless
// complementary suppression. Not an error: every cell ends up hidden.
std::vector<Suppression> suppress_cells(Grouping grouping, const std::vector<CellSize>& cells,
                                        int min_n);

// True when the `all` row itself must be hidden: 0 < n_all < min_n (every group is then
// hidden too, by rule 1).
bool all_row_suppressed(long n_all, int min_n);

// Top-coding (privacy.top_code): a shown group under 2 x min_n whose rate is exactly 0% or
// 100% would reveal every member's outcome, so its rate is shown as a bound and its count
// hidden. Returns "<5%" / ">95%", or "" when no top-coding applies.
std::string top_code_bound(long n, long k, int min_n, bool top_code);

}  // namespace agmon::core
