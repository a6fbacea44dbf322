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
// Years: `year` (or the latest evaluated year) reads the current evaluations when it is their
// year, else the per-year snapshots (kNotFound when none was kept for it); `years` "A..B"
// returns one table per year in the range that has evaluations (kNotFound when none has).
// `year` and `years` together, an unknown school or a malformed value: kInvalidArgument.
// Each table's `as_of` is the date of the last applied import.
core::Result<std::vector<core::GapTable>> gap_tables(store::Database& db, const Settings& settings,
                                                     const GapQuery& query);

// Renderings of a gap_tables() answer. JSON: the one table's object (equity.md §3), or an
// array of them when `trend` (a --years query); CSV: one header, then every table's rows;
// text: the aligned tables, one after another.
std::string gap_tables_json(const std::vector<core::GapTable>& tables, bool trend);
std::string gap_tables_csv(const std::vector<core::GapTable>& tables);
std::string gap_tables_text(const std::vector<core::GapTable>& tables);

}  // namespace agmon::service
