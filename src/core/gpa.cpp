// GPA arithmetic: exact fractions, honors caps, truncation (ag-rules §2).
#include "agmon/core/gpa.h"

#include <algorithm>

namespace agmon::core {

std::int64_t truncate_hundredths(std::int64_t points, std::int64_t grades) {
  if (grades <= 0 || points <= 0) return 0;
  // UC: "Do not round up or down" - floor of the exact fraction (points are never negative).
  return points * 100 / grades;
}

std::optional<double> gpa_value(const GpaFraction& gpa, GpaRounding rounding) {
  if (gpa.empty()) return std::nullopt;
  std::int64_t hundredths = rounding == GpaRounding::truncate
                                ? truncate_hundredths(gpa.points, gpa.grades)
                                : (gpa.points * 200 + gpa.grades) / (2 * gpa.grades);
  return static_cast<double>(hundredths) / 100.0;
}

bool gpa_at_least(const GpaFraction& gpa, int hundredths) {
  if (gpa.empty()) return false;
  return gpa.points * 100 >= static_cast<std::int64_t>(hundredths) * gpa.grades;
}

void GpaTally::add(int grade_points, std::int64_t weight, std::int64_t honors_weight, int band) {
  add_weighted(static_cast<std::int64_t>(grade_points) * weight, weight, honors_weight, band);
}

void GpaTally::add_weighted(std::int64_t weighted_points, std::int64_t weight,
                            std::int64_t honors_weight, int band) {
  points_ += weighted_points;
  grades_ += weight;
  if (band <= 10) {
    honors10_ += honors_weight;
  } else {
    honors_later_ += honors_weight;
  }
}

std::int64_t GpaTally::capped_honors(std::int64_t cap_total, std::int64_t cap_grade10) const {
  // 11th grade has no cap of its own: all of cap_total may come from 11th (ag-rules §2).
  return std::min(cap_total, std::min(cap_grade10, honors10_) + honors_later_);
}

}  // namespace agmon::core
