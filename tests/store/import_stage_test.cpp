// ImportStage::merge: which students a call touches (and so re-evaluates), on a first
// import, on a re-import with changed marks, and on an unchanged re-import.
#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "agmon/store/import_stage.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

core::Student student(const std::string& id) {
  core::Student s;
  s.student_id = id;
  s.school_code = "S1";
  s.grade_level = "11";
  return s;
}

core::CourseMark mark(const std::string& id, const std::string& term, const std::string& course,
                      const std::string& grade) {
  core::CourseMark m;
  m.student_id = id;
  m.school_code = "S1";
  m.academic_year = "2025-2026";
  m.term_code = term;
  m.local_course_id = course;
  m.grade_level_taken = 11;
  m.mark = grade;
  return m;
}

// One import call of students 1001..1003 with two marks each; `b_marks` are 1002's marks.
std::vector<std::string> import_call(store::Database& db, const std::string& b_s1, const std::string& b_s2) {
  store::Transaction tx(db);
  store::ImportStage stage(db);
  for (const char* id : {"1001", "1002", "1003"}) stage.add_student(student(id), "students.csv", 1);
  long line = 1;
  for (const char* id : {"1001", "1003"}) {
    stage.add_mark(mark(id, "S1", "ENG11", "A"), "marks.csv", ++line);
    stage.add_mark(mark(id, "S2", "ENG11", "B"), "marks.csv", ++line);
  }
  stage.add_mark(mark("1002", "S1", "ENG11", b_s1), "marks.csv", ++line);
  stage.add_mark(mark("1002", "S2", "ENG11", b_s2), "marks.csv", ++line);
  stage.merge(store::ImportMode::kIncremental, nullptr);
  auto touched = stage.touched_students();
  tx.commit();
  return touched;
}

}  // namespace

TEST_CASE("a merge touches every student on a first import and only the changed ones after") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("m.db"));
  REQUIRE(db.ok());
  // First import: all three students are new.
  CHECK(import_call(**db, "C", "C") == std::vector<std::string>{"1001", "1002", "1003"});
  // The same file again: nothing changed, nobody to re-evaluate.
  CHECK(import_call(**db, "C", "C").empty());
  // Both of 1002's marks change (two changed rows, one student): 1002 alone, once.
  CHECK(import_call(**db, "B", "A") == std::vector<std::string>{"1002"});
  {
    auto st = (*db)->prepare("SELECT group_concat(mark, '') FROM (SELECT mark FROM course_marks "
                             "WHERE student_id = '1002' ORDER BY term_code)");
    REQUIRE(st.step());
    CHECK(st.str(0) == "BA");
  }
  // A new mark for 1003 (an insert, not an update) touches 1003.
  {
    store::Transaction tx(**db);
    store::ImportStage stage(**db);
    stage.add_mark(mark("1003", "S1", "MTH11", "B"), "marks.csv", 2);
    stage.merge(store::ImportMode::kIncremental, nullptr);
    CHECK(stage.touched_students() == std::vector<std::string>{"1003"});
    tx.commit();
  }
}
