// Subgroup alert findings: one GROUP BY over (school x every student grouping) counting the
// three alert metrics at once, rolled up into the district-wide and per-school gap tables that
// core's subgroup_alerts() reads.
#include "service/alerts_subgroup.h"

#include <map>
#include <optional>

#include "agmon/store/gap_repo.h"
#include "service/gap_counts.h"

namespace agmon::service {
namespace {

const std::vector<core::Grouping> kGroupings = {
    core::Grouping::race_ethnicity, core::Grouping::gender, core::Grouping::el,      core::Grouping::sed,
    core::Grouping::swd,            core::Grouping::foster, core::Grouping::homeless};
const std::vector<core::MetricSpec> kMetrics = {
    {core::Metric::ap, core::System::uc}, {core::Metric::ag, core::System::uc}, {core::Metric::ag_on_track, core::System::uc}};

constexpr const char* kDistrict = "";  // the scope key of district-wide tables

// Counts per scope (district or school), grouping and metric: group -> (n, k).
using GroupMap = std::map<std::string, core::GroupCount>;
struct ScopeCounts {
  GroupMap by[7][3];  // [grouping][metric]
};

std::map<std::string, ScopeCounts> roll_up(const std::vector<store::GapCell>& cells) {
  std::map<std::string, ScopeCounts> scopes;
  for (const auto& cell : cells) {
    ScopeCounts* targets[2] = {&scopes[kDistrict], &scopes[cell.keys[0]]};
    for (size_t g = 0; g < kGroupings.size(); ++g) {
      std::string group = group_from_column(kGroupings[g], cell.keys[g + 1]);
      for (size_t m = 0; m < kMetrics.size(); ++m) {
        if (cell.n[m] == 0) continue;
        for (ScopeCounts* t : targets) {
          auto& c = t->by[g][m][group];
          c.group = group;
          c.n += cell.n[m];
          c.k += cell.k[m];
        }
      }
    }
  }
  return scopes;
}

std::vector<store::GapCell> count_year(store::GapRepo& repo, const std::string& year, bool current,
                                       const core::GapOptions& options) {
  std::vector<core::Grouping> by{core::Grouping::school};
  by.insert(by.end(), kGroupings.begin(), kGroupings.end());
  std::vector<store::GapMeasure> measures;
  for (const auto& spec : kMetrics) measures.push_back({spec, core::metric_population(spec, options)});
  return repo.count(store::GapSource{year, current, std::nullopt}, by, measures);
}

std::optional<core::GapTable> table_of(const std::map<std::string, ScopeCounts>& scopes, const std::string& scope,
                                       size_t g, size_t m, const std::string& year, const core::GapOptions& options) {
  auto it = scopes.find(scope);
  if (it == scopes.end()) return std::nullopt;
  std::vector<core::GroupCount> counts;
  for (const auto& [name, c] : it->second.by[g][m]) counts.push_back(c);
  if (counts.empty()) return std::nullopt;
  std::optional<std::string> school;
  if (scope != kDistrict) school = scope;
  auto table = core::compute_gap_table(kMetrics[m], kGroupings[g], year, school, counts, options);
  if (!table) return std::nullopt;  // counts come from SQL sums: never malformed
  return std::move(*table);
}

}  // namespace

std::vector<core::AlertFinding> subgroup_findings(store::Database& db, const Settings& settings) {
  std::vector<core::AlertFinding> out;
  store::GapRepo repo(db);
  const std::string year = repo.current_year();
  if (year.empty()) return out;
  const core::GapOptions& options = settings.gap_options();
  const auto& thresholds = settings.alert_thresholds();
  auto now = roll_up(count_year(repo, year, true, options));
  std::map<std::string, ScopeCounts> before;
  const std::string prev_year = previous_school_year(year);
  if (!prev_year.empty() && repo.has_history(prev_year)) before = roll_up(count_year(repo, prev_year, false, options));
  const auto ap_schools = repo.schools_offering_ap(year);

  for (const auto& [scope, counts] : now) {
    // District-wide "the school offers AP" reads as: some school of the district does.
    bool offers_ap = scope == kDistrict ? !ap_schools.empty() : ap_schools.count(scope) > 0;
    for (size_t g = 0; g < kGroupings.size(); ++g) {
      for (size_t m = 0; m < kMetrics.size(); ++m) {
        auto current = table_of(now, scope, g, m, year, options);
        if (!current) continue;
        auto previous = table_of(before, scope, g, m, prev_year, options);
        auto found = core::subgroup_alerts(*current, previous ? &*previous : nullptr, offers_ap, thresholds);
        out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
      }
    }
  }
  return out;
}

}  // namespace agmon::service
