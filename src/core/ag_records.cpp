// Record preparation for the A-G evaluator: canonical order, term weights, grade bands and
// what each mark earns (ag-rules §1 counting unit, §2 window, §3 steps 2-3, R2-R4, R8).
#include <algorithm>
#include <cctype>
#include <numeric>
#include <tuple>

#include "ag_internal.h"

namespace agmon::core::ag_detail {
namespace {

// When a term ends within its school year, so records sort chronologically: fall quarter,
// fall trimester, first semester, winter, spring, then summer.
int term_end(std::string_view term) {
  if (term == "Q1") return 1;
  if (term == "T1") return 2;
  if (term == "S1" || term == "Q2") return 3;
  if (term == "Q3" || term == "T2") return 4;
  if (term == "S2" || term == "T3" || term == "Q4" || term == "FY") return 6;
  if (term == "SS") return 7;
  return 5;
}

auto sort_key(const CourseRecord& r) {
  return std::tie(r.school_year, r.school_code, r.course_id, r.term, r.mark, r.grade_level,
                  r.ag_area, r.title, r.honors, r.math_level, r.lote_language, r.lote_level,
                  r.hss_type, r.science_discipline, r.vpa_discipline, r.repeat_of_term, r.status,
                  r.source);
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Case-insensitive whole-word search ("ELD" matches "ELD 3", not "Fielding").
bool contains_word(std::string_view text, std::string_view word) {
  if (word.empty() || word.size() > text.size()) return false;
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    bool match = true;
    for (std::size_t k = 0; k < word.size() && match; ++k) {
      match = std::tolower(static_cast<unsigned char>(text[i + k])) ==
              std::tolower(static_cast<unsigned char>(word[k]));
    }
    if (!match) continue;
    bool left_ok = i == 0 || !is_word_char(text[i - 1]);
    bool right_ok = i + word.size() == text.size() || !is_word_char(text[i + word.size()]);
    if (left_ok && right_ok) return true;
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int find_or_add(std::vector<std::string>& table, std::string value) {
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i] == value) return static_cast<int>(i);
  }
  table.push_back(std::move(value));
  return static_cast<int>(table.size() - 1);
}

}  // namespace

std::string record_label(const CourseRecord& r) {
  return r.course_id + " " + r.term + " " + r.school_year;
}

