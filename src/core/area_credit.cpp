// Area credit for one view of a transcript (ag-rules §3 step 5-6): the a-g formulas for UC
// and CSU, validation by level, excess a-f rolling into g, and the pattern check.
// All counts are in units (1/12 semester). "Actual" semesters were passed; "validated"
// ones were cleared by validation and never overflow into g.
#include <algorithm>

#include "ag_internal.h"

namespace agmon::core::ag_detail {
namespace {

constexpr int kLevels = 9;  // math levels 0..4, LOTE levels 0..8 (0 = not given)

struct AreaOut {
  int credit = 0;     // capped at the requirement
  int validated = 0;  // part of credit that was validated, not passed
  int overflow = 0;   // actual high-school semesters this area does not use
};

struct LevelBuckets {
  std::array<int, kLevels> act{}, val{}, hs{};
};

// Caps an area at its requirement; `validated` of the credit was not passed; everything
// actual that the capped credit does not use overflows.
AreaOut finish(int credit, int validated, int actual_total, int required) {
  AreaOut out;
  out.credit = std::min(credit, required);
  out.validated = std::min(validated, out.credit);
  out.overflow = std::max(0, actual_total - (out.credit - out.validated));
  return out;
}

// US history slot shared by UC and CSU: 2 of US, or 1 of US + 1 of civics/government.
int us_slot(int us, int civics, int* civics_used) {
  int us_used = std::min(2 * kS, us);
  *civics_used = us_used > 0 ? std::min({civics, kS, 2 * kS - us_used}) : 0;
  return us_used;
}

// A fixed-size array that lives inline up to N elements (the usual case: a student studies
// one or two languages and a few arts), else on the heap. Zero-initialised.
template <typename T, std::size_t N>
class SmallArray {
 public:
  void resize(std::size_t n) {
    size_ = n;
    if (n > N) heap_.assign(n, T{});
  }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return size_ > N ? heap_[i] : inline_[i]; }
  const T& operator[](std::size_t i) const { return size_ > N ? heap_[i] : inline_[i]; }
  const T* begin() const { return size_ > N ? heap_.data() : inline_.data(); }
  const T* end() const { return begin() + size_; }

