// GapRepo: per-group counts for the equity tables (equity.md §2), by SQL aggregation over the
// stored evaluations (the current year) or their per-year snapshots (past years). All SQL
// behind `agmon gaps` and the subgroup alerts lives here, so another store could replace it.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "agmon/core/equity.h"
#include "agmon/core/groups.h"
#include "agmon/store/database.h"

namespace agmon::store {

// Where the counts come from.
struct GapSource {
  std::string year;
  bool current = true;                // student_evaluations; false = evaluation_history
  std::optional<std::string> school;  // restrict to one school
};

// One metric to count: its population and measure (core::metric_population()).
struct GapMeasure {
  core::MetricSpec spec;
  core::MetricPopulation population;
};

// One cell of the GROUP BY: the raw values of the grouping columns (in the order asked; flags
// are "0"/"1", grades their number, schools their code) and, per measure, n and k.
struct GapCell {
  std::vector<std::string> keys;
  std::vector<long> n;
  std::vector<long> k;
};

class GapRepo {
 public:
  explicit GapRepo(Database& db) : db_(db) {}

  // One GROUP BY over the source: SELECT <columns of `by`>, per measure sum(in population),
  // sum(in population and counted). With a single measure, rows outside its population are
  // filtered out before grouping. Cells with no student in any population are omitted.
  std::vector<GapCell> count(const GapSource& source, const std::vector<core::Grouping>& by,
                             const std::vector<GapMeasure>& measures);

  // The year of the current evaluations ("" when none).
  std::string current_year();
  // True when evaluation_history holds a snapshot of `year`.
  bool has_history(const std::string& year);
  // True when the school has students, evaluations or history.
  bool school_known(const std::string& school_code);
  // Schools offering AP in `year` (school_ap_offer).
  std::set<std::string> schools_offering_ap(const std::string& year);
  // The date (YYYY-MM-DD) the last applied import finished; "" when none.
  std::string last_import_date();

 private:
  Database& db_;
};

// The column of student_evaluations / evaluation_history that holds a grouping.
const char* grouping_column(core::Grouping grouping);

}  // namespace agmon::store
