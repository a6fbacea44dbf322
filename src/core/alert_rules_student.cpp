// Student alert rules (equity.md §4, audience: the student's counselor): what holds for one
// evaluation. Messages name courses and areas, never the student.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "agmon/core/alert_rules.h"

namespace agmon::core {
namespace {

constexpr double kEpsilon = 1e-9;  // GPAs and semesters are stored rounded; compare with slack

std::string fixed2(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

// Semesters: 18 -> "18", 18.6667 -> "18.67" (trimesters give thirds).
std::string semesters(double x) {
  std::string s = fixed2(x);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

class Collector {
 public:
  explicit Collector(const StudentReport& r) : report_(r) {}
  void add(AlertKind kind, std::string detail, std::string message) {
    AlertFinding f;
    f.kind = kind;
    f.audience = std::string(kAudienceCounselor);
    f.school = report_.school_id;
    f.counselor = report_.counselor_id;
    f.student_id = report_.student_id;
    f.identity = std::string(alert_kind_name(kind)) + "|" + report_.student_id + "|" + detail;
    f.detail = std::move(detail);
    f.message = std::move(message);
    out_.push_back(std::move(f));
  }
  std::vector<AlertFinding> take() { return std::move(out_); }

 private:
  const StudentReport& report_;
  std::vector<AlertFinding> out_;
};

// A D or F letter, with or without +/- (marks are stored upper case). below_c also covers
// C- (when UC wants C), NP, P outside the window and I: those are not "D or F" (§4).
bool d_or_f(const std::string& mark) {
  if (mark.empty() || (mark[0] != 'D' && mark[0] != 'F')) return false;
  return mark.size() == 1 || (mark.size() == 2 && (mark[1] == '+' || mark[1] == '-'));
}

void df_unvalidated(const StudentReport& r, Collector& c) {
  for (const CourseOutcome& course : r.courses) {
    bool uncleared = course.status == CourseStatus::needs_validation || course.status == CourseStatus::below_c;
    if (!uncleared || !course.area || !d_or_f(course.mark)) continue;
    char area = area_letter(*course.area);
    std::string name = course.title.empty() ? course.course_id : course.title;
    std::string tail = r.uc.area(*course.area).met()
                           ? "area " + std::string(1, area) + " is met, but the grade stays in the GPA unless repeated."
                           : "needed for area " + std::string(1, area) + ".";
    c.add(AlertKind::ag_df_unvalidated, course.course_id + " " + course.term + " " + course.school_year,
          name + " " + course.term + " (" + course.school_year + "): " + course.mark +
              ", not yet repeated or validated — " + tail);
  }
}

bool math_this_year(const StudentReport& r) {
  if (r.math_in_progress) return true;
  if (r.as_of_year.empty()) return false;
  for (const CourseOutcome& course : r.courses) {
    // Any c record this year that was not withdrawn (status not_ag covers "W").
    if (course.area == Area::c && course.school_year == r.as_of_year && course.mark != "W" &&
        course.status != CourseStatus::not_ag) {
      return true;
    }
  }
  return false;
}

void senior_short(const StudentReport& r, Collector& c) {
  std::string areas, listed;
  for (Area a : kAllAreas) {
    const AreaProgress& p = r.uc.area(a);
    if (p.missing <= kEpsilon) continue;
    if (!areas.empty()) {
      areas += ",";
      listed += ", ";
    }
    areas += area_letter(a);
    listed += std::string(1, area_letter(a)) + " (" + semesters(p.missing) + " semester" +
              (std::abs(p.missing - 1) < kEpsilon ? "" : "s") + ")";
  }
  std::string where = listed.empty() ? "." : " in area" + std::string(areas.size() > 1 ? "s " : " ") + listed + ".";
  c.add(AlertKind::ag_senior_short, areas,
        "Even if every course in progress is passed, the UC A-G pattern stays short" + where);
}

void gpa_risk(const StudentReport& r, const AlertThresholds& t, Collector& c) {
  if (!r.on_track) return;
  const auto& uc = r.uc.gpa_weighted_capped;
  if (uc && *uc < t.gpa_uc_min - kEpsilon) {
    c.add(AlertKind::ag_gpa_risk, "uc",
          "On track for the A-G pattern, but the UC weighted-capped GPA is " + fixed2(*uc) +
              ", under the UC minimum of " + fixed2(t.gpa_uc_min) + ".");
  }
  const auto& csu = r.csu.gpa;
  if (csu && *csu < t.gpa_csu_min - kEpsilon) {
    c.add(AlertKind::ag_gpa_risk, "csu",
          "On track for the A-G pattern, but the CSU GPA is " + fixed2(*csu) + ", under the CSU minimum of " +
              fixed2(t.gpa_csu_min) + ".");
  }
}

void status_changed(const StudentReport& r, const StudentAlertContext& ctx, Collector& c) {
  struct Flag {
    const char* detail;
    bool before;
    bool now;
    const char* what;
  };
  PreviousStatus prev = ctx.previous.value_or(PreviousStatus{});
  const Flag flags[] = {
      {"uc_pattern", prev.uc_complete_projected, r.uc.pattern_complete_projected,
       "The UC A-G pattern was projected complete and no longer is"},
      {"csu_pattern", prev.csu_complete_projected, r.csu.pattern_complete_projected,
       "The CSU A-G pattern was projected complete and no longer is"},
      {"on_track", prev.on_track, r.on_track, "The student was on track for A-G and no longer is"},
  };
  bool uc_fired = false;
  for (const Flag& f : flags) {
    bool flipped = ctx.previous && f.before && !f.now;
    bool still_open = contains(ctx.open_status_changes, f.detail) && !f.now;
    if (!flipped && !still_open) continue;
    // For a senior "on track" is the full pattern: one alert for one event.
    if (std::string(f.detail) == "on_track" && uc_fired) continue;
    if (std::string(f.detail) == "uc_pattern") uc_fired = true;
    c.add(AlertKind::ag_status_changed, f.detail,
          std::string(f.what) + "; tell the family and document the support offered.");
  }
}

}  // namespace

std::vector<AlertFinding> student_alerts(const StudentReport& r, const StudentAlertContext& ctx,
                                         const AlertThresholds& t) {
  Collector c(r);
  const int grade = r.grade_level;
  df_unvalidated(r, c);
  if (grade >= 9 && grade <= t.off_track_max_grade && !r.on_track) {
    c.add(AlertKind::ag_off_track, "",
          "Projected " + semesters(r.projected_semesters) + " credited A-G semesters, below the on-track "
          "expectation for grade " + std::to_string(grade) + ".");
  }
  if (grade >= 9 && grade <= 11 && !math_this_year(r)) {
    c.add(AlertKind::ag_no_math, r.as_of_year,
          "No math (area c) course this year" + (r.as_of_year.empty() ? "" : " (" + r.as_of_year + ")") + ".");
  }
  if (grade == 11 && r.uc.semesters_before_senior_projected < t.eleven_min - kEpsilon) {
    c.add(AlertKind::ag_eleven_at_risk, "",
          "Projected " + semesters(r.uc.semesters_before_senior_projected) +
              " A-G semesters before senior year; UC requires " + semesters(t.eleven_min) + " (11 courses).");
  }
  if (grade == 12 && !r.uc.pattern_complete_projected) senior_short(r, c);
  if ((grade == 11 || grade == 12) && r.highest_math_level_credited >= 3 && !r.has_geometry) {
    c.add(AlertKind::ag_geometry_missing, "",
          "Math credit at Algebra 2 level or above but no Geometry; area c requires geometry content.");
  }
  gpa_risk(r, t, c);
  const auto& gpa = r.uc.gpa_weighted_capped;
  if (grade >= 10 && grade <= 12 && ctx.school_offers_ap && r.ap_enrolled_this_year == 0 && gpa &&
      *gpa >= t.gpa_ready - kEpsilon) {
    c.add(AlertKind::ap_ready_not_enrolled, r.as_of_year,
          "UC weighted-capped GPA " + fixed2(*gpa) + " and no AP course this year, while the school offers AP.");
  }
  status_changed(r, ctx, c);

  std::vector<AlertFinding> out = c.take();
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const AlertFinding& f) {
                             return std::find(t.disabled.begin(), t.disabled.end(), f.kind) != t.disabled.end();
                           }),
            out.end());
  std::stable_sort(out.begin(), out.end(), [](const AlertFinding& a, const AlertFinding& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.detail < b.detail;
  });
  return out;
}

}  // namespace agmon::core
