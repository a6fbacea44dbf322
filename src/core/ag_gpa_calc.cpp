// The UC and CSU GPA of one transcript (ag-rules §2): 10th-11th grade A-G letter grades,
// repeats resolved (R7, C7, C8), validated D/F kept (R6), honors points capped.
#include <cmath>

#include "ag_internal.h"
#include "agmon/core/gpa.h"

namespace agmon::core::ag_detail {
namespace {

constexpr std::int64_t kGpaPerUnit = kGpaUnitsPerGrade / kUnitsPerSemester;

bool honors_letter(const MarkInfo& m) { return m.letter == 'A' || m.letter == 'B' || m.letter == 'C'; }

}  // namespace

GpaResult compute_gpa(const PreparedSet& set, const SystemState& state, const RuleSet& rules,
                      AgSystem system) {
  const SystemRules& sys = rules.system(system);
  const bool csu = system == AgSystem::csu;
  const bool keep_both = csu && rules.csu_repeat_rule == CsuRepeatRule::keep_both;
  const bool average = rules.multiple_repeats == MultipleRepeats::average && !keep_both;
  const int max_band = csu && rules.csu_gpa_include_completed_12th ? 12 : 11;

  auto in_window = [&](const Prepared& p) {
    return p.has_area && !p.withdrawn && !p.in_progress && p.mark &&
           p.mark->kind == MarkKind::kLetter && p.gpa_band >= 10 && p.gpa_band <= max_band;
  };

  GpaTally tally;
  const int n = static_cast<int>(set.recs.size());
  for (int i = 0; i < n; ++i) {
    const Prepared& p = set.recs[i];
    if (!in_window(p)) continue;
    // A repeated D/F leaves the GPA once the repeat has a grade; a repeat of a passed
    // semester is not used. CSU "keep both" (C8) keeps every attempt.
    if (!keep_both && dropped(state.links, state.credit, i, false)) continue;
    std::int64_t weight = p.college ? static_cast<std::int64_t>(sys.college_gpa_weight) * kGpaUnitsPerGrade
                                    : static_cast<std::int64_t>(p.units) * kGpaPerUnit;
    // +1 per A/B/C semester in an approved honors course; D/F earn none (§2 step 4).
    bool honors = earns_honors_point(p.rec->honors) && honors_letter(*p.mark) &&
                  state.credit[i] == Credit::pass;
    std::int64_t honors_weight = honors ? weight : 0;
    std::int64_t points = p.mark->grade_points;
    std::int64_t attempts = 1;
    if (average) {
      // C7 "average": the chain of attempts counts as one grade with the mean points.
      for (int j = i; state.links.target[j] != -1 && state.links.replaces[j];) {
        j = state.links.target[j];
        if (!in_window(set.recs[j])) continue;
        points += set.recs[j].mark->grade_points;
        ++attempts;
      }
    }
    tally.add_weighted(weight * points / attempts, weight, honors_weight, p.gpa_band);
  }

  GpaResult out;
  const std::int64_t cap_total = static_cast<std::int64_t>(sys.max_honors_units) * kGpaPerUnit;
  const std::int64_t cap10 = static_cast<std::int64_t>(sys.max_honors_units_grade10) * kGpaPerUnit;
  GpaFraction capped = tally.weighted_capped(cap_total, cap10);
  out.unweighted = gpa_value(tally.unweighted(), rules.gpa_rounding);
  out.weighted_capped = gpa_value(capped, rules.gpa_rounding);
  out.fully_weighted = gpa_value(tally.fully_weighted(), rules.gpa_rounding);
  out.meets_minimum = gpa_at_least(capped, rules.min_gpa_hundredths(system));
  out.honors_semesters = static_cast<int>(
      std::llround(static_cast<double>(tally.capped_honors(cap_total, cap10)) / kGpaUnitsPerGrade));
  return out;
}

}  // namespace agmon::core::ag_detail
