// Helpers for the canonical mapper tests: build a one-row file from a kind's default row with
// some values changed, parse it from memory, and check the single quarantine it produced.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "agmon/ingest/canonical_mapper.h"
#include "ingest/recording_sink.h"

namespace agmon::test {

using Row = std::vector<std::pair<std::string, std::string>>;
using Overrides = std::map<std::string, std::string>;

// A valid row of each kind (synthetic values), every known column present.
inline const Row& default_row(ingest::FileKind kind) {
  static const Row kStudent = {
      {"student_id", "900001"}, {"school_code", "101"},       {"grade_level", "10"},
      {"ssid", "9100000001"},   {"academic_year", "2024-2025"}, {"counselor_id", "C7"},
      {"last_name", "Test"},    {"first_name", "Ana"},        {"birth_date", "2009-05-01"},
      {"gender", "F"},          {"hispanic", "N"},            {"race_codes", "700"},
      {"el_status", "EO"},      {"sed", "N"},                 {"swd", "N"},
      {"foster", "N"},          {"homeless", "N"}};
  static const Row kCourse = {
      {"school_code", "101"},      {"local_course_id", "MTH201"}, {"course_title", "Algebra 2"},
      {"academic_year", ""},       {"ag_area", "c"},              {"rigor", ""},
      {"state_course_code", "9252"}, {"math_level", "3"},         {"lote_language", ""},
      {"lote_level", ""},          {"hss_type", ""},              {"science_discipline", ""},
      {"vpa_discipline", ""},      {"transcript_abbrev", "ALG 2A|ALG 2B"}, {"uc_approved", "Y"},
      {"nsil_code", ""},           {"credit_value", "5.00"},      {"course_length", "year"}};
  static const Row kMark = {
      {"student_id", "900001"},   {"school_code", "101"},       {"academic_year", "2024-2025"},
      {"term_code", "S1"},        {"local_course_id", "MTH201"}, {"grade_level_taken", "10"},
      {"mark", "B"},              {"credits_attempted", "5.00"}, {"credits_earned", "5.00"},
      {"section_id", "MTH201-1"}, {"ssid", ""},                 {"source", "SIS"},
      {"status", ""},             {"ag_area_override", ""},     {"repeat_of_term", ""}};
  static const Row kProgram = {{"student_id", "900001"}, {"program_code", "181"},
                               {"school_code", "101"},   {"start_date", "2024-08-14"},
                               {"end_date", ""}};
  static const Row kAgCourse = {
      {"ucop_institution_id", "99990"}, {"school_code", "101"}, {"list_year", "2024-25"},
      {"ucop_course_id", "880003"},     {"course_title", "Algebra 2"},
      {"transcript_abbrevs", "ALGEBRA II A|ALGEBRA II B"}, {"ag_area", "c"},
      {"discipline", "Algebra II"}, {"honors_type", ""}, {"course_length", "year"},
      {"grade_levels", "9|10|11|12"}, {"is_online", "false"}};
  switch (kind) {
    case ingest::FileKind::kStudents: return kStudent;
    case ingest::FileKind::kCourses: return kCourse;
    case ingest::FileKind::kCourseMarks: return kMark;
    case ingest::FileKind::kStudentPrograms: return kProgram;
    default: return kAgCourse;
  }
}

// Header line plus one data line, with `over` replacing default values.
inline std::string one_row_csv(ingest::FileKind kind, const Overrides& over = {}) {
  std::string header, values;
  bool first = true;
  for (const auto& [name, value] : default_row(kind)) {
    if (!first) {
      header += ",";
      values += ",";
    }
    first = false;
    header += name;
    auto it = over.find(name);
    values += it != over.end() ? it->second : value;
  }
  return header + "\n" + values + "\n";
}

inline core::Result<ingest::FileStats> parse_text(ingest::FileKind kind, const std::string& text,
                                                  RecordingSink& sink,
                                                  const core::MarkTable* marks = nullptr) {
  ingest::CsvReader reader;
  reader.open_text(text);
  ingest::ParseOptions options;
  options.marks = marks;
  options.display_name = "test.csv";
  return ingest::parse_canonical(reader, kind, options, sink);
}

// Parses the default row of `kind` with `over` applied; the file itself must be accepted.
inline RecordingSink parse_one(ingest::FileKind kind, const Overrides& over = {},
                               const core::MarkTable* marks = nullptr) {
  RecordingSink sink;
  auto result = parse_text(kind, one_row_csv(kind, over), sink, marks);
  REQUIRE(result.ok());
  REQUIRE(result->rows_read == 1);
  REQUIRE(result->rows_emitted + result->rows_quarantined == 1);
  return sink;
}

// The row was quarantined exactly once, nothing was emitted; returns the error.
inline ingest::RowError only_error(const RecordingSink& sink) {
  REQUIRE(sink.errors.size() == 1);
  REQUIRE(sink.lines.empty());
  CHECK(sink.errors[0].file == "test.csv");
  CHECK(sink.errors[0].line == 2);
  return sink.errors[0];
}

}  // namespace agmon::test
