// GPA arithmetic for the UC and CSU calculations (ag-rules §2): exact fractions in integer
// units, honors caps, and truncation to 2 decimals. Thresholds are compared on the exact
// fraction, never on the truncated number.
#pragma once

#include <cstdint>
#include <optional>

#include "agmon/core/rule_set.h"

namespace agmon::core {

// One semester grade in the GPA weighs this many GPA units. 720 = 12 (term units per
// semester) x 60, so trimester and quarter grades and averages of up to 6 repeat attempts
// (C7 "average") stay whole numbers.
inline constexpr std::int64_t kGpaUnitsPerGrade = 720;

// A GPA as an exact fraction: grade points (plus honors points) over grades, both in GPA
// units. grades == 0 means "no grades": the GPA is missing, not 0.
struct GpaFraction {
  std::int64_t points = 0;
  std::int64_t grades = 0;
  bool empty() const { return grades <= 0; }
};

// floor(points * 100 / grades): the GPA truncated to hundredths (3.6111 -> 361).
std::int64_t truncate_hundredths(std::int64_t points, std::int64_t grades);
// The GPA to 2 decimals (C16: truncated by default, or rounded half up); nullopt if empty.
std::optional<double> gpa_value(const GpaFraction& gpa, GpaRounding rounding = GpaRounding::truncate);
// points / grades >= hundredths / 100, exactly. False when empty.
bool gpa_at_least(const GpaFraction& gpa, int hundredths);

// Sums the GPA-window grades of one system. Bands: 10 (10th grade and the summers after 9th
// and 10th), 11 (11th and the summer after), 12 (completed 12th, CSU switch C6).
class GpaTally {
 public:
  // grade_points 0..4 (+/- dropped); weight in GPA units; honors_weight = the honors points
  // this grade earns, in GPA units (0 unless an A/B/C in an honors course).
  void add(int grade_points, std::int64_t weight, std::int64_t honors_weight, int band);
  // Adds a grade whose points are already multiplied by its weight (averaged repeats).
  void add_weighted(std::int64_t weighted_points, std::int64_t weight, std::int64_t honors_weight,
                    int band);

  GpaFraction unweighted() const { return {points_, grades_}; }
  GpaFraction fully_weighted() const { return {points_ + honors10_ + honors_later_, grades_}; }
  // Honors points counted under the caps: min(cap_total, min(cap_grade10, H10) + H11(+H12)).
  std::int64_t capped_honors(std::int64_t cap_total, std::int64_t cap_grade10) const;
  GpaFraction weighted_capped(std::int64_t cap_total, std::int64_t cap_grade10) const {
    return {points_ + capped_honors(cap_total, cap_grade10), grades_};
  }
  std::int64_t honors_grade10() const { return honors10_; }
  std::int64_t honors_later() const { return honors_later_; }

 private:
  std::int64_t points_ = 0;  // grade points x weight
  std::int64_t grades_ = 0;
  std::int64_t honors10_ = 0;
  std::int64_t honors_later_ = 0;
};

}  // namespace agmon::core
