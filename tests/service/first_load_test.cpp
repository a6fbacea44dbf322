// A first load (nothing stored yet) writes marks straight into their table instead of staging
// them (store/first_load_marks.h). It must say exactly what a staged import says: the same
// rows kept, the same duplicates and orphans reported, with the same lines and raw text, even
// when a student's marks are not listed together.
#include <catch2/catch.hpp>
#include <cstdio>

#include "agmon/service/importer.h"
#include "agmon/store/database.h"
#include "agmon/store/import_stage.h"
#include "support/import_db.h"

using namespace agmon;

namespace {

const char* kStudents =
    "student_id,school_code,grade_level\n"
    "S1,101,11\n"
    "S2,101,12\n";
const char* kCourses =
    "school_code,local_course_id,course_title,ag_area,math_level\n"
    "101,ENG11,English 11,b,\n"
    "101,ALG2,Algebra 2,c,3\n";
// Line 3 repeats line 2 within S1's run; S2 (line 4) and S1 (lines 5, 8) come back after their
// runs ended, and line 8 repeats the key of lines 2 and 3 a third time; line 6 is an orphan.
const char* kMarks =
    "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark\n"
    "S1,101,2024-2025,S1,ENG11,11,B\n"
    "S1,101,2024-2025,S1,ENG11,11,C\n"
    "S2,101,2024-2025,FY,ALG2,12,C\n"
    "S1,101,2024-2025,S2,ENG11,11,A-\n"
    "S9,101,2024-2025,S1,ENG11,11,A\n"
    "S2,101,2024-2025,FY,ALG2,12,B\n"
    "S1,101,2024-2025,S1,ENG11,11,A\n";

struct Db : test::ImportDb {
  // The files below quarantine 4 of 11 rows on purpose: far over the default 1% limit.
  service::ImportReport import(const std::vector<std::string>& files,
                               double max_reject_rate = 0.9) const {
    service::ImportOptions o;
    o.max_reject_rate = max_reject_rate;
    return ImportDb::import(files, o);
  }
  bool first_load() const {
    auto d = store::Database::open(db);
    REQUIRE(d.ok());
    store::Transaction tx(**d);
    return store::ImportStage(**d).first_load();
  }
};

const char* kAllMarks =
    "SELECT group_concat(student_id || ' ' || term_code || ' ' || local_course_id || ' ' || mark, "
    "', ') FROM (SELECT * FROM course_marks ORDER BY 1, 2, 3, 4, 5)";

// "line kind" for the marks file's quarantined rows, in report order.
std::string marks_quarantine(const service::ImportReport& r) {
  std::string out;
  for (const auto& q : r.quarantined)
    if (q.file == "course_marks.csv")
      out += std::to_string(q.line) +
             (q.kind == ingest::RowErrorKind::kDuplicateKey ? " dup, " : " orphan, ");
  return out;
}

}  // namespace

TEST_CASE("a first load keeps the last row of every key and reports each earlier row once") {
  Db db;
  REQUIRE(db.first_load());
  auto r = db.import({db.write("students.csv", kStudents), db.write("courses.csv", kCourses),
                      db.write("course_marks.csv", kMarks)});
  REQUIRE(r.exit_code == service::kImportAppliedWithQuarantine);
  CHECK(marks_quarantine(r) == "2 dup, 3 dup, 4 dup, 6 orphan, ");
  for (const auto& q : r.quarantined) {
    if (q.line == 3) {
      CHECK(q.raw == "S1,101,2024-2025,S1,ENG11,11,C");
      CHECK(q.value == "S1|101|2024-2025|S1|ENG11");
    }
    if (q.line == 4) CHECK(q.value == "S2|101|2024-2025|FY|ALG2");
  }
  CHECK(db.text(kAllMarks) == "S1 S1 ENG11 A, S1 S2 ENG11 A-, S2 FY ALG2 B");
  // 2 students + 2 courses + 7 marks read; 4 marks quarantined.
  CHECK(r.rows_read == 11);
  CHECK(r.rows_applied == 7);
  CHECK_FALSE(db.first_load());
}

