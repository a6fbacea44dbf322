// course_marks.csv: one test per validation rule (formats.md §1): keys, term codes, marks
// through the mark table, status derivation, credits, grade taken, overrides, repeats.
#include <catch2/catch.hpp>

#include "ingest/ingest_helpers.h"

using agmon::core::Area;
using agmon::ingest::FileKind;
using agmon::ingest::RowErrorKind;
using agmon::test::only_error;
using agmon::test::parse_one;

namespace {
agmon::core::CourseMark mark_with(const agmon::test::Overrides& over,
                                  const agmon::core::MarkTable* table = nullptr) {
  auto sink = parse_one(FileKind::kCourseMarks, over, table);
  REQUIRE(sink.marks.size() == 1);
  return sink.marks[0];
}
}  // namespace

TEST_CASE("the default mark row loads with its values", "[ingest]") {
  auto m = mark_with({});
  CHECK(m.student_id == "900001");
  CHECK(m.academic_year == "2024-2025");
  CHECK(m.term_code == "S1");
  CHECK(m.local_course_id == "MTH201");
  CHECK(m.grade_level_taken == 10);
  CHECK(m.mark == "B");
  CHECK(m.credits_attempted == "5.00");
  CHECK(m.status == "completed");
  CHECK(m.source == "SIS");
  CHECK_FALSE(m.ag_area_override.has_value());
}

TEST_CASE("each of the five key columns must be present on every row", "[ingest]") {
  for (const char* col : {"student_id", "school_code", "academic_year", "term_code",
                          "local_course_id"}) {
    INFO(col);
    auto e = only_error(parse_one(FileKind::kCourseMarks, {{col, ""}}));
    CHECK(e.kind == RowErrorKind::kMissingKey);
    CHECK(e.column == col);
  }
}

TEST_CASE("marks are normalised to upper case through the mark table", "[ingest]") {
  CHECK(mark_with({{"mark", "b+"}}).mark == "B+");
  CHECK(mark_with({{"mark", " A- "}}).mark == "A-");
  CHECK(mark_with({{"mark", "np"}}).mark == "NP");
}

TEST_CASE("a mark missing from the mark table is unknown_mark", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kCourseMarks, {{"mark", "Z"}}));
  CHECK(e.kind == RowErrorKind::kUnknownMark);
  CHECK(e.column == "mark");
  CHECK(e.value == "Z");
  CHECK(e.message.rfind("mark 'Z' is not in the mark table", 0) == 0);
}

TEST_CASE("a district mark table adds marks the default lacks", "[ingest]") {
  auto table = agmon::core::MarkTable::defaults();
  table.set("E", *agmon::core::MarkTable::parse_spec("letter:F"));
  CHECK(mark_with({{"mark", "e"}}, &table).mark == "E");
}

TEST_CASE("a blank status is derived from the mark", "[ingest]") {
  CHECK(mark_with({{"mark", ""}}).status == "in_progress");
  CHECK(mark_with({{"mark", "IP"}}).status == "in_progress");
  CHECK(mark_with({{"mark", "W"}}).status == "withdrawn");
  CHECK(mark_with({{"mark", "F"}}).status == "completed");
  CHECK(mark_with({{"mark", "I"}}).status == "completed");
  // A given status is kept.
  CHECK(mark_with({{"mark", ""}, {"status", "Completed"}}).status == "completed");
}

TEST_CASE("a status outside completed/in_progress/withdrawn is bad_code", "[ingest]") {
  CHECK(mark_with({{"status", "In Progress"}}).status == "in_progress");
  auto e = only_error(parse_one(FileKind::kCourseMarks, {{"status", "done"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.message == "status 'done' is not a status (completed, in_progress, withdrawn)");
}

TEST_CASE("term codes come from the CALPADS set", "[ingest]") {
  CHECK(mark_with({{"term_code", "s2"}}).term_code == "S2");
  CHECK(mark_with({{"term_code", "FY"}}).term_code == "FY");
  CHECK(mark_with({{"term_code", "Q4"}}).term_code == "Q4");
  CHECK(mark_with({{"term_code", "SU"}}).term_code == "SS");
  auto e = only_error(parse_one(FileKind::kCourseMarks, {{"term_code", "S3"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.message == "term_code 'S3' is not a term code (S1, S2, FY, T1-T3, Q1-Q4, SS)");
}

TEST_CASE("a malformed academic year on a mark is bad_date", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kCourseMarks, {{"academic_year", "2024"}}));
  CHECK(e.kind == RowErrorKind::kBadDate);
  CHECK(e.column == "academic_year");
  CHECK(mark_with({{"academic_year", "2023-24"}}).academic_year == "2023-2024");
}

TEST_CASE("grade_level_taken is a grade 1-12, blank meaning not given", "[ingest]") {
  CHECK(mark_with({{"grade_level_taken", "09"}}).grade_level_taken == 9);
  CHECK(mark_with({{"grade_level_taken", ""}}).grade_level_taken == 0);
  auto e = only_error(parse_one(FileKind::kCourseMarks, {{"grade_level_taken", "13"}}));
  CHECK(e.kind == RowErrorKind::kBadNumber);
  CHECK(e.message == "grade_level_taken '13' is not a grade (1-12)");
}

TEST_CASE("credits must be numbers and out-of-range credits warn", "[ingest]") {
  auto e = only_error(parse_one(FileKind::kCourseMarks, {{"credits_earned", "5,0"}}));
  // "5,0" unquoted is two fields: the row is ragged, not a bad number.
  CHECK(e.kind == RowErrorKind::kWrongColumnCount);
  auto bad = only_error(parse_one(FileKind::kCourseMarks, {{"credits_earned", "5.0.0"}}));
  CHECK(bad.kind == RowErrorKind::kBadNumber);
  CHECK(bad.column == "credits_earned");
  auto sink = parse_one(FileKind::kCourseMarks, {{"credits_attempted", "40"}});
  CHECK(sink.marks.size() == 1);
  CHECK(sink.warnings.size() == 1);
}

TEST_CASE("ag_area_override takes an A-G area", "[ingest]") {
  CHECK(mark_with({{"ag_area_override", "D"}}).ag_area_override == Area::d);
  auto e = only_error(parse_one(FileKind::kCourseMarks, {{"ag_area_override", "Z"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.column == "ag_area_override");
}

TEST_CASE("repeat_of_term must be a term code", "[ingest]") {
  CHECK(mark_with({{"repeat_of_term", "s1"}}).repeat_of_term == "S1");
  auto e = only_error(parse_one(FileKind::kCourseMarks, {{"repeat_of_term", "first"}}));
  CHECK(e.kind == RowErrorKind::kBadCode);
  CHECK(e.column == "repeat_of_term");
}
