// report_to_json: StudentReport -> the JSON of interfaces.md "The student report".
#include "agmon/core/report_json.h"

#include "agmon/core/json_writer.h"

namespace agmon::core {
namespace {

void write_areas(JsonWriter& w, const SystemResult& s) {
  w.key("areas").begin_object();
  for (Area a : kAllAreas) {
    const AreaProgress& p = s.area(a);
    char name[2] = {area_letter(a), '\0'};
    w.key(name).begin_object();
    w.key("required").compact(p.required);
    w.key("earned").compact(p.earned);
    w.key("in_progress").compact(p.in_progress);
    w.key("missing").compact(p.missing);
    w.end_object();
  }
  w.end_object();
}

void write_course(JsonWriter& w, const CourseOutcome& c) {
  w.begin_object();
  w.field("course_id", c.course_id);
  w.field("title", c.title);
  w.key("area");
  if (c.area) {
    char name[2] = {area_letter(*c.area), '\0'};
    w.value(std::string_view(name, 1));
  } else {
    w.null();
  }
  w.field("school_year", c.school_year);
  w.field("term", c.term);
  w.field("mark", c.mark);
  w.field("status", course_status_name(c.status));
  if (!c.validated_by.empty()) w.field("validated_by", c.validated_by);
  w.field("reason", c.reason);
  w.field("grade_level", c.grade_level);
  w.field("rigor", rigor_name(c.rigor));
  w.end_object();
}

}  // namespace

std::string report_to_json(const StudentReport& r, std::string_view alerts_json_array) {
  JsonWriter w;
  w.reserve(1024 + r.courses.size() * 220);
  w.begin_object();
  w.field("student_id", r.student_id);
  w.field("school_id", r.school_id);
  w.field("grade_level", r.grade_level);
  w.field("counselor_id", r.counselor_id);
  w.field("as_of_year", r.as_of_year);

  w.key("uc").begin_object();
  w.field("pattern_complete", r.uc.pattern_complete);
  w.field("eligible", r.uc.eligible);
  w.field("eleven_before_senior", r.uc.eleven_before_senior);
  write_areas(w, r.uc);
  w.key("gpa").begin_object();
  w.key("unweighted").fixed(r.uc.gpa_unweighted, 2);
  w.key("weighted_capped").fixed(r.uc.gpa_weighted_capped, 2);
  w.key("fully_weighted").fixed(r.uc.gpa_fully_weighted, 2);
  w.field("honors_semesters", r.uc.honors_semesters);
  w.end_object();
  w.field("pattern_complete_projected", r.uc.pattern_complete_projected);
  w.field("eligible_projected", r.uc.eligible_projected);
  w.field("eleven_before_senior_projected", r.uc.eleven_before_senior_projected);
  w.key("semesters_before_senior").compact(r.uc.semesters_before_senior);
  w.key("semesters_before_senior_projected").compact(r.uc.semesters_before_senior_projected);
  w.end_object();

  w.key("csu").begin_object();
  w.field("pattern_complete", r.csu.pattern_complete);
  w.field("eligible", r.csu.eligible);
  write_areas(w, r.csu);
  w.key("gpa").fixed(r.csu.gpa, 2);
  w.field("pattern_complete_projected", r.csu.pattern_complete_projected);
  w.field("eligible_projected", r.csu.eligible_projected);
  w.end_object();

  w.key("projected").begin_object();
  w.field("uc_pattern_complete", r.uc.pattern_complete_projected);
  w.field("csu_pattern_complete", r.csu.pattern_complete_projected);
  w.field("uc_eligible", r.uc.eligible_projected);
  w.field("csu_eligible", r.csu.eligible_projected);
  w.end_object();

  w.key("ap").begin_object();
  w.field("enrolled_this_year", r.ap_enrolled_this_year);
  w.field("completed", r.ap_completed);
  w.end_object();

  w.key("courses").begin_array();
  for (const CourseOutcome& c : r.courses) write_course(w, c);
  w.end_array();

  w.key("alerts").raw(alerts_json_array.empty() ? std::string_view("[]") : alerts_json_array);

  w.field("on_track", r.on_track);
  w.key("credited_semesters").compact(r.credited_semesters);
  w.key("projected_semesters").compact(r.projected_semesters);
  w.field("math_in_progress", r.math_in_progress);
  w.field("has_geometry", r.has_geometry);
  w.key("highest_math_level_credited").compact(r.highest_math_level_credited);
  w.end_object();
  return w.take();
}

}  // namespace agmon::core
