// Area credit for one view of a transcript (ag-rules §3 step 5-6): fills the buckets from the
// records in play, applies the a-f formulas (area_formulas.cpp), rolls every excess into g and
// checks the pattern.
#include <algorithm>

#include "area_buckets.h"

namespace agmon::core::ag_detail {

ViewResult evaluate_view(const PreparedSet& set, const SystemState& state, const RuleSet& rules,
                         const View& view) {
  const SystemRules& sys = rules.system(view.system);
  const bool uc = view.system == AgSystem::uc;
  Buckets b;
  b.e.resize(set.languages.size());
  b.f.resize(static_cast<std::size_t>(set.vpa_keys));
  const int n = static_cast<int>(set.recs.size());
  for (int i = 0; i < n; ++i) {
    const Prepared& p = set.recs[i];
    if (!p.counts_for_area) continue;
    if (view.before_senior && p.grade > 11) continue;
    Credit c = state.credit[i];
    if (c == Credit::skip || dropped(state.links, state.credit, i, view.projected)) continue;
    bool actual = c == Credit::pass || (view.projected && c == Credit::ip);
    bool validated = false;
    if (c == Credit::fail) {
      int v = view.projected ? state.same_course_validator_proj[i] : state.same_course_validator[i];
      validated = v != -1 && (!view.before_senior || set.recs[v].grade <= 11);
    }
    if (p.area == Area::c && p.math_level == 2 && c == Credit::fail && !validated) {
      b.geometry_deficient = true;
    }
    if (!actual && !validated) continue;
    const int u = p.units;
    const int hs = p.middle_school ? 0 : u;
    switch (p.area) {
      case Area::a:
        if (p.hss == kWorld) b.world += u;
        else if (p.hss == kUs) b.us += u;
        else if (p.hss == kCivics) b.civics += u;
        else b.a_other += u;
        break;
      case Area::b:
        if (p.esl) {
          if (!(rules.b_esl_not_in_senior_year && p.grade == 12)) b.b_esl += u;
        } else {
          b.b_regular += u;
        }
        break;
      case Area::c: {
        int level = p.math_level;
        (actual ? b.c.act : b.c.val)[level] += u;
        if (actual) {
          b.c.hs[level] += hs;
          b.highest_math = std::max(b.highest_math, level);
        }
        break;
      }
      case Area::d: {
        (actual ? b.d_act : b.d_val)[p.sci] += u;
        break;
      }
      case Area::e: {
        LevelBuckets& l = b.e[p.language];
        int level = p.lote_level;
        (actual ? l.act : l.val)[level] += u;
        if (actual) l.hs[level] += hs;
        break;
      }
      case Area::f:
        if (!actual) break;
        if (p.vpa >= 0) b.f[p.vpa] += u;
        else b.f_unclassified += u;
        break;
      case Area::g:
        if (!actual) break;
        b.g += u;
        if (p.has_science) b.g_sci[p.sci] += u;
        else if (p.has_hss) b.g_social += u;
        break;
    }
  }

  int g_consumed = 0;
  std::array<AreaOut, 7> out{};
  int geometry = 0;
  out[0] = area_a(b, uc, sys.required(Area::a), &g_consumed);
  out[1] = area_b(b, rules, sys.required(Area::b));
  out[2] = area_c(b, rules, sys.required(Area::c), &geometry);
  out[3] = uc ? area_d_uc(b, rules, sys.required(Area::d))
              : area_d_csu(b, sys.required(Area::d), &g_consumed);
  out[4] = area_e(b, uc, sys.required(Area::e));
  out[5] = area_f(b, sys.required(Area::f));
  // g: unused g courses plus every a-f excess (S7 "roll over any excess a-f courses").
  int overflow = 0, validated_in_use = 0;
  for (int k = 0; k < 6; ++k) {
    overflow += out[k].overflow;
    validated_in_use += out[k].validated;
  }
  int g_pool = std::max(0, b.g - g_consumed);
  int g_credit = std::min(sys.required(Area::g), g_pool + overflow);
  out[6].credit = g_credit;

  ViewResult res;
  bool all_met = true;
  for (int k = 0; k < 7; ++k) {
    res.credit[k] = out[k].credit;
    res.total += out[k].credit;
    all_met = all_met && out[k].credit >= sys.required_units[k];
  }
  if (!rules.validated_semesters_count_for_15_and_11) {
    // C9 off: validated semesters do not count toward the 15 courses / 11 before senior
    // year; spare actual courses beyond the pattern may stand in for them.
    int spare = g_pool + overflow - g_credit;
    res.total = res.total - validated_in_use + std::min(validated_in_use, spare);
  }
  res.pattern_complete = all_met && res.total >= sys.total_required_units();
  res.geometry_units = geometry;
  res.highest_math_level = b.highest_math;
  return res;
}

}  // namespace agmon::core::ag_detail
