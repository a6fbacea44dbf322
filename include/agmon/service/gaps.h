// The subgroup-gaps use case (`agmon gaps`, GET /api/v1/gaps): counts per group from the
// stored evaluations by SQL aggregation, then the pure gap figures and suppression of core.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/core/equity.h"
#include "agmon/core/result.h"
#include "agmon/service/settings.h"
#include "agmon/store/database.h"

namespace agmon::service {

struct GapQuery {
  std::string metric = "ap";            // ap | ag | ag-projected | ag-on-track | missing
  std::string by = "race_ethnicity";    // a grouping of equity.md §1
  std::string system = "uc";            // uc | csu (ag, ag-projected)
  std::optional<std::string> school;    // restrict the population to one school
  std::optional<std::string> year;      // default: the latest evaluated year
  std::optional<std::string> years;     // "2023-2024..2025-2026": one table per year
  std::optional<int> min_n;             // default: privacy.min_n
};

// Validates the query (kInvalidArgument naming the parameter) and computes the table(s).
core::Result<std::vector<core::GapTable>> gap_tables(store::Database& db, const Settings& settings,
                                                     const GapQuery& query);

}  // namespace agmon::service
