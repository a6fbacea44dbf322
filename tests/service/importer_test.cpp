// The import use case end to end against a real SQLite file: transactionality, quarantine,
// reject rate, full vs incremental, idempotence, orphans across files, duplicates, dry run.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "agmon/service/importer.h"
#include "agmon/store/database.h"
#include "support/import_db.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

const char* kStudents =
    "student_id,school_code,grade_level,counselor_id,gender,hispanic,race_codes,el_status,sed\n"
    "S1,101,11,C1,F,Y,,EL,Y\n"
    "S2,101,12,C1,M,N,700,EO,N\n"
    "S3,102,10,C2,F,N,201,EO,N\n";
const char* kCourses =
    "school_code,local_course_id,course_title,ag_area,math_level,science_discipline,rigor\n"
    "101,ENG11,English 11,b,,,\n"
    "101,ALG2,Algebra 2,c,3,,\n"
    "101,APBIO,AP Biology,d,,biology,AP\n"
    "102,ENG10,English 10,b,,,\n";
const char* kMarks =
    "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark\n"
    "S1,101,2024-2025,S1,ENG11,11,B\n"
    "S1,101,2024-2025,S2,ENG11,11,A-\n"
    "S2,101,2024-2025,FY,ALG2,12,C\n"
    "S2,101,2024-2025,S1,APBIO,12,\n"
    "S3,102,2024-2025,S1,ENG10,10,D\n";

struct Fixture : test::ImportDb {
  // A fingerprint of every row the import writes: equal before and after = nothing changed.
  std::string snapshot() const {
    std::string out;
    for (const char* q : {"SELECT group_concat(student_id || grade_level || counselor_id, ',') FROM "
                          "(SELECT * FROM students ORDER BY student_id)",
                          "SELECT group_concat(student_id || local_course_id || term_code || mark, ',') "
                          "FROM (SELECT * FROM course_marks ORDER BY 1,2,3,4,5)",
                          "SELECT group_concat(local_course_id || coalesce(ag_area,'-'), ',') FROM "
                          "(SELECT * FROM courses ORDER BY 1,2,3)",
                          "SELECT count(*) FROM student_evaluations"})
      out += text(q) + "|";
    return out;
  }
};

}  // namespace

TEST_CASE("a clean call applies every row of every file in one go") {
  Fixture f;
  auto r = f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                     f.write("course_marks.csv", kMarks)});
  INFO(service::import_report_text(r));
  CHECK(r.exit_code == service::kImportApplied);
  CHECK(r.outcome == "applied");
  CHECK(r.rows_read == 3 + 4 + 5);
  CHECK(r.rows_applied == 12);
  CHECK(r.rows_changed == 12);
  CHECK(r.rows_quarantined == 0);
  CHECK(r.students_evaluated == 3);
  REQUIRE(r.import_id);
  CHECK(f.count("SELECT count(*) FROM students") == 3);
  CHECK(f.count("SELECT count(*) FROM course_marks") == 5);
  CHECK(f.count("SELECT count(*) FROM student_evaluations") == 3);
  CHECK(f.count("SELECT count(*) FROM imports WHERE outcome = 'applied'") == 1);
  CHECK(f.count("SELECT count(*) FROM import_files") == 3);
}

TEST_CASE("files may come in any order: orphans are judged against the whole call") {
  Fixture f;
  auto r = f.import({f.write("course_marks.csv", kMarks), f.write("courses.csv", kCourses),
                     f.write("students.csv", kStudents)});
  CHECK(r.exit_code == service::kImportApplied);
  CHECK(r.rows_quarantined == 0);
  CHECK(f.count("SELECT count(*) FROM course_marks") == 5);
}

TEST_CASE("re-importing the same files changes nothing") {
  Fixture f;
  std::vector<std::string> files{f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                                 f.write("course_marks.csv", kMarks)};
  REQUIRE(f.import(files).exit_code == 0);
  auto before = f.snapshot();
  auto again = f.import(files);
  CHECK(again.exit_code == 0);
  CHECK(again.rows_changed == 0);
  CHECK(again.rows_applied == 12);
  CHECK(again.students_evaluated == 0);
  CHECK(f.snapshot() == before);
  // Both calls are in the history, with the same file checksums.
  CHECK(f.count("SELECT count(DISTINCT sha256) FROM import_files") == 3);
}

