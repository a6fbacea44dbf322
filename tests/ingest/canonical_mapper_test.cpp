// The canonical mapper on whole files: the samples (counted by hand), header handling, ragged
// and malformed rows, BOM+CRLF and shuffled columns giving the same records.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "agmon/ingest/csv_reader.h"
#include "ingest/ingest_helpers.h"
#include "support/test_support.h"

using agmon::core::Area;
using agmon::core::ErrorCode;
using agmon::core::Rigor;
using agmon::ingest::FileKind;
using agmon::ingest::ParseOptions;
using agmon::ingest::RowErrorKind;
using agmon::ingest::parse_canonical_file;
using agmon::test::RecordingSink;
using agmon::test::parse_text;

namespace {

std::string sample(const std::string& name) {
  return agmon::test::data_path("samples/canonical/" + name);
}

// Every field of every record, one line per record, for comparing two parses.
std::string dump(const RecordingSink& s) {
  std::ostringstream out;
  for (const auto& x : s.students) {
    out << x.student_id << '|' << x.school_code << '|' << x.grade_level << '|' << x.ssid << '|'
        << x.academic_year << '|' << x.last_name << '|' << x.first_name << '|' << x.birth_date
        << '|' << x.gender << '|' << x.hispanic.value_or(false) << '|' << x.race_codes.size()
        << '|' << x.el_status << '|' << x.sed.value_or(false) << x.homeless.value_or(false) << '\n';
  }
  for (const auto& c : s.courses) {
    out << c.local_course_id << '|' << c.course_title << '|' << c.academic_year << '|'
        << (c.ag_area ? agmon::core::area_letter(*c.ag_area) : '-') << '|'
        << agmon::core::rigor_name(c.rigor) << '|' << c.state_course_code << '|'
        << c.credit_value << '\n';
  }
  for (const auto& m : s.marks) {
    out << m.student_id << '|' << m.school_code << '|' << m.academic_year << '|' << m.term_code
        << '|' << m.local_course_id << '|' << m.grade_level_taken << '|' << m.mark << '|'
        << m.credits_earned << '|' << m.status << '|' << m.section_id << '\n';
  }
  return out.str();
}

// Rewrites a CSV with its columns in reverse order and upper-case header names.
std::string reverse_columns(const std::string& text) {
  agmon::ingest::CsvReader reader;
  reader.open_text(text);
  std::string out;
  bool header = true;
  while (reader.next() == agmon::ingest::CsvStatus::kRecord) {
    auto fields = reader.record().fields;
    std::reverse(fields.begin(), fields.end());
    std::string line;
    for (auto f : fields) {
      std::string v(f);
      if (header) std::transform(v.begin(), v.end(), v.begin(), ::toupper);
      line += (line.empty() ? "\"" : ",\"") + v + "\"";
    }
    out += line + "\n";
    header = false;
  }
  return out;
}

struct FileRun {
  RecordingSink sink;
  agmon::ingest::FileStats stats;
};

FileRun parse_path(const std::string& path, FileKind kind) {
  FileRun run;
  auto result = parse_canonical_file(path, kind, ParseOptions{}, run.sink);
  REQUIRE(result.ok());
  run.stats = *result;
  return run;
}

}  // namespace

TEST_CASE("the sample students.csv loads 6 students and warns once about extra columns",
          "[ingest]") {
  auto run = parse_path(sample("students.csv"), FileKind::kStudents);
  // 7 lines = header + 6 students; 7 columns are not canonical (race_missing ... enroll_exit).
  CHECK(run.stats.rows_read == 6);
  CHECK(run.stats.rows_emitted == 6);
  CHECK(run.stats.rows_quarantined == 0);
  CHECK(run.stats.warnings == 1);
  REQUIRE(run.sink.warnings.size() == 1);
  CHECK(run.sink.warnings[0].file == "students.csv");
  CHECK(run.sink.warnings[0].line == 1);
  CHECK(run.sink.warnings[0].message ==
        "ignored unknown columns: race_missing, el_status_date, parent_ed_level_1, "
        "parent_ed_level_2, migrant, enroll_start, enroll_exit");
  REQUIRE(run.sink.students.size() == 6);
  const auto& mei = run.sink.students[2];
  CHECK(mei.student_id == "100037");
  CHECK(mei.race_codes == std::vector<int>{202, 700});
  CHECK(mei.el_status == "EL");
  CHECK(mei.homeless == true);
  CHECK(run.sink.students[4].grade_level == "09");
  CHECK(run.sink.students[4].race_codes.empty());
  CHECK(run.sink.students[5].first_name == "In\xC3\xA9s");
  CHECK(run.sink.lines == std::vector<long>{2, 3, 4, 5, 6, 7});
}

