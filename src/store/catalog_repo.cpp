#include "agmon/store/catalog_repo.h"

namespace agmon::store {

std::vector<CatalogCourseRow> CatalogRepo::courses() {
  auto st = db_.prepare(
      "SELECT school_code, local_course_id, academic_year, course_title, ag_area, "
      "rigor, transcript_abbrev FROM main.courses");
  std::vector<CatalogCourseRow> out;
  while (st.step())
    out.push_back({st.str(0), st.str(1), st.str(2), st.str(3), st.str(4), st.str(5), st.str(6)});
  return out;
}

void CatalogRepo::apply_crosswalk(const std::vector<CourseCrosswalk>& changes) {
  if (changes.empty()) return;
  auto update = db_.prepare(
      "UPDATE main.courses SET ag_area = ?1, rigor = ?2 WHERE school_code = ?3 "
      "AND local_course_id = ?4 AND academic_year = ?5");
  db_.exec("DROP TABLE IF EXISTS temp.crosswalked_courses");
  db_.exec(
      "CREATE TEMP TABLE crosswalked_courses (school_code TEXT, local_course_id TEXT, "
      "PRIMARY KEY (school_code, local_course_id)) WITHOUT ROWID");
  auto changed = db_.prepare("INSERT OR IGNORE INTO temp.crosswalked_courses VALUES (?1, ?2)");
  for (const auto& c : changes) {
    update.bind(1, c.ag_area).bind(2, c.rigor).bind(3, c.school_code);
    update.bind(4, c.local_course_id).bind(5, c.academic_year).run();
    changed.bind(1, c.school_code).bind(2, c.local_course_id).run();
  }
  // Everyone who took a changed course, in one pass over the marks (course_marks has no index
  // by course: a statement per course would read every mark once per course).
  db_.exec(
      "INSERT OR IGNORE INTO touched_students SELECT DISTINCT m.student_id FROM "
      "main.course_marks m JOIN temp.crosswalked_courses c ON c.school_code = m.school_code "
      "AND c.local_course_id = m.local_course_id");
  db_.exec("DROP TABLE temp.crosswalked_courses");
}

}  // namespace agmon::store