TEST_CASE("a bad header rejects the whole call, naming the column, and changes nothing") {
  Fixture f;
  REQUIRE(f.import({f.write("students.csv", kStudents)}).exit_code == 0);
  auto before = f.snapshot();
  auto bad = f.write("marks.csv",
                     "student_id,school_code,academic_year,term_code,local_course\nS1,101,2024-2025,S1,ENG11\n");
  auto r = f.import({f.write("courses.csv", kCourses), bad});
  CHECK(r.exit_code == service::kImportRejected);
  CHECK(r.outcome == "rejected");
  INFO(r.message);
  CHECK(r.message.find("marks.csv") != std::string::npos);
  CHECK(f.snapshot() == before);
  CHECK(f.count("SELECT count(*) FROM courses") == 0);  // the good file of the call was not applied
  CHECK(f.count("SELECT count(*) FROM imports WHERE outcome = 'rejected'") == 1);
}

TEST_CASE("bad rows are quarantined with line and reason while the rest applies (exit 3)") {
  Fixture f;
  std::string marks = std::string(kMarks) +
                      "S1,101,2024-2025,S1,ALG2,11,Q\n"        // line 7: unknown mark
                      "S9,101,2024-2025,S1,ENG11,11,A\n"       // line 8: unknown student
                      "S1,101,2024-2025,S2,NOPE,11,A\n";       // line 9: unknown course
  service::ImportOptions opt;
  opt.max_reject_rate = 0.5;
  auto r = f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                     f.write("course_marks.csv", marks)}, opt);
  INFO(service::import_report_text(r));
  CHECK(r.exit_code == service::kImportAppliedWithQuarantine);
  REQUIRE(r.rows_quarantined == 3);
  std::map<long, std::string> by_line;
  for (const auto& e : r.quarantined) by_line[e.line] = std::string(ingest::row_error_kind_name(e.kind));
  CHECK(by_line[7] == "unknown_mark");
  CHECK(by_line[8] == "orphan");
  CHECK(by_line[9] == "orphan");
  for (const auto& e : r.quarantined) {
    CHECK(e.file == "course_marks.csv");
    CHECK_FALSE(e.raw.empty());  // kept verbatim
    CHECK_FALSE(e.message.empty());
  }
  CHECK(f.count("SELECT count(*) FROM course_marks") == 5);
  CHECK(f.count("SELECT count(*) FROM quarantined_rows") == 3);
  CHECK(f.count("SELECT count(*) FROM quarantined_rows WHERE line = 8 AND raw LIKE 'S9,101,%'") == 1);
}

TEST_CASE("over --max-reject-rate the whole call is rejected and nothing changes") {
  Fixture f;
  REQUIRE(f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses)}).exit_code == 0);
  auto before = f.snapshot();
  std::string marks = std::string(kMarks) + "S1,101,2024-2025,S1,ALG2,11,Q\n";  // 1 bad of 6
  service::ImportOptions opt;
  opt.max_reject_rate = 0.10;  // 1/6 = 16.7% > 10%
  auto r = f.import({f.write("course_marks.csv", marks)}, opt);
  CHECK(r.exit_code == service::kImportRejected);
  CHECK(r.message.find("max-reject-rate") != std::string::npos);
  CHECK(f.snapshot() == before);
  opt.max_reject_rate = 0.20;  // 16.7% <= 20%: applied
  CHECK(f.import({f.write("course_marks.csv", marks)}, opt).exit_code == service::kImportAppliedWithQuarantine);
}

TEST_CASE("a duplicate key keeps the last row and reports the first") {
  Fixture f;
  std::string marks = std::string(kMarks) + "S1,101,2024-2025,S1,ENG11,11,C\n";  // line 7 repeats line 2
  service::ImportOptions opt;
  opt.max_reject_rate = 0.5;
  auto r = f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                     f.write("course_marks.csv", marks)}, opt);
  REQUIRE(r.rows_quarantined == 1);
  CHECK(r.quarantined[0].kind == ingest::RowErrorKind::kDuplicateKey);
  CHECK(r.quarantined[0].line == 2);
  CHECK(r.quarantined[0].raw == "S1,101,2024-2025,S1,ENG11,11,B");
  CHECK(f.count("SELECT count(*) FROM course_marks WHERE student_id='S1' AND term_code='S1' AND mark='C'") == 1);
}

