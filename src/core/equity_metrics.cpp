// The equity metrics as data: names, populations, measures, definitions, per-group tallies and
// config overrides (equity.md §2).
#include <cstdio>

#include "agmon/core/equity.h"
#include "core/equity_settings.h"

namespace agmon::core {
namespace {

using equity_settings::parse_bool_value;
using equity_settings::parse_double_value;
using equity_settings::parse_int_value;
using equity_settings::trim_value;

struct MetricRow {
  Metric metric;
  std::string_view name;
};
constexpr MetricRow kMetrics[] = {{Metric::ap, "ap"},
                                  {Metric::ag, "ag"},
                                  {Metric::ag_projected, "ag-projected"},
                                  {Metric::ag_on_track, "ag-on-track"},
                                  {Metric::missing, "missing"}};

std::string grades_text(const MetricPopulation& p) {
  if (p.min_grade == p.max_grade) return "grade " + std::to_string(p.min_grade);
  return "grades " + std::to_string(p.min_grade) + "-" + std::to_string(p.max_grade);
}

std::string gpa_text(double gpa) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", gpa);
  return buf;
}

}  // namespace

std::string_view metric_name(Metric metric) {
  for (const auto& row : kMetrics) {
    if (row.metric == metric) return row.name;
  }
  return "";
}

std::optional<Metric> parse_metric(std::string_view name) {
  for (const auto& row : kMetrics) {
    if (row.name == name) return row.metric;
  }
  return std::nullopt;
}

std::string_view system_name(System system) { return system == System::csu ? "csu" : "uc"; }

std::optional<System> parse_system(std::string_view name) {
  if (name == "uc") return System::uc;
  if (name == "csu") return System::csu;
  return std::nullopt;
}

bool uses_system(Metric metric) { return metric == Metric::ag || metric == Metric::ag_projected; }

std::string metric_key(const MetricSpec& spec) {
  std::string key(metric_name(spec.metric));
  if (uses_system(spec.metric) && spec.system == System::csu) key += ":csu";
  return key;
}

bool higher_is_better(Metric metric) { return metric != Metric::missing; }

MetricFacts metric_facts(const StudentReport& report, bool school_offers_ap) {
  MetricFacts f;
  f.grade = report.grade_level;
  f.uc_complete = report.uc.pattern_complete;
  f.uc_complete_projected = report.uc.pattern_complete_projected;
  f.csu_complete = report.csu.pattern_complete;
  f.csu_complete_projected = report.csu.pattern_complete_projected;
  f.on_track = report.on_track;
  f.uc_gpa_capped = report.uc.gpa_weighted_capped;
  f.ap_this_year = report.ap_enrolled_this_year;
  f.school_offers_ap = school_offers_ap;
  return f;
}

MetricPopulation metric_population(const MetricSpec& spec, const GapOptions& options) {
  MetricPopulation p;
  switch (spec.metric) {
    case Metric::ap:
    case Metric::ag_on_track: break;
    case Metric::ag:
    case Metric::ag_projected: p.min_grade = 12; break;
    case Metric::missing:
      p.min_grade = 10;
      p.min_uc_gpa = options.missing_gpa;
      p.requires_ap_school = true;
      break;
  }
  return p;
}

bool in_population(const MetricSpec& spec, const MetricFacts& facts, const GapOptions& options) {
  MetricPopulation p = metric_population(spec, options);
  if (facts.grade < p.min_grade || facts.grade > p.max_grade) return false;
  // GPAs are stored truncated to 2 decimals; the tolerance keeps 3.00 >= 3.00 exact.
  if (p.min_uc_gpa && (!facts.uc_gpa_capped || *facts.uc_gpa_capped < *p.min_uc_gpa - 1e-9)) return false;
  if (p.requires_ap_school && !facts.school_offers_ap) return false;
  return true;
}

bool meets_measure(const MetricSpec& spec, const MetricFacts& facts) {
  bool csu = spec.system == System::csu;
  switch (spec.metric) {
    case Metric::ap: return facts.ap_this_year > 0;
    case Metric::ag: return csu ? facts.csu_complete : facts.uc_complete;
    case Metric::ag_projected: return csu ? facts.csu_complete_projected : facts.uc_complete_projected;
    case Metric::ag_on_track: return facts.on_track;
    case Metric::missing: return facts.ap_this_year == 0;
  }
  return false;
}

std::vector<GroupCount> tally_groups(const MetricSpec& spec, const std::vector<GroupedFacts>& students,
                                     const GapOptions& options) {
  std::vector<GroupCount> out;
  for (const auto& s : students) {
    if (!in_population(spec, s.facts, options)) continue;
    GroupCount* slot = nullptr;
    for (auto& c : out) {
      if (c.group == s.group) slot = &c;
    }
    if (!slot) {
      out.push_back(GroupCount{s.group, 0, 0});
      slot = &out.back();
    }
    ++slot->n;
    if (meets_measure(spec, s.facts)) ++slot->k;
  }
  return out;
}

MetricDefinition metric_definition(const MetricSpec& spec, const std::string& year,
                                   const GapOptions& options) {
  MetricPopulation p = metric_population(spec, options);
  std::string sys = spec.system == System::csu ? "CSU" : "UC";
  MetricDefinition d;
  d.population = "students in " + grades_text(p) + " enrolled in " + year;
  switch (spec.metric) {
    case Metric::ap: d.measure = "enrolled in at least one AP course in " + year; break;
    case Metric::ag:
      d.measure = "completed the " + sys + " A-G pattern with earned credit (C or better)";
      break;
    case Metric::ag_projected:
      d.measure = "would complete the " + sys + " A-G pattern if every course in progress is passed";
      break;
    case Metric::ag_on_track:
      d.measure = "on track for the UC A-G pattern for their grade (in-progress courses projected)";
      break;
    case Metric::missing:
      d.population += " with a UC weighted-capped GPA of " + gpa_text(options.missing_gpa) +
                      " or higher, at a school that offers AP";
      d.measure = "not enrolled in any AP course in " + year + " (ready, not enrolled)";
      break;
  }
  return d;
}

Status apply_gap_overrides(GapOptions& options, const std::map<std::string, std::string>& config) {
  GapOptions next = options;
  for (const auto& [key, value] : config) {
    Status st;
    if (key == "privacy.min_n") {
      st = parse_int_value(key, value, 1, 1000000, next.min_n);
    } else if (key == "privacy.top_code") {
      st = parse_bool_value(key, value, next.top_code);
    } else if (key.rfind("equity.", 0) != 0) {
      continue;  // not ours
    } else if (key == "equity.rr_low") {
      st = parse_double_value(key, value, 0.0, 100.0, next.rr_low);
    } else if (key == "equity.rr_high") {
      st = parse_double_value(key, value, 0.0, 100.0, next.rr_high);
    } else if (key == "equity.reference_group") {
      next.reference_group = trim_value(value);
    } else if (key == "equity.missing_gpa") {
      st = parse_double_value(key, value, 0.0, 6.0, next.missing_gpa);
    } else {
      return make_error(ErrorCode::kInvalidArgument, "unknown equity setting '" + key + "'");
    }
    if (!st.ok()) return st;
  }
  if (next.rr_low <= 0 || next.rr_low >= next.rr_high) {
    return make_error(ErrorCode::kInvalidArgument, "equity.rr_low must be above 0 and below equity.rr_high");
  }
  options = next;
  return Status::success();
}

}  // namespace agmon::core