TEST_CASE("the sample courses.csv loads 8 courses with rigor and 3 warnings", "[ingest]") {
  auto run = parse_path(sample("courses.csv"), FileKind::kCourses);
  // Warnings: ALG2 and APCALCAB are c without math_level, CHEMH is d without a discipline.
  CHECK(run.stats.rows_read == 8);
  CHECK(run.stats.rows_emitted == 8);
  CHECK(run.stats.warnings == 3);
  REQUIRE(run.sink.courses.size() == 8);
  CHECK(run.sink.courses[0].ag_area == Area::b);  // "B" upper case in the sample
  CHECK(run.sink.courses[1].rigor == Rigor::ap);
  CHECK(run.sink.courses[3].rigor == Rigor::ap);
  CHECK(run.sink.courses[4].rigor == Rigor::uc_honors);
  CHECK(run.sink.courses[5].rigor == Rigor::none);
  CHECK_FALSE(run.sink.courses[7].ag_area.has_value());  // ELD3 is not A-G
  CHECK(run.sink.warnings[0].line == 4);
  CHECK(run.sink.warnings[2].line == 6);
}

TEST_CASE("the sample course_marks.csv loads all 16 marks", "[ingest]") {
  auto run = parse_path(sample("course_marks.csv"), FileKind::kCourseMarks);
  CHECK(run.stats.rows_read == 16);
  CHECK(run.stats.rows_emitted == 16);
  CHECK(run.stats.warnings == 0);
  REQUIRE(run.sink.marks.size() == 16);
  CHECK(run.sink.marks[0].mark == "A-");
  CHECK(run.sink.marks[14].status == "in_progress");
  CHECK(run.sink.marks[14].mark.empty());
  CHECK(run.sink.marks[15].school_code == "TRANSFER");
  CHECK(run.sink.marks[15].ag_area_override == Area::d);
}

TEST_CASE("the sample student_programs.csv and ag_course_list.csv load whole", "[ingest]") {
  auto programs = parse_path(sample("student_programs.csv"), FileKind::kStudentPrograms);
  CHECK(programs.stats.rows_emitted == 7);
  CHECK(programs.stats.warnings == 0);
  CHECK(programs.sink.programs[6].program_code == "SWD");
  CHECK(programs.sink.programs[4].end_date == "2026-07-14");
  auto list = parse_path(sample("ag_course_list.csv"), FileKind::kAgCourseList);
  CHECK(list.stats.rows_emitted == 7);
  REQUIRE(list.sink.ag_courses.size() == 7);
  CHECK(list.sink.ag_courses[1].honors == Rigor::ap);
  CHECK(list.sink.ag_courses[4].honors == Rigor::uc_honors);
  CHECK(list.sink.ag_courses[0].list_year == "2024-2025");
}

TEST_CASE("a BOM and CRLF line endings give the same records as the sample", "[ingest]") {
  for (const auto& [name, kind] : {std::pair<std::string, FileKind>{"students.csv", FileKind::kStudents},
                                   {"course_marks.csv", FileKind::kCourseMarks},
                                   {"courses.csv", FileKind::kCourses}}) {
    std::string text = agmon::test::read_file(sample(name)), crlf = "\xEF\xBB\xBF";
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    agmon::test::TempDir dir;
    agmon::test::write_file(dir.file(name), crlf);
    auto original = parse_path(sample(name), kind);
    auto variant = parse_path(dir.file(name), kind);
    CHECK(dump(variant.sink) == dump(original.sink));
    CHECK(variant.stats.rows_emitted == original.stats.rows_emitted);
  }
}

TEST_CASE("shuffled columns and upper-case names give the same records", "[ingest]") {
  for (const auto& [name, kind] : {std::pair<std::string, FileKind>{"students.csv", FileKind::kStudents},
                                   {"course_marks.csv", FileKind::kCourseMarks},
                                   {"courses.csv", FileKind::kCourses}}) {
    std::string text = agmon::test::read_file(sample(name));
    RecordingSink original, shuffled;
    REQUIRE(parse_text(kind, text, original).ok());
    REQUIRE(parse_text(kind, reverse_columns(text), shuffled).ok());
    CHECK(!dump(original).empty());
    CHECK(dump(shuffled) == dump(original));
  }
}

TEST_CASE("a missing required column rejects the whole file, naming file and column",
          "[ingest]") {
  RecordingSink sink;
  auto r = parse_text(FileKind::kStudents, "student_id,school_code\n1,101\n", sink);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kRejected);
  CHECK(r.error().message == "test.csv: missing required column 'grade_level'");
  CHECK(sink.lines.empty());
  auto two = parse_text(FileKind::kCourseMarks, "student_id,school_code,academic_year\n", sink);
  REQUIRE_FALSE(two.ok());
  CHECK(two.error().message == "test.csv: missing required columns 'term_code', 'local_course_id'");
}

TEST_CASE("an empty file is rejected and a header-only file has no rows", "[ingest]") {
  RecordingSink sink;
  auto empty = parse_text(FileKind::kStudents, "", sink);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "test.csv: the file is empty (no header row)");
  auto header_only = parse_text(FileKind::kStudents, "student_id,school_code,grade_level\r\n", sink);
  REQUIRE(header_only.ok());
  CHECK(header_only->rows_read == 0);
  CHECK(sink.errors.empty());
}

