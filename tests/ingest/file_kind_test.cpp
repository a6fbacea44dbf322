// File kind detection from the header row, kind names, and parse_file() dispatch.
#include <catch2/catch.hpp>

#include <set>

#include "agmon/ingest/file_kind.h"
#include "agmon/ingest/importer_registry.h"
#include "ingest/recording_sink.h"
#include "support/test_support.h"

using agmon::core::ErrorCode;
using agmon::ingest::FileKind;
using agmon::ingest::detect_file_kind;

namespace {
std::string sample(const std::string& name) {
  return agmon::test::data_path("samples/canonical/" + name);
}
}  // namespace

TEST_CASE("each canonical sample is recognised from its header", "[ingest]") {
  CHECK(*detect_file_kind(sample("students.csv")) == FileKind::kStudents);
  CHECK(*detect_file_kind(sample("courses.csv")) == FileKind::kCourses);
  CHECK(*detect_file_kind(sample("course_marks.csv")) == FileKind::kCourseMarks);
  CHECK(*detect_file_kind(sample("student_programs.csv")) == FileKind::kStudentPrograms);
  CHECK(*detect_file_kind(sample("ag_course_list.csv")) == FileKind::kAgCourseList);
}

TEST_CASE("detection ignores case, order, spaces, a BOM and CRLF", "[ingest]") {
  agmon::test::TempDir dir;
  agmon::test::write_file(dir.file("x.csv"), "\xEF\xBB\xBF Grade_Level ,\"SCHOOL_CODE\",Student_Id\r\n");
  CHECK(*detect_file_kind(dir.file("x.csv")) == FileKind::kStudents);
  agmon::test::write_file(dir.file("y.txt"), "COURSE_TITLE,Local_Course_ID,school_code\n");
  CHECK(*detect_file_kind(dir.file("y.txt")) == FileKind::kCourses);
}

TEST_CASE("the most specific signature wins when headers overlap", "[ingest]") {
  using agmon::ingest::detect_canonical_header;
  // A marks file that also carries grade_level is still marks; a programs file with
  // student_id and school_code is still programs.
  CHECK(detect_canonical_header({"student_id", "school_code", "grade_level", "term_code",
                                 "local_course_id", "academic_year"}) == FileKind::kCourseMarks);
  CHECK(detect_canonical_header({"student_id", "school_code", "program_code"}) ==
        FileKind::kStudentPrograms);
  CHECK(detect_canonical_header({"school_code", "list_year", "ucop_course_id", "course_title"}) ==
        FileKind::kAgCourseList);
  CHECK_FALSE(detect_canonical_header({"student_id", "school_code"}).has_value());
}

TEST_CASE("an unrecognised file is rejected with its name and first line", "[ingest]") {
  agmon::test::TempDir dir;
  agmon::test::write_file(dir.file("mystery.csv"), "id,name,favourite_colour\n1,a,blue\n");
  auto r = detect_file_kind(dir.file("mystery.csv"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kRejected);
  CHECK(r.error().message.rfind(
            "mystery.csv: cannot tell what kind of file this is (first line "
            "'id,name,favourite_colour')", 0) == 0);
}

TEST_CASE("an empty or missing file cannot be detected", "[ingest]") {
  agmon::test::TempDir dir;
  agmon::test::write_file(dir.file("empty.csv"), "");
  auto empty = detect_file_kind(dir.file("empty.csv"));
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == ErrorCode::kRejected);
  CHECK(empty.error().message == "empty.csv: the file is empty");
  auto missing = detect_file_kind(dir.file("nope.csv"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kNotFound);
}

TEST_CASE("every kind has a distinct name that parses back", "[ingest]") {
  std::set<std::string_view> names;
  for (int k = 0; k <= static_cast<int>(FileKind::kUnknown); ++k) {
    auto kind = static_cast<FileKind>(k);
    auto name = agmon::ingest::file_kind_name(kind);
    INFO(name);
    CHECK(names.insert(name).second);
    CHECK(agmon::ingest::parse_file_kind(name) == kind);
  }
  CHECK(agmon::ingest::file_kind_name(FileKind::kCourseMarks) == "course_marks");
  CHECK_FALSE(agmon::ingest::parse_file_kind("spreadsheet").has_value());
}

TEST_CASE("parse_file detects the kind and dispatches to its parser", "[ingest]") {
  agmon::test::RecordingSink sink;
  agmon::ingest::ParseOptions options;
  auto r = agmon::ingest::parse_file(sample("course_marks.csv"), options, sink);
  REQUIRE(r.ok());
  CHECK(r->kind == FileKind::kCourseMarks);
  CHECK(r->rows_emitted == 16);
  CHECK(sink.marks.size() == 16);
}

TEST_CASE("parse_file rejects an unknown file under the caller's display name", "[ingest]") {
  agmon::test::TempDir dir;
  agmon::test::write_file(dir.file("upload-1234.tmp"), "a,b\n1,2\n");
  agmon::test::RecordingSink sink;
  agmon::ingest::ParseOptions options;
  options.display_name = "grades.csv";
  auto r = agmon::ingest::parse_file(dir.file("upload-1234.tmp"), options, sink);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kRejected);
  CHECK(r.error().message.rfind("grades.csv: cannot tell", 0) == 0);
}

TEST_CASE("a recognised kind without a parser is rejected, not crashed on", "[ingest]") {
  agmon::test::RecordingSink sink;
  auto r = agmon::ingest::parse_file_as(sample("students.csv"), FileKind::kUnknown, {}, sink);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kRejected);
  CHECK(r.error().message == "students.csv: files of kind 'unknown' cannot be imported yet");
}
