// RuleSet defaults: the UC and CSU rules of ag-rules.md as data, with every §4 switch at its
// default ("default first" column). Config overrides live in rule_overrides.cpp.
#include "agmon/core/rule_set.h"

#include <numeric>

namespace agmon::core {
namespace {

constexpr int kSem = kUnitsPerSemester;

// C10 P/NP windows mapped to our term codes. A school year's S1/T1/Q1/Q2 are fall, T2/Q3
// winter, S2/T3/Q4 and FY end in spring, SS is the summer after the school year.
//   UC  [S6]: winter, spring, summer, fall 2020 and spring, summer 2021.
//   CSU [S11]: winter through fall 2020 and winter through summer 2021.
// A semester S2 of 2020-2021 runs through spring 2021, so it is in both windows; UC leaves
// out only the pure winter-2021 terms (T2, Q3 of 2020-2021).
std::set<TermKey> uc_pnp_terms() {
  return {{2019, "S2"}, {2019, "FY"}, {2019, "T2"}, {2019, "T3"}, {2019, "Q3"}, {2019, "Q4"},
          {2019, "SS"}, {2020, "S1"}, {2020, "S2"}, {2020, "FY"}, {2020, "T1"}, {2020, "T3"},
          {2020, "Q1"}, {2020, "Q2"}, {2020, "Q4"}, {2020, "SS"}};
}

std::set<TermKey> csu_pnp_terms() {
  std::set<TermKey> terms = uc_pnp_terms();
  terms.insert({2020, "T2"});
  terms.insert({2020, "Q3"});
  return terms;
}

}  // namespace

int SystemRules::total_required_units() const {
  return std::accumulate(required_units.begin(), required_units.end(), 0);
}

int TermWeights::units_for(std::string_view term) const {
  // Index into kTerms (S1 S2 FY T1 T2 T3 Q1 Q2 Q3 Q4 SS) without string compares: this runs
  // for every record of every evaluation.
  int idx = -1;
  if (term.size() == 2) {
    char a = term[0], b = term[1];
    if (a == 'S') idx = b == '1' ? 0 : b == '2' ? 1 : b == 'S' ? 10 : -1;
    else if (a == 'F' && b == 'Y') idx = 2;
    else if (a == 'T' && b >= '1' && b <= '3') idx = 3 + (b - '1');
    else if (a == 'Q' && b >= '1' && b <= '4') idx = 6 + (b - '1');
  }
  return idx < 0 ? kUnitsPerSemester : units[static_cast<std::size_t>(idx)];
}

RuleSet RuleSet::defaults() {
  RuleSet r;
  // Areas a..g in semesters: 2 yr history, 4 yr English, 3 yr math, 2 yr science, 2 yr LOTE,
  // 1 yr VPA, 1 yr elective (ag-rules §1) - the same counts for UC and CSU.
  r.uc.required_units = {4 * kSem, 8 * kSem, 6 * kSem, 4 * kSem, 4 * kSem, 2 * kSem, 2 * kSem};
  r.csu.required_units = r.uc.required_units;
  r.uc.accept_c_minus = true;  // C1
  r.csu.accept_c_minus = true;
  r.uc.max_honors_units = 8 * kSem;
  r.uc.max_honors_units_grade10 = 4 * kSem;
  r.csu.max_honors_units = 8 * kSem;
  r.csu.max_honors_units_grade10 = 2 * kSem;  // C2
  r.uc.college_gpa_weight = 1;
  r.csu.college_gpa_weight = 2;  // C3
  r.uc.min_gpa_hundredths = 300;
  r.uc.min_gpa_nonresident_hundredths = 340;
  r.csu.min_gpa_hundredths = 250;
  r.csu.min_gpa_nonresident_hundredths = 300;
  r.uc.pnp_terms = uc_pnp_terms();
  r.csu.pnp_terms = csu_pnp_terms();
  r.b_esl_title_markers = {"ESL", "ELD", "English Language Development"};
  return r;
}

int RuleSet::min_gpa_hundredths(AgSystem s) const {
  const SystemRules& sys = system(s);
  return residency == Residency::resident ? sys.min_gpa_hundredths
                                          : sys.min_gpa_nonresident_hundredths;
}

}  // namespace agmon::core
