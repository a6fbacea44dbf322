// Subgroup alert rules (equity.md §4, audience: administrators), read from gap tables. A
// suppressed row carries no figures, so no rule can fire for it; top-coded rows carry no rate.
#include <algorithm>
#include <cstdio>

#include "agmon/core/alert_rules.h"

namespace agmon::core {
namespace {

constexpr double kEpsilon = 1e-9;

std::string pct(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * rate);
  return buf;
}

std::string fixed(double x, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::string metric_words(const MetricSpec& spec) {
  std::string sys = spec.system == System::csu ? " (CSU)" : " (UC)";
  switch (spec.metric) {
    case Metric::ap: return "AP enrollment";
    case Metric::ag: return "A-G completion" + sys;
    case Metric::ag_projected: return "projected A-G completion" + sys;
    case Metric::ag_on_track: return "A-G on-track rate";
    case Metric::missing: return "share of AP-ready students not in AP";
  }
  return "";
}

const GapRow* find_row(const GapTable& table, const std::string& group) {
  for (const GapRow& r : table.groups) {
    if (r.group == group) return &r;
  }
  return nullptr;
}

bool same_table_kind(const GapTable& a, const GapTable& b) {
  return a.metric.metric == b.metric.metric && metric_key(a.metric) == metric_key(b.metric) &&
         a.grouping == b.grouping && a.school == b.school;
}

class Collector {
 public:
  explicit Collector(const GapTable& t) : table_(t) {}
  void add(AlertKind kind, const GapRow& row, std::string detail, const std::string& what) {
    AlertFinding f;
    f.kind = kind;
    f.audience = std::string(kAudienceAdministrator);
    f.school = table_.school.value_or("");
    f.grouping = std::string(grouping_name(table_.grouping));
    f.group = row.group;
    f.metric = metric_key(table_.metric);
    f.identity = std::string(alert_kind_name(kind)) + "|" + (table_.school ? *table_.school : "*") + "|" +
                 f.grouping + "|" + f.group + "|" + f.metric;
    f.detail = std::move(detail);
    std::string where = table_.school ? " at school " + *table_.school : " across all schools";
    f.message = group_label(table_.grouping, row.group) + ": " + what + " in " + table_.year + where + ".";
    out_.push_back(std::move(f));
  }
  std::vector<AlertFinding> take() { return std::move(out_); }

 private:
  const GapTable& table_;
  std::vector<AlertFinding> out_;
};

}  // namespace

std::vector<AlertFinding> subgroup_alerts(const GapTable& current, const GapTable* previous,
                                          bool school_offers_ap, const AlertThresholds& t) {
  Collector c(current);
  const Metric metric = current.metric.metric;
  const std::string words = metric_words(current.metric);
  const std::string all_rate = current.all_rate ? pct(*current.all_rate) : "";
  bool use_previous = previous && same_table_kind(current, *previous);

  for (const GapRow& row : current.groups) {
    if (row.suppressed || !row.rate) continue;  // hidden or top-coded: never an alert
    if (metric == Metric::ap && row.representation_index && *row.representation_index < t.ri_under - kEpsilon) {
      c.add(AlertKind::gap_ap_underrepresented, row, "RI " + fixed(*row.representation_index, 3),
            words + " " + pct(*row.rate) + " against " + all_rate + " for all students (representation index " +
                fixed(*row.representation_index, 3) + ")");
    }
    if ((metric == Metric::ag || metric == Metric::ag_on_track) && row.gap_pp &&
        *row.gap_pp <= t.gap_ag_pp + kEpsilon) {
      c.add(AlertKind::gap_ag_completion, row, fixed(*row.gap_pp, 2) + " pp",
            words + " " + pct(*row.rate) + " against " + all_rate + " for all students (" + fixed(*row.gap_pp, 2) +
                " percentage points)");
    }
    if (use_previous && row.gap_pp) {
      const GapRow* before = find_row(*previous, row.group);
      if (before && !before->suppressed && before->gap_pp) {
        double change = *row.gap_pp - *before->gap_pp;
        double worse = higher_is_better(metric) ? -change : change;
        if (worse >= t.widening_pp - kEpsilon) {
          c.add(AlertKind::gap_widening, row, fixed(*before->gap_pp, 2) + " -> " + fixed(*row.gap_pp, 2) + " pp",
                "the " + words + " gap against all students went from " + fixed(*before->gap_pp, 2) + " pp in " +
                    previous->year + " to " + fixed(*row.gap_pp, 2) + " pp");
        }
      }
    }
    if (metric == Metric::ap && school_offers_ap && row.n && *row.n >= current.min_n && row.count &&
        *row.count == 0) {
      c.add(AlertKind::gap_zero_access, row, "0 of " + std::to_string(*row.n),
            "none of the " + std::to_string(*row.n) + " students is enrolled in AP, though AP is offered");
    }
  }

  std::vector<AlertFinding> out = c.take();
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const AlertFinding& f) {
                             return std::find(t.disabled.begin(), t.disabled.end(), f.kind) != t.disabled.end();
                           }),
            out.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const AlertFinding& a, const AlertFinding& b) { return a.kind < b.kind; });
  return out;
}

}  // namespace agmon::core
