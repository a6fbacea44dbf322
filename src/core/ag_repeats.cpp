// Repeats (R7, §8, C7) and same-course validation (R6, §3 step 4) for one system.
#include <cctype>

#include "ag_internal.h"

namespace agmon::core::ag_detail {
namespace {

bool deficient(Credit c) { return c == Credit::fail || c == Credit::none; }

// A repeat candidate must be an A-G record that is not VPA (f courses are never repeats:
// every grade counts) and not withdrawn.
bool repeatable(const Prepared& p, Credit c) {
  return p.has_area && p.area != Area::f && c != Credit::skip;
}

int chain_head(const RepeatLinks& links, int i) {
  while (links.replaced_by[i] != -1) i = links.replaced_by[i];
  return i;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace

RepeatLinks resolve_repeats(const PreparedSet& set, const std::vector<Credit>& credit) {
  const int n = static_cast<int>(set.recs.size());
  RepeatLinks links;
  links.target.assign(n, -1);
  links.replaces.assign(n, false);
  links.replaced_by.assign(n, -1);

  // Records of each course group in chronological order (recs are already sorted), laid out
  // flat: group g owns flat[offset[g] .. offset[g + 1]).
  std::vector<int> offset(static_cast<std::size_t>(set.groups) + 1, 0);
  for (int i = 0; i < n; ++i) {
    if (repeatable(set.recs[i], credit[i])) ++offset[set.recs[i].group + 1];
  }
  for (int g = 0; g < set.groups; ++g) offset[g + 1] += offset[g];
  std::vector<int> flat(static_cast<std::size_t>(offset[set.groups]));
  std::vector<int> fill(offset.begin(), offset.end() - 1);
  for (int i = 0; i < n; ++i) {
    if (repeatable(set.recs[i], credit[i])) flat[fill[set.recs[i].group]++] = i;
  }
  for (int g = 0; g < set.groups; ++g) {
    struct Span {
      const int* b;
      std::size_t n;
      std::size_t size() const { return n; }
      int operator[](std::size_t k) const { return b[k]; }
      int front() const { return b[0]; }
    } m{flat.data() + offset[g], static_cast<std::size_t>(offset[g + 1] - offset[g])};
    if (m.size() < 2) continue;
    // The first run of a course is its earliest school year's regular terms (or the summer,
    // if it was first taken in summer). Later records are repeats (§8).
    const Prepared& first = set.recs[m.front()];
    auto in_first_run = [&](const Prepared& p) {
      return p.year == first.year && p.summer == first.summer;
    };
    for (std::size_t k = 1; k < m.size(); ++k) {
      int r = m[k];
      const Prepared& rp = set.recs[r];
      int original = -1;
      bool ignore = false;
      if (!rp.rec->repeat_of_term.empty()) {
        // Explicit: the latest earlier record of that term (§3 step 1).
        for (std::size_t q = k; q-- > 0;) {
          if (iequals(set.recs[m[q]].rec->term, rp.rec->repeat_of_term)) {
            original = m[q];
            break;
          }
        }
        if (original == -1) continue;  // nothing to repeat: an ordinary record
        original = chain_head(links, original);
        ignore = !deficient(credit[original]);
      } else {
        if (in_first_run(rp)) continue;
        // The earliest deficient semester not yet repeated; if none, the earliest semester
        // (and the repeat is then ignored, R7).
        for (std::size_t q = 0; q < k && original == -1; ++q) {
          int c = m[q];
          bool is_head = links.replaced_by[c] == -1 && (links.target[c] == -1 || links.replaces[c]);
          if (is_head && deficient(credit[c])) original = c;
        }
        if (original == -1) {
          original = m.front();
          ignore = true;
        }
      }
      links.target[r] = original;
      links.replaces[r] = !ignore;
      if (!ignore) links.replaced_by[original] = r;
    }
  }
  return links;
}

SystemState system_state(const PreparedSet& set, const RuleSet& rules, AgSystem system) {
  const SystemRules& sys = rules.system(system);
  const int n = static_cast<int>(set.recs.size());
  SystemState st;
  st.credit.resize(n);
  for (int i = 0; i < n; ++i) st.credit[i] = credit_of(set.recs[i], sys, rules);
  st.links = resolve_repeats(set, st.credit);
  st.same_course_validator.assign(n, -1);
  st.same_course_validator_proj.assign(n, -1);

  // Same-course validation: a later term's pass of the same course in the same year
  // validates an earlier deficient term, in c, e and (C4) chemistry.
  for (int i = 0; i < n; ++i) {
    const Prepared& p = set.recs[i];
    if (st.credit[i] != Credit::fail || !p.counts_for_area || p.summer) continue;
    bool eligible = p.area == Area::c || p.area == Area::e ||
                    (p.area == Area::d && rules.chemistry_s2_validates_s1 &&
                     p.sci == kChem);
    if (!eligible) continue;
    for (int j = i + 1; j < n; ++j) {
      const Prepared& q = set.recs[j];
      if (q.year != p.year) break;
      if (q.group != p.group || q.summer || q.pos <= p.pos) continue;
      if (st.same_course_validator[i] == -1 && st.credit[j] == Credit::pass &&
          !dropped(st.links, st.credit, j, false)) {
        st.same_course_validator[i] = j;
      }
      if (st.same_course_validator_proj[i] == -1 &&
          (st.credit[j] == Credit::pass || st.credit[j] == Credit::ip) &&
          !dropped(st.links, st.credit, j, true)) {
        st.same_course_validator_proj[i] = j;
      }
    }
  }
  return st;
}

}  // namespace agmon::core::ag_detail
