// compute_gap_table: per-group rates and gap figures with their null cases, after suppression
// (equity.md §2-3; formulas M1-M9 of reference/equity-research.md §2).
#include "agmon/core/equity.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "agmon/core/suppression.h"

namespace agmon::core {
namespace {

// A tolerance for threshold comparisons on ratios of integers (4/5 must equal 0.80).
constexpr double kEpsilon = 1e-9;

double round_to(double x, int decimals) {
  double scale = std::pow(10.0, decimals);
  double r = std::round(x * scale) / scale;
  return r == 0 ? 0.0 : r;  // no "-0"
}

// ceil(a / b) for b > 0, exact in integers.
long long ceil_div(long long a, long long b) {
  long long q = a / b;
  if (a % b != 0 && a > 0) ++q;
  return q;
}

// Seats to parity at the reference rate k_ref / n_ref: max(0, ceil(n_g k_ref/n_ref - k_g)),
// in integers so that 20 x 3/10 is exactly 6.
long missing_seats(long n, long k, long n_ref, long k_ref) {
  long long seats = ceil_div(static_cast<long long>(n) * k_ref - static_cast<long long>(k) * n_ref, n_ref);
  return static_cast<long>(std::max<long long>(0, seats));
}

Status validate(const std::vector<GroupCount>& groups, const GapOptions& options) {
  if (options.min_n < 1) return make_error(ErrorCode::kInvalidArgument, "min_n must be at least 1");
  if (options.rr_low <= 0 || options.rr_low >= options.rr_high) {
    return make_error(ErrorCode::kInvalidArgument, "rr_low must be above 0 and below rr_high");
  }
  std::set<std::string> seen;
  for (const auto& g : groups) {
    if (g.group.empty() || g.group == "all") {
      return make_error(ErrorCode::kInvalidArgument, "invalid group name '" + g.group + "'");
    }
    if (!seen.insert(g.group).second) {
      return make_error(ErrorCode::kInvalidArgument, "group '" + g.group + "' given twice");
    }
    if (g.n < 0 || g.k < 0 || g.k > g.n) {
      return make_error(ErrorCode::kInvalidArgument,
                        "group '" + g.group + "': count must be between 0 and n");
    }
  }
  return Status::success();
}

}  // namespace

Result<GapTable> compute_gap_table(const MetricSpec& spec, Grouping grouping, const std::string& year,
                                   const std::optional<std::string>& school,
                                   const std::vector<GroupCount>& groups, const GapOptions& options) {
  if (Status st = validate(groups, options); !st.ok()) return st.error();

  GapTable table;
  table.metric = spec;
  table.grouping = grouping;
  table.year = year;
  table.school = school;
  table.min_n = options.min_n;
  table.definition = metric_definition(spec, year, options);

  // Empty groups have nothing to protect or compare; canonical order for the rest.
  std::vector<GroupCount> cells;
  for (const auto& g : groups) {
    if (g.n > 0) cells.push_back(g);
  }
  std::sort(cells.begin(), cells.end(), [grouping](const GroupCount& a, const GroupCount& b) {
    return group_before(grouping, a.group, b.group);
  });

  long n_all = 0, k_all = 0;
  for (const auto& c : cells) {
    n_all += c.n;
    k_all += c.k;
  }
  table.all_suppressed = all_row_suppressed(n_all, options.min_n);
  if (!table.all_suppressed) {
    table.all_n = n_all;
    table.all_count = k_all;
    if (n_all > 0) table.all_rate = round_to(static_cast<double>(k_all) / n_all, 4);
  }

  std::vector<CellSize> sizes;
  for (const auto& c : cells) sizes.push_back(CellSize{c.group, c.n});
  std::vector<Suppression> hidden = suppress_cells(grouping, sizes, options.min_n);

  // A rate is "shown" when neither suppressed nor top-coded; only shown rates may serve as the
  // maximum (impact ratio) or the reference (missing), or they would leak through others' rows.
  std::vector<std::string> bounds(cells.size());
  std::vector<bool> shown(cells.size());
  double max_rate = 0;
  for (size_t i = 0; i < cells.size(); ++i) {
    bool suppressed = hidden[i] != Suppression::none || table.all_suppressed;
    if (!suppressed) bounds[i] = top_code_bound(cells[i].n, cells[i].k, options.min_n, options.top_code);
    shown[i] = !suppressed && bounds[i].empty();
    if (shown[i]) max_rate = std::max(max_rate, static_cast<double>(cells[i].k) / cells[i].n);
  }
  std::optional<size_t> ref;  // index of the configured reference group, when usable
  bool ref_configured = !options.reference_group.empty();
  for (size_t i = 0; i < cells.size() && ref_configured; ++i) {
    if (cells[i].group == options.reference_group && shown[i]) ref = i;
  }

  double rate_all = n_all > 0 ? static_cast<double>(k_all) / n_all : 0;
  bool comparable = cells.size() >= 2;  // one populated group has nothing to be compared with
  for (size_t i = 0; i < cells.size(); ++i) {
    const GroupCount& c = cells[i];
    GapRow row;
    row.group = c.group;
    if (hidden[i] != Suppression::none || table.all_suppressed) {
      row.suppressed = true;
      table.groups.push_back(row);
      continue;
    }
    row.n = c.n;
    if (!bounds[i].empty()) {
      row.rate_bound = bounds[i];
      table.groups.push_back(row);
      continue;
    }
    double rate = static_cast<double>(c.k) / c.n;
    row.count = c.k;
    row.rate = round_to(rate, 4);
    if (!comparable) {
      table.groups.push_back(row);
      continue;
    }
    row.gap_pp = round_to(100 * (rate - rate_all), 2);
    if (rate_all > 0) row.representation_index = round_to(rate / rate_all, 3);
    if (max_rate > 0) row.impact_ratio = round_to(rate / max_rate, 3);

    long n_rest = n_all - c.n, k_rest = k_all - c.k;
    bool rest_ok = n_rest >= options.min_n;  // the rest needs its own n check (§3)
    double rate_rest = n_rest > 0 ? static_cast<double>(k_rest) / n_rest : 0;
    if (rest_ok) {
      row.ppg1 = round_to(100 * (rate - rate_rest), 2);
      if (k_rest > 0) {
        double rr = rate / rate_rest;
        row.risk_ratio = round_to(rr, 3);
        row.disproportionate = rr < options.rr_low - kEpsilon || rr > options.rr_high + kEpsilon;
      }
    }
    if (ref_configured) {
      if (ref) row.missing = missing_seats(c.n, c.k, cells[*ref].n, cells[*ref].k);
    } else if (rest_ok) {
      row.missing = missing_seats(c.n, c.k, n_rest, k_rest);
    }
    table.groups.push_back(row);
  }
  return table;
}

}  // namespace agmon::core
