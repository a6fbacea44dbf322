// The subgroup-gaps use case: validate the query, count per group with one SQL GROUP BY per
// table (store::GapRepo), and hand the counts to core for the figures and suppression.
#include "agmon/service/gaps.h"

#include "agmon/store/gap_repo.h"
#include "service/gap_counts.h"

namespace agmon::service {
namespace {

constexpr int kMaxMinN = 1000000;
constexpr int kMaxTrendYears = 50;

core::Error invalid(const std::string& message) {
  return core::make_error(core::ErrorCode::kInvalidArgument, message);
}

struct Plan {
  core::MetricSpec spec;
  core::Grouping grouping = core::Grouping::race_ethnicity;
  core::GapOptions options;
  std::vector<std::string> years;
  bool trend = false;
};

core::Status parse_years(const std::string& text, std::vector<std::string>& out) {
  auto dots = text.find("..");
  if (dots == std::string::npos) return invalid("years: '" + text + "' is not a range like 2023-2024..2025-2026");
  std::string from = text.substr(0, dots), to = text.substr(dots + 2);
  if (!is_school_year(from) || !is_school_year(to))
    return invalid("years: '" + text + "' is not a range like 2023-2024..2025-2026");
  if (to < from) return invalid("years: the range " + text + " ends before it starts");
  for (std::string y = from; y <= to; y = next_school_year(y)) {
    if (static_cast<int>(out.size()) >= kMaxTrendYears)
      return invalid("years: at most " + std::to_string(kMaxTrendYears) + " years");
    out.push_back(y);
    if (y == to) break;
  }
  return core::Status::success();
}

core::Result<Plan> plan_query(const Settings& settings, const GapQuery& q) {
  Plan p;
  auto metric = core::parse_metric(q.metric);
  if (!metric)
    return invalid("metric: unknown metric '" + q.metric + "' (ap, ag, ag-projected, ag-on-track or missing)");
  auto grouping = core::parse_grouping(q.by);
  if (!grouping) return invalid("by: unknown grouping '" + q.by + "' (" + core::grouping_names_list() + ")");
  auto system = core::parse_system(q.system);
  if (!system) return invalid("system: unknown system '" + q.system + "' (uc or csu)");
  p.spec = {*metric, *system};
  p.grouping = *grouping;
  p.options = settings.gap_options();
  if (q.min_n) {
    if (*q.min_n < 1 || *q.min_n > kMaxMinN)
      return invalid("min_n: must be a whole number from 1 to " + std::to_string(kMaxMinN));
    p.options.min_n = *q.min_n;
  }
  if (q.school && q.school->empty()) return invalid("school: empty school code");
  if (q.year && q.years) return invalid("year and years: give one or the other");
  if (q.year && !is_school_year(*q.year))
    return invalid("year: '" + *q.year + "' is not a school year like 2025-2026");
  if (q.years) {
    auto st = parse_years(*q.years, p.years);
    if (!st) return st.error();
    p.trend = true;
  }
  return p;
}

}  // namespace

core::Result<std::vector<core::GapTable>> gap_tables(store::Database& db, const Settings& settings,
                                                     const GapQuery& query) {
  auto plan = plan_query(settings, query);
  if (!plan) return plan.error();
  try {
    store::GapRepo repo(db);
    const std::string current = repo.current_year();
    if (current.empty())
      return core::make_error(core::ErrorCode::kNotFound, "no evaluations yet (run `agmon import` first)");
    if (query.school && !repo.school_known(*query.school))
      return core::make_error(core::ErrorCode::kNotFound, "school: no school '" + *query.school + "'");
    if (!plan->trend) plan->years = {query.year.value_or(current)};

    const std::string as_of = repo.last_import_date();
    const store::GapMeasure measure{plan->spec, core::metric_population(plan->spec, plan->options)};
    std::vector<core::GapTable> tables;
    for (const auto& year : plan->years) {
      store::GapSource source{year, year == current, query.school};
      if (!source.current && !repo.has_history(year)) {
        if (plan->trend) continue;
        return core::make_error(core::ErrorCode::kNotFound,
                                "year: no evaluations were kept for " + year + " (the latest is " + current + ")");
      }
      auto cells = repo.count(source, {plan->grouping}, {measure});
      auto table = core::compute_gap_table(plan->spec, plan->grouping, year, query.school,
                                           group_counts(cells, 0, plan->grouping, 0), plan->options);
      if (!table) return table.error();
      table->as_of = as_of;
      tables.push_back(std::move(*table));
    }
    if (tables.empty())
      return core::make_error(core::ErrorCode::kNotFound,
                              "years: no evaluations were kept for " + *query.years + " (the latest is " + current + ")");
    return tables;
  } catch (const store::StoreError& e) {
    return core::make_error(core::ErrorCode::kIoError, std::string("database error: ") + e.what());
  }
}

std::string gap_tables_json(const std::vector<core::GapTable>& tables, bool trend) {
  if (!trend && tables.size() == 1) return core::render_gap_json(tables[0]);
  std::string out = "[";
  for (size_t i = 0; i < tables.size(); ++i) out += (i ? ",\n" : "") + core::render_gap_json(tables[i]);
  return out + "]";
}

std::string gap_tables_csv(const std::vector<core::GapTable>& tables) {
  std::string out;
  for (size_t i = 0; i < tables.size(); ++i) out += core::render_gap_csv(tables[i], i == 0);
  return out;
}

std::string gap_tables_text(const std::vector<core::GapTable>& tables) {
  std::string out;
  for (size_t i = 0; i < tables.size(); ++i) out += (i ? "\n" : "") + core::render_gap_text(tables[i]);
  return out;
}

}  // namespace agmon::service