PreparedSet prepare_records(const std::vector<CourseRecord>& records, const RuleSet& rules) {
  PreparedSet set;
  std::vector<std::pair<int, const CourseRecord*>> order;
  order.reserve(records.size());
  for (const CourseRecord& r : records) {
    int pos = school_year_start(r.school_year).value_or(0) * 16 + term_end(r.term);
    order.emplace_back(pos, &r);
  }
  std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    return sort_key(*x.second) < sort_key(*y.second);
  });

  set.recs.resize(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    Prepared& p = set.recs[i];
    const CourseRecord& r = *order[i].second;
    p.rec = &r;
    p.pos = order[i].first;
    p.year = p.pos / 16;
    p.mark = rules.marks.find(r.mark);
    p.has_area = r.ag_area.has_value();
    if (p.has_area) p.area = *r.ag_area;
    p.summer = r.term == "SS";
    p.college = is_college_course(r.honors);
    p.units = p.college ? rules.term_weights.college_units : rules.term_weights.units_for(r.term);
    p.withdrawn = r.status == "withdrawn" || (p.mark && p.mark->kind == MarkKind::kWithdrawn);
    p.in_progress = !p.withdrawn && (r.status == "in_progress" ||
                                     (p.mark && p.mark->kind == MarkKind::kInProgress));
    p.grade = r.grade_level;
    if (p.summer && rules.summer_grade_mapping == SummerGradeMapping::grade_entering && p.grade > 0) {
      --p.grade;  // the SIS stamps summer rows with the grade being entered (C11)
    }
    if (p.summer) {
      // Summer after 9th and after 10th count as 10th grade, after 11th as 11th (§2 step 1).
      p.gpa_band = p.grade == 9 || p.grade == 10 ? 10 : (p.grade >= 11 ? p.grade : 0);
    } else {
      p.gpa_band = p.grade >= 10 ? p.grade : 0;
    }
    p.middle_school = p.grade == 7 || p.grade == 8;
    bool too_young = p.grade >= 1 && p.grade <= 6;
    p.counts_for_area = p.has_area && !too_young &&
                        (!p.middle_school || p.area == Area::c || p.area == Area::e);
    if (p.has_area && p.area == Area::b) {
      for (const std::string& marker : rules.b_esl_title_markers) {
        if (contains_word(r.title, marker)) p.esl = true;
      }
    }
    if (p.has_area && p.area == Area::e) p.language = find_or_add(set.languages, lower(r.lote_language));
  }

  // Course groups (school_code, course_id), numbered in first-appearance order.
  std::vector<int> by_course(set.recs.size());
  std::iota(by_course.begin(), by_course.end(), 0);
  std::stable_sort(by_course.begin(), by_course.end(), [&](int a, int b) {
    const CourseRecord& x = *set.recs[a].rec;
    const CourseRecord& y = *set.recs[b].rec;
    return std::tie(x.school_code, x.course_id) < std::tie(y.school_code, y.course_id);
  });
  std::vector<int> group_of(set.recs.size(), 0);
  int groups = 0;
  for (std::size_t k = 0; k < by_course.size(); ++k) {
    const CourseRecord& cur = *set.recs[by_course[k]].rec;
    if (k > 0) {
      const CourseRecord& prev = *set.recs[by_course[k - 1]].rec;
      if (prev.school_code != cur.school_code || prev.course_id != cur.course_id) ++groups;
    }
    group_of[by_course[k]] = groups;
  }
  set.groups = set.recs.empty() ? 0 : groups + 1;
  for (std::size_t i = 0; i < set.recs.size(); ++i) set.recs[i].group = group_of[i];

  // f disciplines (or, under C13, the course itself: only a course's own semesters are
  // known to be sequential).
  std::vector<std::string> vpa_names;
  for (Prepared& p : set.recs) {
    if (!p.has_area || p.area != Area::f) continue;
    if (rules.f_require_sequential) {
      p.vpa = p.group;
    } else if (!p.rec->vpa_discipline.empty()) {
      p.vpa = find_or_add(vpa_names, lower(p.rec->vpa_discipline));
    }
  }
  set.vpa_keys = rules.f_require_sequential ? set.groups : static_cast<int>(vpa_names.size());
  return set;
}

Credit credit_of(const Prepared& p, const SystemRules& sys, const RuleSet& rules) {
  if (p.withdrawn) return Credit::skip;
  if (p.in_progress) return Credit::ip;
  if (!p.mark) return Credit::none;
  switch (p.mark->kind) {
    case MarkKind::kLetter:
      if (p.mark->letter == 'D' || p.mark->letter == 'F') return Credit::fail;
      if (p.mark->letter == 'C' && p.mark->modifier < 0 && !sys.accept_c_minus) return Credit::fail;
      return Credit::pass;
    case MarkKind::kPass: {
      // C19: a LOTE proficiency exemption is recorded as P with its own source.
      if (p.has_area && p.area == Area::e && !rules.lote_exemption_source.empty() &&
          lower(p.rec->source) == rules.lote_exemption_source) {
        return Credit::pass;
      }
      return sys.pnp_terms.count({p.year, p.rec->term}) ? Credit::pass : Credit::none;
    }
    case MarkKind::kInProgress: return Credit::ip;
    case MarkKind::kWithdrawn: return Credit::skip;
    case MarkKind::kNoPass:
    case MarkKind::kIncomplete: return Credit::none;
  }
  return Credit::none;
}

}  // namespace agmon::core::ag_detail