TEST_CASE("rows with too few or too many fields are wrong_column_count", "[ingest]") {
  RecordingSink sink;
  auto r = parse_text(FileKind::kStudents,
                      "student_id,school_code,grade_level\n1,101\n2,101,10\n3,101,10,extra\n", sink);
  REQUIRE(r.ok());
  // Lines 2 and 4 are ragged; line 3 loads.
  CHECK(r->rows_read == 3);
  CHECK(r->rows_emitted == 1);
  CHECK(r->rows_quarantined == 2);
  REQUIRE(sink.errors.size() == 2);
  CHECK(sink.errors[0].kind == RowErrorKind::kWrongColumnCount);
  CHECK(sink.errors[0].line == 2);
  CHECK(sink.errors[0].raw == "1,101");
  CHECK(sink.errors[0].message == "the row has 2 fields but the header has 3 columns");
  CHECK(sink.errors[1].line == 4);
  CHECK(sink.students.at(0).student_id == "2");
}

TEST_CASE("an unclosed quote quarantines its row as malformed_csv and the rest loads",
          "[ingest]") {
  RecordingSink sink;
  auto r = parse_text(FileKind::kStudents,
                      "student_id,school_code,grade_level\n1,101,10\n2,\"101,10\n3,101,11\n", sink);
  REQUIRE(r.ok());
  CHECK(r->rows_read == 3);
  CHECK(r->rows_emitted == 2);
  REQUIRE(sink.errors.size() == 1);
  CHECK(sink.errors[0].kind == RowErrorKind::kMalformedCsv);
  CHECK(sink.errors[0].line == 3);
  CHECK(sink.errors[0].raw == "2,\"101,10");
  CHECK(sink.students.at(1).student_id == "3");
}

TEST_CASE("error lines are physical lines, past blank lines and quoted newlines", "[ingest]") {
  RecordingSink sink;
  auto r = parse_text(FileKind::kStudents,
                      "student_id,school_code,grade_level,last_name\n\n1,101,10,\"two\nlines\"\n"
                      "2,101,13,x\n", sink);
  REQUIRE(r.ok());
  // Line 2 blank, the first student spans lines 3-4, the bad grade is on line 5.
  REQUIRE(sink.errors.size() == 1);
  CHECK(sink.errors[0].line == 5);
  CHECK(sink.lines == std::vector<long>{3});
  CHECK(sink.students[0].last_name == "two\nlines");
}

TEST_CASE("rows of only delimiters are skipped like blank lines", "[ingest]") {
  RecordingSink sink;
  auto r = parse_text(FileKind::kStudents,
                      "student_id,school_code,grade_level\n1,101,10\n,,\n , ,\n", sink);
  REQUIRE(r.ok());
  CHECK(r->rows_read == 1);
  CHECK(r->rows_emitted == 1);
  CHECK(sink.errors.empty());
}

TEST_CASE("a repeated header column is ignored with the unknown columns", "[ingest]") {
  RecordingSink sink;
  auto r = parse_text(FileKind::kStudents,
                      "Student_ID,school_code,grade_level,student_id,Shoe_Size\n1,101,10,2,9\n", sink);
  REQUIRE(r.ok());
  CHECK(sink.students.at(0).student_id == "1");
  REQUIRE(sink.warnings.size() == 1);
  CHECK(sink.warnings[0].message == "ignored unknown columns: student_id (a second copy), shoe_size");
}

TEST_CASE("binary garbage after a valid header is quarantined, never emitted", "[ingest]") {
  std::string text = "student_id,school_code,grade_level\n";
  for (int i = 0; i < 256; ++i) text += static_cast<char>((i * 37) % 256);
  text += std::string("\n\x01\x02,\xFF\xFE,\"\x00\"\n", 11);
  RecordingSink sink;
  auto r = parse_text(FileKind::kStudents, text, sink);
  REQUIRE(r.ok());
  CHECK(r->rows_read == r->rows_emitted + r->rows_quarantined);
  CHECK(static_cast<long>(sink.errors.size()) == r->rows_quarantined);
  CHECK(sink.students.empty());
}

TEST_CASE("a garbage header is a missing-column rejection", "[ingest]") {
  RecordingSink sink;
  auto r = parse_text(FileKind::kCourses, std::string("\x89PNG\r\n\x1a\n\0\0", 10), sink);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kRejected);
}

TEST_CASE("parse_canonical_file names a missing file and refuses non-canonical kinds",
          "[ingest]") {
  RecordingSink sink;
  auto missing = parse_canonical_file("/nonexistent/dir/students.csv", FileKind::kStudents,
                                      ParseOptions{}, sink);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kNotFound);
  CHECK(missing.error().message.rfind("students.csv: ", 0) == 0);
  auto wrong = parse_text(FileKind::kCalpadsSenr, "a\n", sink);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == ErrorCode::kInvalidArgument);
}
