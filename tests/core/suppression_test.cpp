// Tests for small-cell suppression (equity.md §3): primary, complementary, yes/no pairs,
// CDE's not_reported rule, the `all` row and top-coding.
#include <catch2/catch.hpp>

#include <random>

#include "agmon/core/suppression.h"

using namespace agmon::core;

namespace {

using S = Suppression;

std::vector<Suppression> run(Grouping g, std::vector<CellSize> cells, int min_n = 11) {
  return suppress_cells(g, cells, min_n);
}

}  // namespace

TEST_CASE("A group of 10 is suppressed and a group of 11 is shown", "[core]") {
  // 11, 40, 30: nothing under 11.
  CHECK(run(Grouping::race_ethnicity, {{"hispanic", 11}, {"asian", 30}, {"white", 40}}) ==
        std::vector<S>{S::none, S::none, S::none});
  // 10 < 11 is hidden; it would be the only hidden cell (all - 30 - 40 = 10), so the
  // smallest shown cell, asian (30), goes too.
  CHECK(run(Grouping::race_ethnicity, {{"hispanic", 10}, {"asian", 30}, {"white", 40}}) ==
        std::vector<S>{S::primary, S::complementary, S::none});
}

TEST_CASE("One small group forces the next smallest group to be hidden", "[core]") {
  // gender F 50, M 45, X 3: X primary; M (45 < 50) complementary; then 2 hidden, 48 >= 11.
  CHECK(run(Grouping::gender, {{"F", 50}, {"M", 45}, {"X", 3}}) ==
        std::vector<S>{S::none, S::complementary, S::primary});
}

TEST_CASE("Hidden groups adding up to under min_n force one more", "[core]") {
  // grade 10 (4) and 11 (5) are primary; 4 + 5 = 9 < 11 can be recovered as a small total,
  // so the smallest shown, grade 12 (30), is hidden too: 4 + 5 + 30 = 39 >= 11.
  CHECK(run(Grouping::grade, {{"9", 40}, {"10", 4}, {"11", 5}, {"12", 30}}) ==
        std::vector<S>{S::none, S::primary, S::primary, S::complementary});
  // 6 + 7 = 13 >= 11 with two hidden: nothing more.
  CHECK(run(Grouping::grade, {{"9", 40}, {"10", 6}, {"11", 7}, {"12", 30}}) ==
        std::vector<S>{S::none, S::primary, S::primary, S::none});
}

TEST_CASE("Yes/no groupings hide both sides or neither", "[core]") {
  CHECK(run(Grouping::el, {{"el", 5}, {"not_el", 200}}) == std::vector<S>{S::primary, S::pair});
  CHECK(run(Grouping::sed, {{"sed", 200}, {"not_sed", 9}}) == std::vector<S>{S::pair, S::primary});
  CHECK(run(Grouping::swd, {{"swd", 11}, {"not_swd", 300}}) == std::vector<S>{S::none, S::none});
  // Only one side populated and it is large: nothing to hide.
  CHECK(run(Grouping::foster, {{"not_foster", 300}}) == std::vector<S>{S::none});
}

TEST_CASE("not_reported is hidden whenever another race group is", "[core]") {
  // asian 5 primary -> not_reported (40, well over 11) hidden by CDE's rule; 2 hidden, 45 >= 11.
  CHECK(run(Grouping::race_ethnicity,
            {{"hispanic", 100}, {"asian", 5}, {"white", 80}, {"not_reported", 40}}) ==
        std::vector<S>{S::none, S::primary, S::none, S::not_reported});
  // not_reported alone is small: it is primary; the next smallest (asian 30) complementary.
  CHECK(run(Grouping::race_ethnicity,
            {{"hispanic", 100}, {"asian", 30}, {"white", 80}, {"not_reported", 4}}) ==
        std::vector<S>{S::none, S::complementary, S::none, S::primary});
  // The rule is CDE's for race only: gender not_reported is not dragged in.
  CHECK(run(Grouping::gender, {{"F", 100}, {"M", 90}, {"X", 5}, {"not_reported", 40}}) ==
        std::vector<S>{S::none, S::none, S::primary, S::complementary});
}

