// Per-course outcomes of the student report: whether each record counts, and one sentence a
// counselor can act on ("D in S1; repeat it or validate it with a higher math course").
// Judged under the UC rules (the stricter system); CSU differences are named in the reason.
#include <initializer_list>
#include <string_view>

#include "ag_internal.h"

namespace agmon::core::ag_detail {
namespace {

const char* area_name(Area a) {
  switch (a) {
    case Area::a: return "history/social science (a)";
    case Area::b: return "English (b)";
    case Area::c: return "mathematics (c)";
    case Area::d: return "laboratory science (d)";
    case Area::e: return "language other than English (e)";
    case Area::f: return "visual and performing arts (f)";
    case Area::g: return "college-prep elective (g)";
  }
  return "";
}

// A passed, still-counting record that validates record i by level (R6): math level 3+
// validates level 1, level 4 validates level 3 (and, under C5, a deficient Geometry); a
// higher level of the same language validates every lower level. -1 if none.
int level_validator(const PreparedSet& set, const SystemState& st, const RuleSet& rules, int i) {
  const Prepared& p = set.recs[i];
  const CourseRecord& r = *p.rec;
  int needed = 0;
  if (p.area == Area::c) {
    if (r.math_level == 1) needed = 3;
    else if (r.math_level == 3) needed = 4;
    else if (r.math_level == 2 && rules.geometry_deficiency_by_level4) needed = 4;
    else return -1;
  } else if (p.area == Area::e) {
    if (r.lote_level <= 0) return -1;
    needed = r.lote_level + 1;
  } else {
    return -1;
  }
  for (int j = 0; j < static_cast<int>(set.recs.size()); ++j) {
    const Prepared& q = set.recs[j];
    if (!q.counts_for_area || q.area != p.area || st.credit[j] != Credit::pass) continue;
    if (dropped(st.links, st.credit, j, false)) continue;
    int level = p.area == Area::c ? q.rec->math_level : q.rec->lote_level;
    if (level < needed) continue;
    if (p.area == Area::e && q.language != p.language) continue;
    return j;
  }
  return -1;
}

const char* deficiency_advice(const Prepared& p, const RuleSet& rules) {
  const CourseRecord& r = *p.rec;
  if (p.area == Area::c && r.math_level == 2 && !rules.geometry_deficiency_by_level4) {
    return "repeat it (Geometry is only cleared by a repeat or C or better in its next semester)";
  }
  if (p.area == Area::c) return "repeat it or validate it with C or better in a higher-level math course";
  if (p.area == Area::e) return "repeat it or validate it with C or better in a higher level of the same language";
  return "repeat it or earn C or better in the next semester of the same course";
}

bool validatable(const Prepared& p, const RuleSet& rules) {
  return p.area == Area::c || p.area == Area::e ||
         (p.area == Area::d && rules.chemistry_s2_validates_s1 && p.sci == kChem);
}

// out = the pieces joined, with one allocation.
void cat(std::string& out, std::initializer_list<std::string_view> pieces) {
  std::size_t n = 0;
  for (std::string_view piece : pieces) n += piece.size();
  out.clear();
  out.reserve(n);
  for (std::string_view piece : pieces) out.append(piece);
}

std::string label(const CourseRecord& r) {
  std::string s;
  cat(s, {r.course_id, " ", r.term, " ", r.school_year});
  return s;
}

void judge(const PreparedSet& set, const SystemState& uc, const SystemState& csu,
           const RuleSet& rules, int i, CourseOutcome& o) {
  const Prepared& p = set.recs[i];
  const CourseRecord& r = *p.rec;
  const std::string_view mark = r.mark.empty() ? std::string_view("IP") : std::string_view(r.mark);
  if (p.withdrawn) {
    o.status = CourseStatus::not_ag;
    o.reason = "Withdrawn: not counted.";
    return;
  }
  if (!p.has_area) {
    o.status = CourseStatus::not_ag;
    cat(o.reason, {"Not on the school's A-G course list for ", r.school_year, "."});
    return;
  }
  if (!p.counts_for_area) {
    o.status = CourseStatus::not_ag;
    o.reason = p.middle_school ? "7th/8th-grade courses count only for mathematics (c) and language (e)."
                               : "Taken before 7th grade: not counted for A-G.";
    return;
  }
  const RepeatLinks& links = uc.links;
  if (links.target[i] != -1 && !links.replaces[i]) {
    o.status = CourseStatus::repeated;
    cat(o.reason, {"Repeats ", label(*set.recs[links.target[i]].rec), ", already passed: this grade is not used."});
    return;
  }
  std::string pending;
  if (links.replaced_by[i] != -1) {
    const CourseRecord& by = *set.recs[links.replaced_by[i]].rec;
    if (dropped(links, uc.credit, i, false)) {
      o.status = CourseStatus::repeated;
      cat(o.reason, {mark, " replaced by the repeat ", label(by), ": no longer counted or in the GPA."});
      return;
    }
    cat(pending, {" A repeat is in progress (", label(by), ")."});
  }
  const std::string_view area = area_name(p.area);
  switch (uc.credit[i]) {
    case Credit::skip:
      o.status = CourseStatus::not_ag;
      o.reason = "Withdrawn: not counted.";
      return;
    case Credit::ip:
      o.status = CourseStatus::in_progress;
      cat(o.reason, {"In progress: counts toward ", area, " once passed with ",
                     rules.uc.accept_c_minus ? "C- " : "C ", "or better."});
      return;
    case Credit::pass: {
      o.status = CourseStatus::counted;
      if (p.mark && p.mark->kind == MarkKind::kPass) {
        cat(o.reason, {"Pass grade accepted for ", area, " (pass/no-pass window or exemption); not in the GPA."});
      } else if (p.middle_school) {
        cat(o.reason, {"Counts toward ", area, " (7th/8th grade, C or better); not in the GPA."});
      } else if (p.college) {
        cat(o.reason, {"College course: counts as a full year toward ", area, "."});
      } else if (p.gpa_band == 0 && p.grade == 9) {
        cat(o.reason, {"Counts toward ", area, "; 9th-grade grades are not in the GPA."});
      } else {
        cat(o.reason, {"Counts toward ", area, "."});
      }
      return;
    }
    case Credit::fail: {
      int v = uc.same_course_validator[i];
      if (v == -1) v = level_validator(set, uc, rules, i);
      if (v != -1) {
        o.status = CourseStatus::validated;
        o.validated_by = label(*set.recs[v].rec);
        cat(o.reason, {mark, " in ", r.term, " ", r.school_year, " validated by ", o.validated_by,
                       ": subject credit only; the ", mark, " stays in the GPA."});
        return;
      }
      bool c_minus = p.mark && p.mark->letter == 'C';
      std::string_view lead = c_minus ? " is below the UC minimum of C (it counts for CSU)" : " earns no A-G credit";
      if (validatable(p, rules)) {
        o.status = CourseStatus::needs_validation;
        cat(o.reason, {mark, " in ", r.term, " ", r.school_year, lead, ": ", deficiency_advice(p, rules), ".", pending});
      } else {
        o.status = CourseStatus::below_c;
        cat(o.reason, {mark, " in ", r.term, " ", r.school_year, lead, ": repeat the course with ",
                       rules.uc.accept_c_minus ? "C-" : "C", " or better.", pending});
      }
      return;
    }
    case Credit::none: {
      o.status = CourseStatus::below_c;
      std::string_view why;
      if (!p.mark) {
        cat(o.reason, {"Mark '", r.mark, "' is not in the district's mark table: no credit.", pending});
        return;
      }
      if (p.mark->kind == MarkKind::kPass) {
        why = csu.credit[i] == Credit::pass
                  ? "Pass grade counts for CSU (inside its pass/no-pass window) but not for UC."
                  : "Pass grade outside the 2020-21 pass/no-pass window: no A-G credit; a letter grade is needed.";
      } else if (p.mark->kind == MarkKind::kIncomplete) {
        why = "Incomplete: no credit until a grade is posted.";
      } else {
        why = "No Pass: no A-G credit; repeat the course.";
      }
      cat(o.reason, {why, pending});
      return;
    }
  }
}

}  // namespace

std::vector<CourseOutcome> course_outcomes(const PreparedSet& set, const SystemState& uc,
                                           const SystemState& csu, const RuleSet& rules) {
  std::vector<CourseOutcome> out(set.recs.size());
  for (std::size_t i = 0; i < set.recs.size(); ++i) {
    const CourseRecord& r = *set.recs[i].rec;
    CourseOutcome& o = out[i];
    o.course_id = r.course_id;
    o.title = r.title;
    o.area = r.ag_area;
    o.school_year = r.school_year;
    o.term = r.term;
    o.mark = r.mark;
    o.grade_level = r.grade_level;
    o.rigor = r.honors;
    judge(set, uc, csu, rules, static_cast<int>(i), o);
  }
  return out;
}

}  // namespace agmon::core::ag_detail
