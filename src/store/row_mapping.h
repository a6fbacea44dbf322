// Conversions between SQLite rows and model values, shared by the repositories.
#pragma once

#include "agmon/core/model.h"
#include "agmon/store/statement.h"

namespace agmon::store {

inline constexpr const char* kStudentColumns =
    "student_id, school_code, grade_level, ssid, academic_year, counselor_id, last_name, "
    "first_name, birth_date, gender, hispanic, race_codes, el_status, sed, swd, foster, homeless";
inline constexpr int kStudentColumnCount = 17;
inline constexpr const char* kMarkColumns =
    "student_id, school_code, academic_year, term_code, local_course_id, grade_level_taken, mark, "
    "credits_attempted, credits_earned, section_id, ssid, source, status, ag_area_override, "
    "repeat_of_term";
inline constexpr const char* kCourseColumns =
    "school_code, local_course_id, academic_year, course_title, ag_area, rigor, state_course_code, "
    "math_level, lote_language, lote_level, hss_type, science_discipline, vpa_discipline, "
    "transcript_abbrev, uc_approved, nsil_code, credit_value, course_length";

// Each reads the columns above starting at `first`.
core::Student student_from_row(const Statement& st, int first = 0);
core::CourseMark mark_from_row(const Statement& st, int first = 0);
// The same into an existing mark (every field set): fills a vector's new element in place.
void read_mark(const Statement& st, core::CourseMark& mark, int first = 0);
// The columns of a mark the evaluation reads (core::resolve_records), and their reader: the
// other fields are left as they are.
inline constexpr const char* kEvaluatedMarkColumns =
    "student_id, school_code, academic_year, term_code, local_course_id, grade_level_taken, mark, "
    "source, status, ag_area_override, repeat_of_term";
void read_evaluated_mark(const Statement& st, core::CourseMark& mark);
core::Course course_from_row(const Statement& st, int first = 0);

}  // namespace agmon::store
