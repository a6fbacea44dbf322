// Equity metrics and gap tables (../shared/spec/equity.md §2-3): the metrics as data, the
// per-group counts a service feeds in (one SQL GROUP BY), the gap figures with their null
// cases, small-cell suppression applied, and the JSON / CSV / text renderings.
// Pure: no I/O, no clock. Thread-safe (no shared state).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/groups.h"
#include "agmon/core/report.h"
#include "agmon/core/result.h"

namespace agmon::core {

// ---- Metrics -------------------------------------------------------------------------------

enum class Metric { ap, ag, ag_projected, ag_on_track, missing };
enum class System { uc, csu };

// A metric and, for ag / ag-projected, the system (UC by default; ignored by the others).
struct MetricSpec {
  Metric metric = Metric::ap;
  System system = System::uc;
};

std::string_view metric_name(Metric metric);      // "ap", "ag", "ag-projected", "ag-on-track", "missing"
std::optional<Metric> parse_metric(std::string_view name);  // exact names above
std::string_view system_name(System system);      // "uc" / "csu"
std::optional<System> parse_system(std::string_view name);
bool uses_system(Metric metric);                  // ag and ag-projected
// A stable key for storage and alert identities: "ap", "ag", "ag:csu", "ag-projected:csu"...
std::string metric_key(const MetricSpec& spec);
// True when a higher rate is the good outcome (all but `missing`, where the rate counts
// students left out). Decides the direction of GAP_WIDENING.
bool higher_is_better(Metric metric);

// Who is in the population (data, so a service can build its WHERE clause from it):
//   ap, ag-on-track: grades 9-12; ag, ag-projected: grade 12;
//   missing: grades 10-12, UC weighted-capped GPA >= missing_gpa, at a school offering AP.
struct MetricPopulation {
  int min_grade = 9;
  int max_grade = 12;
  std::optional<double> min_uc_gpa;  // inclusive; a student without a GPA is outside
  bool requires_ap_school = false;
};

// The facts one student contributes, as stored in student_evaluations.
struct MetricFacts {
  int grade = 0;
  bool uc_complete = false;
  bool uc_complete_projected = false;
  bool csu_complete = false;
  bool csu_complete_projected = false;
  bool on_track = false;
  std::optional<double> uc_gpa_capped;
  int ap_this_year = 0;  // AP course records this year, any mark but W (in progress counts)
  bool school_offers_ap = false;
};
MetricFacts metric_facts(const StudentReport& report, bool school_offers_ap);

// The counting unit: n students of `group` in the population, k of them meeting the measure.
struct GroupCount {
  std::string group;
  long n = 0;
  long k = 0;
};

// Options (config keys in parentheses; defaults per equity.md).
struct GapOptions {
  int min_n = 11;                  // privacy.min_n
  bool top_code = false;           // privacy.top_code
  double rr_low = 0.80;            // equity.rr_low: risk_ratio below -> disproportionate
  double rr_high = 1.25;           // equity.rr_high: risk_ratio above -> disproportionate
  std::string reference_group;     // equity.reference_group: rate_ref for `missing`; "" = rest
  double missing_gpa = 3.00;       // equity.missing_gpa: population of the `missing` metric
};
// Applies `privacy.min_n`, `privacy.top_code`, `equity.*` keys from a flat config map; other
// keys (and other privacy.* keys) are ignored. Unknown `equity.*` keys and malformed values are
// kInvalidArgument, leaving `options` unchanged.
Status apply_gap_overrides(GapOptions& options, const std::map<std::string, std::string>& config);

MetricPopulation metric_population(const MetricSpec& spec, const GapOptions& options);
bool in_population(const MetricSpec& spec, const MetricFacts& facts, const GapOptions& options);
// Whether a student in the population counts (ap: any AP record this year; ag: pattern
// complete with earned credit; ag-projected: complete if in-progress passes; ag-on-track:
// on track for the grade; missing: NOT in any AP course this year).
bool meets_measure(const MetricSpec& spec, const MetricFacts& facts);

// Adds one student to per-group counts (skips students outside the population). The result
// keeps first-seen order; compute_gap_table() orders rows itself.
struct GroupedFacts {
  std::string group;
  MetricFacts facts;
};
std::vector<GroupCount> tally_groups(const MetricSpec& spec, const std::vector<GroupedFacts>& students,
                                     const GapOptions& options);

// The `definition` object: population and measure in words, for reconciling with CDE.
struct MetricDefinition {
  std::string population;  // "students in grades 9-12 enrolled in 2025-2026"
  std::string measure;     // "enrolled in at least one AP course in 2025-2026"
};
MetricDefinition metric_definition(const MetricSpec& spec, const std::string& year,
                                   const GapOptions& options);

// ---- Gap tables ----------------------------------------------------------------------------

// One group's row. Every figure is nullopt when undefined or hidden; a suppressed row carries
// nothing but its name (no hidden figure is kept, so no renderer can leak one).
struct GapRow {
  std::string group;
  bool suppressed = false;
  std::optional<long> n;
  std::optional<long> count;
  std::optional<double> rate;         // 4 decimals
  std::string rate_bound;             // "<5%" / ">95%" when top-coded (rate, count, gaps null)
  std::optional<double> gap_pp;       // 2 decimals: 100 (rate_g - rate_all)
  std::optional<double> ppg1;         // 2 decimals: 100 (rate_g - rate_rest)
  std::optional<double> representation_index;  // 3 decimals: rate_g / rate_all
  std::optional<double> risk_ratio;   // 3 decimals: rate_g / rate_rest
  std::optional<double> impact_ratio; // 3 decimals: rate_g / max shown rate
  std::optional<long> missing;        // seats to parity at rate_ref
  std::optional<bool> disproportionate;  // risk_ratio outside [rr_low, rr_high]
};

struct GapTable {
  MetricSpec metric;
  Grouping grouping = Grouping::race_ethnicity;
  std::string year;
  std::optional<std::string> school;  // nullopt = all schools
  int min_n = 11;
  MetricDefinition definition;
  std::string as_of;                  // set by the caller (e.g. the last import date); "" = unknown
  bool all_suppressed = false;        // 0 < n_all < min_n: the whole table is hidden
  std::optional<long> all_n, all_count;
  std::optional<double> all_rate;
  std::vector<GapRow> groups;         // canonical order; groups with n == 0 are omitted
};

// Builds the table from per-group counts. Rules (equity.md §2-3):
//  - `all` is the sum of the groups; groups with n == 0 are dropped (nothing to protect or
//    compare); rows follow the grouping's canonical order;
//  - suppression per suppress_cells(); top-coding when options.top_code;
//  - with fewer than two populated groups every comparative figure is null;
//  - representation_index null when rate_all = 0; risk_ratio null when the rest's rate is 0;
//    risk_ratio, ppg1 and missing (at rate_rest) null when the rest has fewer than min_n;
//  - impact_ratio against the highest rate among shown (unsuppressed, not top-coded) groups,
//    null when that rate is 0; missing at a configured reference group is null when that
//    group is absent, suppressed or top-coded;
//  - `missing` is computed in integers: ceil((n_g k_ref - k_g n_ref) / n_ref), floored at 0;
//  - disproportionate compares the unrounded risk ratio (1e-9 tolerance, so 4/5 is not flagged).
// Errors (kInvalidArgument): a negative n, k outside [0, n], a blank, "all" or duplicate
// group name, min_n < 1, rr_low >= rr_high.
Result<GapTable> compute_gap_table(const MetricSpec& spec, Grouping grouping, const std::string& year,
                                   const std::optional<std::string>& school,
                                   const std::vector<GroupCount>& groups, const GapOptions& options);

// ---- Renderings (no output shows a suppressed figure) --------------------------------------

// The JSON object of equity.md §3 (one line, no trailing newline). Keys: metric, [system for
// ag/ag-projected], by, school, year, min_n, definition{population, measure, as_of},
// all{n, count, rate, suppressed}, groups[{group, n, count, rate, gap_pp, ppg1,
// representation_index, risk_ratio, impact_ratio, missing, disproportionate, suppressed}].
// A top-coded rate is the bound string ("<5%").
std::string render_gap_json(const GapTable& table);

// CSV with a header row: metric,by,school,year,group,n,count,rate,gap_pp,ppg1,
// representation_index,risk_ratio,impact_ratio,missing,disproportionate,suppressed; the `all`
// row first; null and suppressed cells empty. `with_header` = false for appending years.
std::string render_gap_csv(const GapTable& table, bool with_header = true);

// An aligned text table for the terminal: title and definition, the `all` row first,
// suppressed cells as "*", null figures as "-", and a footnote explaining "*".
std::string render_gap_text(const GapTable& table);

}  // namespace agmon::core
