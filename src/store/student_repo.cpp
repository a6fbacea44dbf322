#include "agmon/store/student_repo.h"

#include "store/row_mapping.h"

namespace agmon::store {

std::optional<core::Student> StudentRepo::find(const std::string& student_id) {
  auto st = db_.prepare(std::string("SELECT ") + kStudentColumns + " FROM students WHERE student_id = ?");
  st.bind(1, student_id);
  if (!st.step()) return std::nullopt;
  return student_from_row(st);
}

std::vector<core::CourseMark> StudentRepo::marks_of(const std::string& student_id) {
  auto st = db_.prepare(std::string("SELECT ") + kMarkColumns +
                        " FROM course_marks WHERE student_id = ? ORDER BY academic_year, term_code, local_course_id");
  st.bind(1, student_id);
  std::vector<core::CourseMark> out;
  while (st.step()) out.push_back(mark_from_row(st));
  return out;
}

std::vector<core::Course> StudentRepo::courses_of_schools(const std::vector<std::string>& schools) {
  std::vector<core::Course> out;
  auto st = db_.prepare(std::string("SELECT ") + kCourseColumns + " FROM courses WHERE school_code = ?");
  for (const auto& school : schools) {
    st.bind(1, school);
    while (st.step()) out.push_back(course_from_row(st));
    st.reset();
  }
  return out;
}

std::vector<core::Course> StudentRepo::all_courses() {
  std::vector<core::Course> out;
  auto st = db_.prepare(std::string("SELECT ") + kCourseColumns + " FROM courses");
  while (st.step()) out.push_back(course_from_row(st));
  return out;
}

namespace {

// Most students touched (a first import, a new school year): the students and their marks are
// read by two plain scans in key order, the touched list merged in, rather than by a lookup
// per touched student (at 10M marks, 340,000 seeks into a 700 MB table, most of them reading
// pages back from the file). A few touched (a nightly import): by lookup, not by scanning all.
bool most_touched(Database& db) {
  auto st = db.prepare(
      "SELECT (SELECT count(*) FROM temp.touched_students) * 4 >= (SELECT count(*) FROM main.students)");
  return st.step() && st.integer(0) != 0;
}

}  // namespace

void StudentRepo::for_each_touched(
    const std::function<void(core::Student&&, std::vector<core::CourseMark>&&)>& fn) {
  // Ordered cursors merged by student id: students, their marks, and (scanning) the touched list.
  const bool scan = most_touched(db_);
  const std::string only_touched = scan ? "" : " WHERE student_id IN (SELECT student_id FROM touched_students)";
  auto students = db_.prepare(std::string("SELECT ") + kStudentColumns + " FROM students" + only_touched +
                              " ORDER BY student_id");
  auto marks = db_.prepare(std::string("SELECT ") + kEvaluatedMarkColumns + " FROM course_marks" +
                           only_touched + " ORDER BY student_id");
  Statement touched;
  bool have_touched = false;
  if (scan) {
    touched = db_.prepare("SELECT student_id FROM temp.touched_students ORDER BY student_id");
    have_touched = touched.step();
  }
  bool have_mark = marks.step();
  // Transcripts are of similar length: sized like the last one, a student's vector rarely
  // grows (each growth moves every mark read so far).
  std::size_t expected = 0;
  while (students.step()) {
    const std::string_view id = students.text(0);
    if (scan) {
      while (have_touched && touched.text(0) < id) have_touched = touched.step();
      if (!have_touched || touched.text(0) != id) continue;  // not touched: marks skipped below
    }
    core::Student s = student_from_row(students);
    std::vector<core::CourseMark> ms;
    ms.reserve(expected);
    while (have_mark && marks.text(0) < std::string_view(s.student_id)) have_mark = marks.step();
    while (have_mark && marks.text(0) == std::string_view(s.student_id)) {
      read_evaluated_mark(marks, ms.emplace_back());
      have_mark = marks.step();
    }
    expected = ms.size() + ms.size() / 8;
    fn(std::move(s), std::move(ms));
  }
}

std::string StudentRepo::latest_school_year() {
  // course_mark_years has a row for every (school, course, year) with a mark: a few thousand
  // rows to read, not every mark.
  auto st = db_.prepare("SELECT coalesce(max(academic_year), '') FROM course_mark_years");
  st.step();
  return st.str(0);
}

long StudentRepo::count_students() {
  auto st = db_.prepare("SELECT count(*) FROM students");
  st.step();
  return static_cast<long>(st.integer(0));
}

}  // namespace agmon::store
