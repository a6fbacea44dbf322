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
  auto update = db_.prepare(
      "UPDATE main.courses SET ag_area = ?1, rigor = ?2 WHERE school_code = ?3 "
      "AND local_course_id = ?4 AND academic_year = ?5");
  auto touch = db_.prepare(
      "INSERT OR IGNORE INTO touched_students SELECT DISTINCT student_id FROM "
      "main.course_marks WHERE school_code = ?1 AND local_course_id = ?2");
  for (const auto& c : changes) {
    update.bind(1, c.ag_area).bind(2, c.rigor).bind(3, c.school_code);
    update.bind(4, c.local_course_id).bind(5, c.academic_year).run();
    touch.bind(1, c.school_code).bind(2, c.local_course_id).run();
  }
}

}  // namespace agmon::store