TEST_CASE("a first load reports what the staged import of the same marks reports") {
  Db first, staged;
  auto a =
      first.import({first.write("students.csv", kStudents), first.write("courses.csv", kCourses),
                    first.write("course_marks.csv", kMarks)});
  // The students and courses go in first, so the marks are staged and merged.
  REQUIRE(
      staged
          .import({staged.write("students.csv", kStudents), staged.write("courses.csv", kCourses)})
          .exit_code == service::kImportApplied);
  REQUIRE_FALSE(staged.first_load());
  auto b = staged.import({staged.write("course_marks.csv", kMarks)});
  CHECK(marks_quarantine(a) == marks_quarantine(b));
  CHECK(first.text(kAllMarks) == staged.text(kAllMarks));
  CHECK(a.rows_applied - 4 == b.rows_applied);  // b read no students or courses
  CHECK(first.text(
            "SELECT group_concat(student_id || ':' || uc_complete) FROM student_evaluations") ==
        staged.text(
            "SELECT group_concat(student_id || ':' || uc_complete) FROM student_evaluations"));
}

TEST_CASE("a first load restores course_marks' triggers with the counts of the marks it kept") {
  const char* kTriggers =
      "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'course_marks'";
  Db refused;
  auto r = refused.import(
      {refused.write("students.csv", kStudents), refused.write("courses.csv", kCourses),
       refused.write("course_marks.csv", kMarks)},
      0.05);  // 4 of 11 rows quarantined: refused
  CHECK(r.exit_code == service::kImportRejected);
  CHECK(refused.text("SELECT count(*) FROM course_marks") == "0");
  CHECK(refused.text(kTriggers) == "3");  // the rollback brought them back
  CHECK(refused.mark_years().empty());
  CHECK(refused.first_load());

  Db roster;  // a first call without marks leaves the schema alone
  REQUIRE(roster.import({roster.write("students.csv", kStudents)}).exit_code ==
          service::kImportApplied);
  CHECK(roster.text(kTriggers) == "3");

  Db loaded;
  REQUIRE(
      loaded
          .import({loaded.write("students.csv", kStudents), loaded.write("courses.csv", kCourses),
                   loaded.write("course_marks.csv", kMarks)})
          .exit_code == service::kImportAppliedWithQuarantine);
  CHECK(loaded.text(kTriggers) == "3");
  // Kept: S1 S1 ENG11, S1 S2 ENG11 (the second written a row at a time, after S1's run ended),
  // S2 FY ALG2; the duplicates replaced rows and count nothing, the orphan never loaded.
  CHECK(loaded.mark_years() == "101 ALG2 2024-2025 1; 101 ENG11 2024-2025 2");
  CHECK(loaded.mark_years() == loaded.mark_years_recounted());

  // Later imports go through the triggers. Full mode: the marks of (101, 2024-2025) the file
  // no longer lists go, a new one comes.
  service::ImportOptions full;
  full.mode = store::ImportMode::kFull;
  full.max_reject_rate = 0.9;
  REQUIRE(loaded
              .ImportDb::import({loaded.write("course_marks.csv",
                                              "student_id,school_code,academic_year,term_code,"
                                              "local_course_id,grade_level_taken,mark\n"
                                              "S1,101,2024-2025,S1,ENG11,11,A\n"
                                              "S1,101,2025-2026,S1,ALG2,12,B\n")},
                                full)
              .exit_code == service::kImportApplied);
  CHECK(loaded.mark_years() == "101 ALG2 2025-2026 1; 101 ENG11 2024-2025 1");
  CHECK(loaded.mark_years() == loaded.mark_years_recounted());
  // A full students file without S1 removes S1 and every mark of theirs.
  REQUIRE(loaded
              .ImportDb::import(
                  {loaded.write("students.csv", "student_id,school_code,grade_level\nS2,101,12\n")},
                  full)
              .exit_code == service::kImportApplied);
  CHECK(loaded.text("SELECT count(*) FROM course_marks") == "0");
  CHECK(loaded.mark_years().empty());

  // Marks loaded into a database that has students but no marks are staged and merged, with the
  // triggers counting.
  Db staged;
  REQUIRE(
      staged
          .import({staged.write("students.csv", kStudents), staged.write("courses.csv", kCourses)})
          .exit_code == service::kImportApplied);
  REQUIRE(staged.import({staged.write("course_marks.csv", kMarks)}).exit_code ==
          service::kImportAppliedWithQuarantine);
  CHECK(staged.mark_years() == "101 ALG2 2024-2025 1; 101 ENG11 2024-2025 2");
}

