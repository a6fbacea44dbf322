// The human form of a student report: what a counselor reads in a terminal.
#include <cstdio>
#include <sstream>

#include "agmon/service/student_report.h"

namespace agmon::service {
namespace {

std::string num(double v) {
  char buf[16];
  if (v == static_cast<long>(v)) std::snprintf(buf, sizeof buf, "%ld", static_cast<long>(v));
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string gpa(const std::optional<double>& g) {
  if (!g) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", *g);
  return buf;
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string lpad(const std::string& s, size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

}  // namespace

std::string student_view_text(const StudentView& view) {
  const auto& r = view.report;
  std::ostringstream out;
  out << "student " << r.student_id << "  school " << r.school_id << "  grade " << r.grade_level;
  if (!r.counselor_id.empty()) out << "  counselor " << r.counselor_id;
  out << "  as of " << r.as_of_year << "\n\n";
  out << "area  " << pad("UC: req earned in-prog missing", 34) << "CSU: req earned in-prog missing\n";
  for (auto area : core::kAllAreas) {
    const auto& u = r.uc.area(area);
    const auto& c = r.csu.area(area);
    auto cells = [](const core::AreaProgress& p) {
      return lpad(num(p.required), 8) + lpad(num(p.earned), 7) + lpad(num(p.in_progress), 8) +
             lpad(num(p.missing), 8) + (p.met() ? "  ok" : "    ");
    };
    out << "  " << core::area_letter(area) << "   " << pad(cells(u), 34) << cells(c) << "\n";
  }
  out << "\nUC:  pattern complete " << yes_no(r.uc.pattern_complete) << " (projected "
      << yes_no(r.uc.pattern_complete_projected) << "), 11 before senior year "
      << yes_no(r.uc.eleven_before_senior) << " (" << num(r.uc.semesters_before_senior)
      << " semesters), eligible " << yes_no(r.uc.eligible) << "\n";
  out << "     GPA unweighted " << gpa(r.uc.gpa_unweighted) << ", weighted-capped "
      << gpa(r.uc.gpa_weighted_capped) << ", fully weighted " << gpa(r.uc.gpa_fully_weighted)
      << " (" << r.uc.honors_semesters << " honors semesters)\n";
  out << "CSU: pattern complete " << yes_no(r.csu.pattern_complete) << " (projected "
      << yes_no(r.csu.pattern_complete_projected) << "), GPA " << gpa(r.csu.gpa) << ", eligible "
      << yes_no(r.csu.eligible) << "\n";
  out << "AP:  " << r.ap_enrolled_this_year << " this year, " << r.ap_completed << " completed; on track: "
      << yes_no(r.on_track) << "\n";
  bool header = false;
  for (const auto& c : r.courses) {
    if (c.status != core::CourseStatus::needs_validation && c.status != core::CourseStatus::below_c)
      continue;
    if (!header) out << "\ncourses needing attention:\n";
    header = true;
    out << "  " << c.course_id << " " << c.title << " " << c.term << " " << c.school_year << ": "
        << (c.mark.empty() ? "-" : c.mark) << " (" << core::course_status_name(c.status) << ")";
    if (!c.reason.empty()) out << " - " << c.reason;
    out << "\n";
  }
  if (!view.alerts.empty()) {
    out << "\nalerts:\n";
    for (const auto& a : view.alerts)
      out << "  #" << a.alert_id << " " << a.kind << " (" << a.status << " since "
          << a.opened_at.substr(0, 10) << "): " << a.message << "\n";
  }
  return out.str();
}

}  // namespace agmon::service
