// Catalog join: course marks + school catalog -> CourseRecords for the evaluator.
#include "agmon/core/catalog.h"

#include <cstdlib>

namespace agmon::core {
namespace {

std::string catalog_key(std::string_view school, std::string_view course) {
  std::string key;
  key.reserve(school.size() + course.size() + 1);
  key.append(school);
  key.push_back('\x1f');
  key.append(course);
  return key;
}

std::string derive_status(const CourseMark& mark) {
  if (!mark.status.empty()) return mark.status;
  if (mark.mark.empty() || mark.mark == "IP") return "in_progress";
  if (mark.mark == "W") return "withdrawn";
  return "completed";
}

}  // namespace

Catalog::Catalog(std::vector<Course> courses) : courses_(std::move(courses)) {
  for (std::size_t i = 0; i < courses_.size(); ++i) {
    by_key_[catalog_key(courses_[i].school_code, courses_[i].local_course_id)].push_back(i);
  }
}

const Course* Catalog::find(std::string_view school_code, std::string_view course_id,
                            std::string_view school_year, CatalogYearMatch match) const {
  auto it = by_key_.find(catalog_key(school_code, course_id));
  if (it == by_key_.end()) return nullptr;
  const Course* blank = nullptr;
  const Course* nearest = nullptr;
  int nearest_distance = 0;
  int nearest_year = 0;
  auto target = school_year_start(school_year);
  for (std::size_t idx : it->second) {
    const Course& c = courses_[idx];
    if (c.academic_year == school_year) return &c;  // the year's own row wins (R1)
    if (c.academic_year.empty()) {
      blank = &c;
      continue;
    }
    auto year = school_year_start(c.academic_year);
    if (!year || !target) continue;
    int distance = std::abs(*year - *target);
    // Nearest year; on a tie the earlier year (the list the student could have seen).
    if (!nearest || distance < nearest_distance ||
        (distance == nearest_distance && *year < nearest_year)) {
      nearest = &c;
      nearest_distance = distance;
      nearest_year = *year;
    }
  }
  if (blank) return blank;
  return match == CatalogYearMatch::nearest_year ? nearest : nullptr;
}

int derive_grade_level(const Student& student, const CourseMark& mark, std::string_view as_of_year) {
  if (mark.grade_level_taken > 0) return mark.grade_level_taken;
  int current = student.grade_number();
  auto now = school_year_start(as_of_year);
  auto then = school_year_start(mark.academic_year);
  if (current <= 0 || !now || !then) return 0;
  int grade = current - (*now - *then);
  return grade > 0 ? grade : 0;
}

CourseRecord make_record(const Student& student, const CourseMark& mark, const Course* course,
                         std::string_view as_of_year) {
  CourseRecord r;
  r.course_id = mark.local_course_id;
  r.school_code = mark.school_code;
  if (course) {
    r.title = course->course_title;
    r.ag_area = course->ag_area;
    r.honors = course->rigor;
    r.math_level = course->math_level;
    r.lote_language = course->lote_language;
    r.lote_level = course->lote_level;
    r.hss_type = course->hss_type;
    r.science_discipline = course->science_discipline;
    r.vpa_discipline = course->vpa_discipline;
  } else {
    r.title = mark.local_course_id;
  }
  // Transfer or articulated credit: the mark's own area wins (formats.md course_marks.csv).
  if (mark.ag_area_override) r.ag_area = mark.ag_area_override;
  r.grade_level = derive_grade_level(student, mark, as_of_year);
  r.school_year = mark.academic_year;
  r.term = mark.term_code;
  r.mark = mark.mark;
  r.repeat_of_term = mark.repeat_of_term;
  r.status = derive_status(mark);
  r.source = mark.source;
  return r;
}

std::vector<CourseRecord> resolve_records(const Student& student,
                                          const std::vector<CourseMark>& marks,
                                          const Catalog& catalog, std::string_view as_of_year,
                                          CatalogYearMatch match) {
  std::vector<CourseRecord> out;
  out.reserve(marks.size());
  for (const CourseMark& m : marks) {
    const Course* c = catalog.find(m.school_code, m.local_course_id, m.academic_year, match);
    out.push_back(make_record(student, m, c, as_of_year));
  }
  return out;
}

std::vector<CourseRecord> resolve_records(const Student& student,
                                          const std::vector<CourseMark>& marks,
                                          const std::vector<Course>& catalog,
                                          std::string_view as_of_year, CatalogYearMatch match) {
  return resolve_records(student, marks, Catalog(catalog), as_of_year, match);
}

}  // namespace agmon::core