namespace {

// A course catalog of `n` one-semester English-area courses ENG00 .. ENG<n-1>.
std::string catalog(int n) {
  std::string out = "school_code,local_course_id,course_title,ag_area,math_level\n";
  for (int i = 0; i < n; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "ENG%02d", i);
    out += std::string("101,") + id + ",English " + id + ",b,\n";
  }
  return out;
}

std::string mark_row(const std::string& student, int course, const char* mark) {
  char id[8];
  std::snprintf(id, sizeof id, "ENG%02d", course);
  return student + ",101,2024-2025,S1," + id + ",11," + mark + "\n";
}

}  // namespace

TEST_CASE("marks written 16 to a statement keep duplicates exact at the seams, loaded or staged") {
  // S1's first run has 20 rows (lines 2-21): lines 2-17 go out as one statement; line 20
  // repeats line 3, already written, and line 21 repeats line 18, still waiting for the next
  // statement. Then S2's run, then S1 and S2 again (second runs, written a row at a time): S1
  // with a new key, S2 with a late duplicate of line 25.
  std::string marks =
      "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark\n";
  for (int c = 0; c < 18; ++c) marks += mark_row("S1", c, "B");  // lines 2-19
  marks += mark_row("S1", 1, "A");                               // line 20
  marks += mark_row("S1", 16, "C");                              // line 21
  for (int c = 0; c < 5; ++c) marks += mark_row("S2", c, "B");   // lines 22-26
  marks += mark_row("S1", 18, "B");                              // line 27: S1 again, new key
  marks += mark_row("S2", 3, "D");  // line 28: S2 again, late duplicate
  Db first, staged;
  const std::string students = "student_id,school_code,grade_level\nS1,101,11\nS2,101,11\n";
  auto a =
      first.import({first.write("students.csv", students), first.write("courses.csv", catalog(20)),
                    first.write("course_marks.csv", marks)});
  REQUIRE(a.exit_code == service::kImportAppliedWithQuarantine);
  CHECK(marks_quarantine(a) == "3 dup, 18 dup, 25 dup, ");
  CHECK(first.count("SELECT count(*) FROM course_marks") == 24);  // 19 for S1, 5 for S2
  CHECK(
      first.text(
          "SELECT mark FROM course_marks WHERE student_id = 'S1' AND local_course_id = 'ENG01'") ==
      "A");
  CHECK(
      first.text(
          "SELECT mark FROM course_marks WHERE student_id = 'S1' AND local_course_id = 'ENG16'") ==
      "C");
  CHECK(
      first.text(
          "SELECT mark FROM course_marks WHERE student_id = 'S2' AND local_course_id = 'ENG03'") ==
      "D");
  // The same files staged and merged say the same.
  REQUIRE(staged
              .import({staged.write("students.csv", students),
                       staged.write("courses.csv", catalog(20))})
              .exit_code == service::kImportApplied);
  auto b = staged.import({staged.write("course_marks.csv", marks)});
  CHECK(marks_quarantine(b) == marks_quarantine(a));
  CHECK(staged.text(kAllMarks) == first.text(kAllMarks));
  CHECK(a.rows_applied - 22 == b.rows_applied);  // b read no students or courses
  // Again over the stored marks (staged and diffed): the same reports, nothing changed.
  auto c = staged.import({staged.write("course_marks.csv", marks)});
  CHECK(marks_quarantine(c) == marks_quarantine(a));
  CHECK(c.rows_changed == 0);
  CHECK(staged.text(kAllMarks) == first.text(kAllMarks));
}