 private:
  std::array<T, N> inline_{};
  std::vector<T> heap_;
  std::size_t size_ = 0;
};

struct Buckets {
  // a: by hss_type; "other" = a-area course with no or another type (fills any free slot).
  int world = 0, us = 0, civics = 0, a_other = 0;
  int b_regular = 0, b_esl = 0;
  LevelBuckets c;
  bool geometry_deficient = false;  // a level-2 semester failed and not validated (C5)
  int highest_math = 0;
  std::array<int, kSciCount> d_act{}, d_val{};
  SmallArray<LevelBuckets, 4> e;  // per language
  SmallArray<int, 8> f;            // per VPA discipline (C13: per course)
  int f_unclassified = 0;
  int g = 0, g_social = 0;
  std::array<int, kSciCount> g_sci{};
};

AreaOut area_a(const Buckets& b, bool uc, int required, int* g_consumed) {
  int total = b.world + b.us + b.civics + b.a_other;
  int civ = 0;
  int us = us_slot(b.us, b.civics, &civ);
  if (uc) {
    // min(2, world) + US slot; unclassified a courses fill what is left.
    int world = std::min(2 * kS, b.world);
    int other_world = std::min(b.a_other, 2 * kS - world);
    int other_us = std::min(b.a_other - other_world, 2 * kS - us - civ);
    int credit = world + other_world + us + civ + other_us;
    return finish(credit, 0, total, required);
  }
  // CSU: US slot + a second year from leftover a first, then g social science.
  int other_us = std::min(b.a_other, 2 * kS - us - civ);
  int slot = us + civ + other_us;
  int leftover = total - slot;
  int from_a = std::min(2 * kS, leftover);
  int from_g = std::min(2 * kS - from_a, b.g_social);
  AreaOut out;
  out.credit = std::min(required, slot + from_a + from_g);
  int a_used = std::min(out.credit, slot + from_a);
  *g_consumed += out.credit - a_used;
  out.overflow = total - a_used;
  return out;
}

AreaOut area_b(const Buckets& b, const RuleSet& rules, int required) {
  // Regular English first; ESL/ELD up to its cap (C15) and never into g.
  int regular = std::min(b.b_regular, required);
  int esl = std::min({b.b_esl, rules.b_esl_max_units, required - regular});
  AreaOut out;
  out.credit = regular + esl;
  out.overflow = b.b_regular - regular;
  return out;
}

// Unused actual semesters per level, counting middle-school ones as used first (they can
// only ever count for their own area, R8).
int overflow_of(const LevelBuckets& l, const std::array<int, kLevels>& used) {
  int sum = 0;
  for (int k = 0; k < kLevels; ++k) sum += std::min(l.hs[k], l.act[k] - used[k]);
  return sum;
}

AreaOut area_c(const Buckets& b, const RuleSet& rules, int required, int* geometry) {
  const LevelBuckets& l = b.c;
  std::array<int, kLevels> used{};
  bool pass_ge3 = l.act[3] + l.act[4] > 0;
  bool pass4 = l.act[4] > 0;
  // One slot of 2 semesters per level, actual first, then same-course validated, then the
  // validation fill a higher course gives.
  auto slot = [&](int level, bool fill) {
    int a = std::min(2 * kS, l.act[level]);
    int v = std::min(2 * kS - a, l.val[level]);
    used[level] += a;
    return fill ? 2 * kS : a + v;
  };
  int s1 = slot(1, pass_ge3);  // level 3+ validates Algebra 1
  int s2 = slot(2, rules.geometry_deficiency_by_level4 && b.geometry_deficient && pass4);
  int s3 = slot(3, pass4);     // level 4 validates Algebra 2; nothing validates a missing Geometry
  // Level 4 fills what Algebra 2 left of the third slot.
  int rest = 2 * kS - s3;
  int a4 = std::min(rest, l.act[4]);
  int v4 = std::min(rest - a4, l.val[4]);
  used[4] += a4;
  s3 += a4 + v4;
  // Level not given: fills any free slot, validates nothing.
  int free = 6 * kS - s1 - s2 - s3;
  int a0 = std::min(free, l.act[0]);
  int v0 = std::min(free - a0, l.val[0]);
  used[0] += a0;
  *geometry = s2;
  int credit = s1 + s2 + s3 + a0 + v0;
  int actual_used = used[0] + used[1] + used[2] + used[3] + used[4];
  AreaOut out;
  out.credit = std::min(credit, required);
  out.validated = out.credit - std::min(actual_used, out.credit);
  out.overflow = overflow_of(l, used);
  return out;
}

AreaOut area_d_uc(const Buckets& b, const RuleSet& rules, int required) {
  int total_act = 0;
  for (int v : b.d_act) total_act += v;
  std::array<int, 3> core = {b.d_act[kBio] + b.d_val[kBio], b.d_act[kChem] + b.d_val[kChem],
                             b.d_act[kPhys] + b.d_val[kPhys]};
  std::array<int, 3> idx = {0, 1, 2};
  std::stable_sort(idx.begin(), idx.end(), [&](int x, int y) { return core[x] > core[y]; });
  int other = b.d_act[kEarth] + b.d_act[kInter];
  // min(2, best core) + min(2, max(2nd core, earth/space + interdisciplinary)).
  int slot_a = std::min(2 * kS, core[idx[0]]);
  int core_b = std::min(2 * kS, core[idx[1]]);
  int other_b = std::min(2 * kS, other);
  int slot_b = std::max(core_b, other_b);
  int chem_used = (idx[0] == kChem ? slot_a : 0) + (idx[1] == kChem && core_b >= other_b ? core_b : 0);
  // C14 = 2: an integrated program may fill both years.
  if (rules.d_uc_ess_interdisciplinary_max_years >= 2 && std::min(4 * kS, other) > slot_a + slot_b) {
    slot_a = std::min(2 * kS, other);
    slot_b = std::min(4 * kS, other) - slot_a;
    chem_used = 0;
  }
  int credit = slot_a + slot_b;
  credit += std::min(4 * kS - credit, b.d_act[kUnclassified]);
  int validated_used = std::max(0, chem_used - b.d_act[kChem]);
  return finish(credit, validated_used, total_act, required);
}

AreaOut area_d_csu(const Buckets& b, int required, int* g_consumed) {
  int total_act = 0;
  for (int v : b.d_act) total_act += v;
  int bio = b.d_act[kBio] + b.d_val[kBio];
  int phys_act = b.d_act[kChem] + b.d_act[kPhys] + b.d_act[kEarth];
  int phys = phys_act + b.d_val[kChem] + b.d_val[kPhys] + b.d_val[kEarth];
  int inter = b.d_act[kInter] + b.d_act[kUnclassified];
  // One year biological + one year physical; interdisciplinary fills either.
  auto fill_both = [](int x, int y, int flex, int* from_y) {
    int to_x = std::min(flex, std::max(0, 2 * kS - x));
    int sx = std::min(2 * kS, x + to_x);
    int sy = std::min(2 * kS, y + std::min(flex - to_x, std::max(0, 2 * kS - y)));
    *from_y = std::min(2 * kS, y);
    return sx + sy;
  };
  int phys_used = 0;
  int best = fill_both(bio, phys, inter, &phys_used);
  int consumed = 0;
  // One year may come from g-area science instead, if the other year comes from d.
  int g_bio = std::min(2 * kS, b.g_sci[kBio] + b.g_sci[kInter]);
  int g_phys = std::min(2 * kS, b.g_sci[kChem] + b.g_sci[kPhys] + b.g_sci[kEarth] + b.g_sci[kInter]);
  int d_phys = std::min(2 * kS, phys + inter);
  int d_bio = std::min(2 * kS, bio + inter);
  if (d_phys > 0 && g_bio > 0 && d_phys + g_bio > best) {
    best = d_phys + g_bio;
    consumed = g_bio;
    phys_used = std::min(2 * kS, phys);
  }
  if (d_bio > 0 && g_phys > 0 && d_bio + g_phys > best) {
    best = d_bio + g_phys;
    consumed = g_phys;
    phys_used = 0;
  }
  AreaOut out;
  out.credit = std::min(required, best);
  int from_d = std::min(out.credit, best - consumed);
  *g_consumed += out.credit - from_d;
  out.validated = std::min(from_d, std::max(0, phys_used - phys_act));
  out.overflow = std::max(0, total_act - (from_d - out.validated));
  return out;
}

struct LanguageCredit {
  int credit = 0;
  int raw = 0;  // uncapped: 2(h-1) + min(2, at h) + level-not-given semesters
  int actual_used = 0;
  std::array<int, kLevels> used{};
};

LanguageCredit language_credit(const LevelBuckets& l, int required) {
  LanguageCredit out;
  int h = 0;
  for (int k = 1; k < kLevels; ++k) {
    if (l.act[k] + l.val[k] > 0) h = k;
  }
  // Levels below the highest are validated in full (Spanish 3 alone gives 3 years).
  std::array<int, kLevels> slot{}, act_in_slot{};
  for (int k = 1; k <= h; ++k) {
    act_in_slot[k] = std::min(2 * kS, l.act[k]);
    slot[k] = k < h ? 2 * kS : std::min(2 * kS, l.act[k] + l.val[k]);
  }
  slot[0] = l.act[0] + l.val[0];
  act_in_slot[0] = l.act[0];
  int remaining = required;
  for (int k : {1, 2, 3, 4, 5, 6, 7, 8, 0}) {
    out.raw += slot[k];
    int take = std::min(remaining, slot[k]);
    out.used[k] = std::min(take, act_in_slot[k]);
    out.actual_used += out.used[k];
    remaining -= take;
  }
  out.credit = required - remaining;
  return out;
}

AreaOut area_e(const Buckets& b, bool uc, int required) {
  int best = -1;
  LanguageCredit best_credit;
  for (std::size_t i = 0; i < b.e.size(); ++i) {
    LanguageCredit lc = language_credit(b.e[i], required);
    if (best == -1 || lc.credit > best_credit.credit ||
        (lc.credit == best_credit.credit && lc.actual_used > best_credit.actual_used)) {
      best = static_cast<int>(i);
      best_credit = lc;
    }
  }
  AreaOut out;
  if (best == -1) return out;
  out.credit = best_credit.credit;
  out.validated = best_credit.credit - best_credit.actual_used;
  for (std::size_t i = 0; i < b.e.size(); ++i) {
    const LevelBuckets& l = b.e[i];
    if (static_cast<int>(i) == best) {
      if (uc) {
        out.overflow += overflow_of(l, best_credit.used);
      } else {
        // CSU: only the 3rd+ year of the e language goes to g.
        for (int k = 3; k < kLevels; ++k) out.overflow += std::min(l.hs[k], l.act[k] - best_credit.used[k]);
      }
      continue;
    }
    std::array<int, kLevels> none{};
    // CSU: another language counts for g only with 2 years of it.
    if (uc || language_credit(l, 4 * kS).raw >= 4 * kS) out.overflow += overflow_of(l, none);
  }
  return out;
}

AreaOut area_f(const Buckets& b, int required) {
  int best = 0, total = b.f_unclassified;
  for (int v : b.f) {
    best = std::max(best, v);
    total += v;
  }
  // One discipline (C13: one course); unclassified VPA joins any discipline.
  int credit = std::min(2 * kS, best + b.f_unclassified);
  return finish(credit, 0, total, required);
}

}  // namespace

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