TEST_CASE("full mode removes rows of the files' (school, year) pairs that the files no longer hold") {
  Fixture f;
  REQUIRE(f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                    f.write("course_marks.csv", kMarks)}).exit_code == 0);
  // Tonight's export for school 101 2024-2025 lost S2's AP Biology row.
  std::string fewer =
      "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark\n"
      "S1,101,2024-2025,S1,ENG11,11,B\n"
      "S1,101,2024-2025,S2,ENG11,11,A-\n"
      "S2,101,2024-2025,FY,ALG2,12,C\n";
  auto inc = f.import({f.write("course_marks.csv", fewer)});
  CHECK(inc.rows_removed == 0);
  CHECK(f.count("SELECT count(*) FROM course_marks") == 5);
  service::ImportOptions full;
  full.mode = store::ImportMode::kFull;
  auto r = f.import({f.write("course_marks.csv", fewer)}, full);
  CHECK(r.exit_code == 0);
  CHECK(r.rows_removed == 1);
  CHECK(f.count("SELECT count(*) FROM course_marks WHERE local_course_id = 'APBIO'") == 0);
  // School 102 is not in the file: its row stays.
  CHECK(f.count("SELECT count(*) FROM course_marks WHERE school_code = '102'") == 1);
  CHECK(r.students_evaluated == 1);  // only S2 changed
}

TEST_CASE("a dry run reports everything and applies nothing") {
  Fixture f;
  service::ImportOptions opt;
  opt.dry_run = true;
  auto r = f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                     f.write("course_marks.csv", kMarks)}, opt);
  CHECK(r.exit_code == 0);
  CHECK(r.outcome == "dry_run");
  CHECK(r.rows_changed == 12);
  CHECK_FALSE(r.import_id);
  CHECK(f.count("SELECT count(*) FROM students") == 0);
  CHECK(f.count("SELECT count(*) FROM imports") == 0);
}

TEST_CASE("a failure injected in the middle of the merge leaves the database as it was") {
  Fixture f;
  REQUIRE(f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses)}).exit_code == 0);
  {
    auto d = store::Database::open(f.db);
    REQUIRE(d.ok());
    // A district trigger that refuses one mark: the merge fails after other rows were written.
    (*d)->exec("CREATE TRIGGER refuse_s3 BEFORE INSERT ON course_marks WHEN NEW.student_id = 'S3' "
               "BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
  }
  auto before = f.snapshot();
  auto r = f.import({f.write("course_marks.csv", kMarks), f.write("students.csv", kStudents)});
  CHECK(r.exit_code == service::kImportRejected);
  CHECK(r.message.find("refused by test") != std::string::npos);
  CHECK(f.snapshot() == before);
  CHECK(f.count("SELECT count(*) FROM course_marks") == 0);
}

TEST_CASE("a second import while one holds the database is refused with a clear message") {
  Fixture f;
  REQUIRE(f.import({f.write("students.csv", kStudents)}).exit_code == 0);
  auto holder = store::Database::open(f.db);
  REQUIRE(holder.ok());
  (*holder)->exec("BEGIN IMMEDIATE");
  service::ImportOptions opt;
  opt.busy_timeout_ms = 200;
  auto r = f.import({f.write("courses.csv", kCourses)}, opt);
  CHECK(r.exit_code == service::kImportFailed);
  CHECK(r.message.find("another import is running") != std::string::npos);
  (*holder)->exec("ROLLBACK");
  CHECK(f.import({f.write("courses.csv", kCourses)}).exit_code == 0);
}

TEST_CASE("an unknown file kind rejects the call with the file named") {
  Fixture f;
  auto r = f.import({f.write("mystery.csv", "a,b,c\n1,2,3\n")});
  CHECK(r.exit_code == service::kImportRejected);
  CHECK(r.message.find("mystery.csv") != std::string::npos);
}

TEST_CASE("a background import runs at a lower CPU priority and leaves the caller's as it was") {
  Fixture f;
  auto tid_nice = [] {
    errno = 0;
    return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
  };
  const int caller_before = tid_nice();
  std::vector<int> seen;
  service::ImportOptions o;
  o.nice = 5;
  o.progress = [&](const std::string&) { seen.push_back(tid_nice()); };
  auto r = f.import({f.write("students.csv", kStudents), f.write("courses.csv", kCourses),
                     f.write("course_marks.csv", kMarks)},
                    o);
  CHECK(r.exit_code == service::kImportApplied);
  REQUIRE_FALSE(seen.empty());
  const int expected = std::min(caller_before + 5, 19);  // nice tops out at 19
  for (int n : seen) CHECK(n == expected);
  CHECK(tid_nice() == caller_before);  // the caller's thread is untouched
  CHECK(f.count("SELECT count(*) FROM course_marks") == 5);
}
