// The a-f credit formulas of ag-rules §3 step 5 for UC and CSU: US history slot, validation
// by level, the science and language rules, and what each area leaves over for g.
#include <algorithm>

#include "area_buckets.h"

namespace agmon::core::ag_detail {
namespace {

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

// Unused actual semesters per level, counting middle-school ones as used first (they can
// only ever count for their own area, R8).
int overflow_of(const LevelBuckets& l, const std::array<int, kLevels>& used) {
  int sum = 0;
  for (int k = 0; k < kLevels; ++k) sum += std::min(l.hs[k], l.act[k] - used[k]);
  return sum;
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

}  // namespace

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

}  // namespace agmon::core::ag_detail
