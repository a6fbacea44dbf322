// Record preparation for the A-G evaluator: canonical order, term weights, grade bands and
// what each mark earns (ag-rules §1 counting unit, §2 window, §3 steps 2-3, R2-R4, R8).
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <tuple>

#include "ag_internal.h"

namespace agmon::core::ag_detail {
namespace {

// When a term ends within its school year, so records sort chronologically: fall quarter,
// fall trimester, first semester, winter, spring, then summer. Unknown codes sit mid-year.
int term_end(std::string_view term) {
  if (term.size() != 2) return 5;
  char a = term[0], b = term[1];
  if (a == 'S') return b == '1' ? 3 : b == '2' ? 6 : b == 'S' ? 7 : 5;
  if (a == 'Q') return b == '1' ? 1 : b == '2' ? 3 : b == '3' ? 4 : b == '4' ? 6 : 5;
  if (a == 'T') return b == '1' ? 2 : b == '2' ? 4 : b == '3' ? 6 : 5;
  if (a == 'F' && b == 'Y') return 6;
  return 5;
}

// ASCII lower case without a libc call (codes and keywords here are ASCII).
char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  }
  return true;
}

Hss hss_kind(std::string_view t) {
  if (iequals(t, "world_history")) return kWorld;
  if (iequals(t, "us_history")) return kUs;
  if (iequals(t, "civics")) return kCivics;
  return kHssOther;
}

Sci science_class(std::string_view d) {
  if (d.empty()) return kUnclassified;
  if (iequals(d, "biology") || iequals(d, "life_science")) return kBio;
  if (iequals(d, "chemistry")) return kChem;
  if (iequals(d, "physics")) return kPhys;
  if (iequals(d, "earth_space") || iequals(d, "physical_science")) return kEarth;
  if (iequals(d, "computer_science") || iequals(d, "engineering")) return kCsEng;
  return kInter;
}

// Ties after (year, course, term end): every remaining field, so the order is total.
auto sort_key(const CourseRecord& r) {
  return std::tie(r.course_id, r.school_code, r.school_year, r.term, r.mark, r.grade_level,
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
      match = lower_ascii(text[i + k]) == lower_ascii(word[k]);
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

// The first 8 bytes of a string packed big-endian: comparing two packs orders like comparing
// the strings' first 8 bytes, so most comparisons never reach memcmp.
std::uint64_t pack8(std::string_view s) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    v = (v << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  }
  return v;
}

int find_or_add(std::vector<std::string>& table, std::string value) {
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i] == value) return static_cast<int>(i);
  }
  table.push_back(std::move(value));
  return static_cast<int>(table.size() - 1);
}

}  // namespace

PreparedSet prepare_records(const std::vector<CourseRecord>& records, const RuleSet& rules) {
  PreparedSet set;
  struct Order {
    int year;
    std::uint64_t course;  // pack8(course_id): orders most courses without memcmp
    int pos;
    const CourseRecord* rec;
  };
  std::vector<Order> order;
  order.reserve(records.size());
  for (const CourseRecord& r : records) {
    int year = school_year_start(r.school_year).value_or(0);
    order.push_back({year, pack8(r.course_id), year * 16 + term_end(r.term), &r});
  }
  // Canonical order, as a transcript reads: school year, course, term in time order, then
  // every other field, so the input order never matters. Each course's records are thus in
  // time order, and a school year's records are contiguous.
  std::sort(order.begin(), order.end(), [](const Order& x, const Order& y) {
    if (x.year != y.year) return x.year < y.year;
    if (x.course != y.course) return x.course < y.course;
    if (x.rec == y.rec) return false;  // std::sort compares an element with itself
    int c = x.rec->course_id.compare(y.rec->course_id);
    if (c != 0) return c < 0;
    c = x.rec->school_code.compare(y.rec->school_code);
    if (c != 0) return c < 0;
    if (x.pos != y.pos) return x.pos < y.pos;
    return sort_key(*x.rec) < sort_key(*y.rec);
  });

  // Marks repeat a lot within a transcript; look each distinct one up once.
  std::vector<std::pair<std::string_view, std::optional<MarkInfo>>> marks;

  set.recs.resize(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    Prepared& p = set.recs[i];
    const CourseRecord& r = *order[i].rec;
    p.rec = &r;
    p.pos = order[i].pos;
    p.year = p.pos / 16;
    auto known = std::find_if(marks.begin(), marks.end(), [&](const auto& m) { return m.first == r.mark; });
    if (known == marks.end()) {
      marks.emplace_back(r.mark, rules.marks.find(r.mark));
      known = marks.end() - 1;
    }
    p.mark = known->second;
    p.has_area = r.ag_area.has_value();
    if (p.has_area) p.area = *r.ag_area;
    p.summer = r.term == std::string_view("SS");
    p.college = is_college_course(r.honors);
    p.units = p.college ? rules.term_weights.college_units : rules.term_weights.units_for(r.term);
    p.withdrawn = r.status == std::string_view("withdrawn") || (p.mark && p.mark->kind == MarkKind::kWithdrawn);
    p.in_progress = !p.withdrawn && (r.status == std::string_view("in_progress") ||
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
    p.hss = hss_kind(r.hss_type);
    p.has_hss = !r.hss_type.empty();
    p.sci = science_class(r.science_discipline);
    p.has_science = !r.science_discipline.empty();
    p.math_level = std::clamp(r.math_level, 0, 4);
    p.lote_level = std::clamp(r.lote_level, 0, 8);
  }

  // Course groups (school_code, course_id), numbered in canonical first appearance. A
  // transcript has a few dozen courses, so a linear scan with packed prefixes is fastest.
  struct GroupKey {
    std::uint64_t course;
    std::size_t course_size;
    const CourseRecord* rec;
  };
  std::vector<GroupKey> keys;
  for (std::size_t i = 0; i < set.recs.size(); ++i) {
    const CourseRecord& r = *set.recs[i].rec;
    std::uint64_t course = order[i].course;
    int g = -1;
    for (std::size_t k = 0; k < keys.size() && g == -1; ++k) {
      if (keys[k].course == course && keys[k].course_size == r.course_id.size() &&
          keys[k].rec->course_id == r.course_id && keys[k].rec->school_code == r.school_code) {
        g = static_cast<int>(k);
      }
    }
    if (g == -1) {
      g = static_cast<int>(keys.size());
      keys.push_back({course, r.course_id.size(), &r});
    }
    set.recs[i].group = g;
  }
  set.groups = static_cast<int>(keys.size());

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
