// GPA arithmetic: truncation, exact threshold comparison and honors caps (ag-rules §2).
#include <catch2/catch.hpp>

#include "agmon/core/gpa.h"

using namespace agmon::core;

namespace {
constexpr std::int64_t G = kGpaUnitsPerGrade;
}

TEST_CASE("GPAs are truncated to two decimals, not rounded", "[core][gpa]") {
  // 65/18 = 3.6111 -> 3.61; 2/3 = 0.6666 -> 0.66 (rounding would give 0.67).
  CHECK(truncate_hundredths(65, 18) == 361);
  CHECK(truncate_hundredths(2, 3) == 66);
  CHECK(*gpa_value({65 * G, 18 * G}) == Approx(3.61));
  CHECK(*gpa_value({2, 3}) == Approx(0.66));
  CHECK(*gpa_value({2, 3}, GpaRounding::round_half_up) == Approx(0.67));
  // 3.995 -> truncate 3.99, round 4.00.
  CHECK(*gpa_value({3995, 1000}) == Approx(3.99));
  CHECK(*gpa_value({3995, 1000}, GpaRounding::round_half_up) == Approx(4.00));
}

TEST_CASE("a GPA with no grades is missing, not zero", "[core][gpa]") {
  CHECK_FALSE(gpa_value({0, 0}).has_value());
  CHECK_FALSE(gpa_at_least({0, 0}, 0));
  CHECK(*gpa_value({0, 5}) == 0.0);  // five F grades: a real 0.00
}

TEST_CASE("thresholds compare the exact fraction", "[core][gpa]") {
  // 54/18 = 3.00 exactly meets 3.00 (ag-035); 2999/1000 truncates to 2.99 and fails.
  CHECK(gpa_at_least({54, 18}, 300));
  CHECK_FALSE(gpa_at_least({2999, 1000}, 300));
  // 53.99/18 would display as 2.99 and must not pass either.
  CHECK_FALSE(gpa_at_least({5399, 1800}, 300));
  // 2.4999 truncates to 2.49 < 2.50.
  CHECK_FALSE(gpa_at_least({24999, 10000}, 250));
}

TEST_CASE("UC honors cap: 4 from 10th grade, 8 in all, 11th grade uncapped (ag-019, ag-020)", "[core][gpa]") {
  // ag-019: 73 points / 20 grades, honors 10th 6 and 11th 2.
  GpaTally t;
  for (int i = 0; i < 20; ++i) t.add(0, G, 0, i < 10 ? 10 : 11);
  t.add_weighted(73 * G, 0, 0, 10);  // the points, without extra grades
  for (int i = 0; i < 6; ++i) t.add_weighted(0, 0, G, 10);
  for (int i = 0; i < 2; ++i) t.add_weighted(0, 0, G, 11);
  CHECK(*gpa_value(t.unweighted()) == Approx(3.65));                     // 73/20
  CHECK(*gpa_value(t.weighted_capped(8 * G, 4 * G)) == Approx(3.95));    // (73+4+2)/20
  CHECK(*gpa_value(t.fully_weighted()) == Approx(4.05));                 // (73+8)/20
  CHECK(*gpa_value(t.weighted_capped(8 * G, 2 * G)) == Approx(3.85));    // CSU (73+2+2)/20
  // ag-020: 10th 4, 11th 8 -> capped 8 total.
  GpaTally u;
  u.add(0, 20 * G, 0, 10);
  u.add_weighted(73 * G, 0, 4 * G, 10);
  u.add_weighted(0, 0, 8 * G, 11);
  CHECK(u.capped_honors(8 * G, 4 * G) == 8 * G);
  CHECK(*gpa_value(u.weighted_capped(8 * G, 4 * G)) == Approx(4.05));  // (73+8)/20
  CHECK(*gpa_value(u.fully_weighted()) == Approx(4.25));                // (73+12)/20
}

TEST_CASE("trimester grades weigh two thirds of a semester grade", "[core][gpa]") {
  // A (4) and C (2) in two trimesters, B (3) in a semester: (4*2/3 + 2*2/3 + 3) / (4/3 + 1)
  // = (4 + 3) / (7/3) = 3.00.
  GpaTally t;
  t.add(4, G * 2 / 3, 0, 10);
  t.add(2, G * 2 / 3, 0, 10);
  t.add(3, G, 0, 11);
  CHECK(gpa_at_least(t.unweighted(), 300));
  CHECK(*gpa_value(t.unweighted()) == Approx(3.00));
}
