// Helpers shared by the gaps use case and the subgroup alerts: school-year strings, and the
// step from the store's raw GROUP BY cells to core's per-group counts. Internal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/core/equity.h"
#include "agmon/store/gap_repo.h"

namespace agmon::service {

// "2024-2025": four digits, a dash, the next year.
bool is_school_year(const std::string& text);
// "2024-2025" -> "2023-2024"; "" when `year` is not a school year.
std::string previous_school_year(const std::string& year);
// "2023-2024" -> "2024-2025"; "" when `year` is not a school year.
std::string next_school_year(const std::string& year);

// The group a stored column value stands for: flags "0"/"1" -> "not_el"/"el", grades
// "9" -> "9", race/gender/school codes as they are.
std::string group_from_column(core::Grouping grouping, const std::string& raw);

// Per-group counts of measure `measure` from cells whose key `key` holds `grouping`'s column
// (cells mapping to the same group are added up). Groups with n = 0 are dropped.
std::vector<core::GroupCount> group_counts(const std::vector<store::GapCell>& cells, size_t key,
                                           core::Grouping grouping, size_t measure);

}  // namespace agmon::service
