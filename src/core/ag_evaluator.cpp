// evaluate(): ties the evaluator's steps together (ag-rules §3): prepare records, resolve
// repeats and validation per system, area credit for the current / projected / before-senior
// views, GPAs, eligibility, on-track (§9) and the per-course list.
#include "agmon/core/ag_evaluator.h"

#include <algorithm>
#include <set>

#include "ag_internal.h"

namespace agmon::core {
namespace {

using namespace ag_detail;

double semesters(int units) { return static_cast<double>(units) / kUnitsPerSemester; }

void fill_areas(SystemResult& out, const SystemRules& sys, const ViewResult& cur,
                const ViewResult& proj) {
  for (Area a : kAllAreas) {
    int k = static_cast<int>(a);
    int required = sys.required_units[k];
    int earned = std::min(cur.credit[k], required);
    int projected = std::max(earned, std::min(proj.credit[k], required));
    AreaProgress& p = out.area(a);
    p.required = semesters(required);
    p.earned = semesters(earned);
    p.in_progress = semesters(projected - earned);
    p.missing = semesters(std::max(0, required - projected));
  }
  out.pattern_complete = cur.pattern_complete;
  out.pattern_complete_projected = proj.pattern_complete;
}

// §9: projected credit against the expectation for the student's current grade. Outside
// grades 9-12 there is no expectation, so nobody there is off track.
bool on_track(const RuleSet& rules, int grade, const ViewResult& uc_proj, const ViewResult& uc_b11p) {
  const OnTrackRules& t = rules.on_track;
  switch (grade) {
    case 9:
      return uc_proj.total >= t.grade9_units &&
             uc_proj.credit[static_cast<int>(Area::b)] >= t.grade9_b_units &&
             uc_proj.credit[static_cast<int>(Area::c)] >= t.grade9_c_units;
    case 10: return uc_proj.total >= t.grade10_units;
    case 11: return uc_b11p.total >= t.grade11_units;
    case 12: return t.grade12_full_pattern ? uc_proj.pattern_complete : uc_proj.total >= t.grade12_units;
    default: return true;
  }
}

}  // namespace

StudentReport evaluate(const Student& student, const std::vector<CourseRecord>& records,
                       const RuleSet& rules, const std::string& as_of_year) {
  const PreparedSet set = prepare_records(records, rules);
  const SystemState uc = system_state(set, rules, AgSystem::uc);
  const SystemState csu = system_state(set, rules, AgSystem::csu);
  const ViewResult uc_cur = evaluate_view(set, uc, rules, {AgSystem::uc, false, false});
  const ViewResult uc_proj = evaluate_view(set, uc, rules, {AgSystem::uc, true, false});
  const ViewResult uc_b11 = evaluate_view(set, uc, rules, {AgSystem::uc, false, true});
  const ViewResult uc_b11p = evaluate_view(set, uc, rules, {AgSystem::uc, true, true});
  const ViewResult csu_cur = evaluate_view(set, csu, rules, {AgSystem::csu, false, false});
  const ViewResult csu_proj = evaluate_view(set, csu, rules, {AgSystem::csu, true, false});
  const GpaResult uc_gpa = compute_gpa(set, uc, rules, AgSystem::uc);
  const GpaResult csu_gpa = compute_gpa(set, csu, rules, AgSystem::csu);

  StudentReport rep;
  rep.student_id = student.student_id;
  rep.school_id = student.school_code;
  rep.grade_level = student.grade_number();
  rep.counselor_id = student.counselor_id;
  rep.as_of_year = as_of_year;

  UcResult& u = rep.uc;
  fill_areas(u, rules.uc, uc_cur, uc_proj);
  u.semesters_before_senior = semesters(uc_b11.total);
  u.semesters_before_senior_projected = semesters(std::max(uc_b11.total, uc_b11p.total));
  u.eleven_before_senior = uc_b11.total >= rules.eleven_before_senior_units;
  u.eleven_before_senior_projected = std::max(uc_b11.total, uc_b11p.total) >= rules.eleven_before_senior_units;
  u.gpa_unweighted = uc_gpa.unweighted;
  u.gpa_weighted_capped = uc_gpa.weighted_capped;
  u.gpa_fully_weighted = uc_gpa.fully_weighted;
  u.honors_semesters = uc_gpa.honors_semesters;
  // UC: pattern + 11 before senior year + weighted-capped GPA minimum (§3 step 7).
  u.eligible = u.pattern_complete && u.eleven_before_senior && uc_gpa.meets_minimum;
  u.eligible_projected = u.pattern_complete_projected && u.eleven_before_senior_projected &&
                         uc_gpa.meets_minimum;

  CsuResult& c = rep.csu;
  fill_areas(c, rules.csu, csu_cur, csu_proj);
  c.gpa = csu_gpa.weighted_capped;
  c.eligible = c.pattern_complete && csu_gpa.meets_minimum;
  c.eligible_projected = c.pattern_complete_projected && csu_gpa.meets_minimum;

  rep.credited_semesters = semesters(uc_cur.total);
  rep.projected_semesters = semesters(std::max(uc_cur.total, uc_proj.total));
  rep.on_track = on_track(rules, rep.grade_level, uc_proj, uc_b11p);
  rep.has_geometry = uc_proj.geometry_units > 0;
  rep.highest_math_level_credited = uc_cur.highest_math_level;

  // AP and math this year: distinct courses, so a year course's two semesters count once.
  std::set<std::pair<std::string, std::string>> ap_now, ap_done;
  for (std::size_t i = 0; i < set.recs.size(); ++i) {
    const Prepared& p = set.recs[i];
    const CourseRecord& r = *p.rec;
    bool this_year = r.school_year == as_of_year;
    if (r.honors == Rigor::ap && this_year && !p.withdrawn) ap_now.emplace(r.school_code, r.course_id);
    if (r.honors == Rigor::ap && uc.credit[i] == Credit::pass && !dropped(uc.links, uc.credit, i, false)) {
      ap_done.emplace(r.school_code, r.course_id);
    }
    if (this_year && p.has_area && p.area == Area::c && uc.credit[i] == Credit::ip) rep.math_in_progress = true;
  }
  rep.ap_enrolled_this_year = static_cast<int>(ap_now.size());
  rep.ap_completed = static_cast<int>(ap_done.size());
  rep.courses = course_outcomes(set, uc, csu, rules);
  return rep;
}

}  // namespace agmon::core