TEST_CASE("Ties for the next smallest group pick the earlier row", "[core]") {
  CHECK(run(Grouping::grade, {{"9", 30}, {"10", 30}, {"11", 3}}) ==
        std::vector<S>{S::complementary, S::none, S::primary});
}

TEST_CASE("Every cell may end up hidden, which is not an error", "[core]") {
  // 5 + 6 = 11: two hidden, total not under 11; nothing left to hide anyway.
  CHECK(run(Grouping::race_ethnicity, {{"hispanic", 5}, {"white", 6}}) ==
        std::vector<S>{S::primary, S::primary});
  // 100 + 6 + 4: 6 and 4 add to 10 < 11, so hispanic (the only shown) is hidden too.
  CHECK(run(Grouping::race_ethnicity, {{"hispanic", 100}, {"asian", 6}, {"white", 4}}) ==
        std::vector<S>{S::complementary, S::primary, S::primary});
}

TEST_CASE("min_n is configurable", "[core]") {
  CHECK(run(Grouping::gender, {{"F", 25}, {"M", 22}, {"X", 12}}, 20) ==
        std::vector<S>{S::none, S::complementary, S::primary});
  CHECK(run(Grouping::gender, {{"F", 25}, {"M", 22}, {"X", 12}}, 5) ==
        std::vector<S>{S::none, S::none, S::none});
}

TEST_CASE("The all row is hidden only when the whole population is under min_n", "[core]") {
  CHECK(all_row_suppressed(10, 11));
  CHECK_FALSE(all_row_suppressed(11, 11));
  CHECK_FALSE(all_row_suppressed(0, 11));  // nothing there, nothing to protect
}

TEST_CASE("After suppression no hidden group can be recovered by subtraction", "[core]") {
  // Property over many pseudo-random groupings (fixed seed): for every result, either nothing
  // is hidden, or at least two cells are hidden with n adding up to >= min_n, or everything is
  // hidden; and every shown cell's rest (all - n_g) reaches min_n, so the rest guard on
  // risk_ratio/ppg1 never has to hide a shown row on its own.
  std::mt19937 rng(20260110);
  std::uniform_int_distribution<int> groups_dist(1, 9), size_dist(1, 60), min_dist(3, 20);
  const auto& names = grouping_groups(Grouping::race_ethnicity);
  for (int round = 0; round < 2000; ++round) {
    int min_n = min_dist(rng);
    std::vector<CellSize> cells;
    int count = groups_dist(rng);
    long total = 0;
    for (int i = 0; i < count; ++i) {
      cells.push_back({names[static_cast<size_t>(i)], size_dist(rng)});
      total += cells.back().n;
    }
    auto out = suppress_cells(Grouping::race_ethnicity, cells, min_n);
    long hidden = 0, hidden_sum = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (out[i] != S::none) {
        ++hidden;
        hidden_sum += cells[i].n;
      } else {
        REQUIRE(cells[i].n >= min_n);
        if (cells.size() > 1) REQUIRE(total - cells[i].n >= min_n);
      }
    }
    bool all_hidden = hidden == static_cast<long>(cells.size());
    REQUIRE((hidden == 0 || all_hidden || (hidden >= 2 && hidden_sum >= min_n)));
  }
}

TEST_CASE("Top-coding bounds exact 0% and 100% rates of small shown groups only", "[core]") {
  // 2 x 11 = 22: groups of 11..21 are coded when the option is on.
  CHECK(top_code_bound(15, 0, 11, true) == "<5%");
  CHECK(top_code_bound(21, 21, 11, true) == ">95%");
  CHECK(top_code_bound(22, 0, 11, true).empty());   // not under 2 x min_n
  CHECK(top_code_bound(15, 3, 11, true).empty());   // not an extreme
  CHECK(top_code_bound(15, 0, 11, false).empty());  // privacy.top_code defaults to false
}
