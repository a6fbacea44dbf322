// Bad CALPADS input, one test per class: each bad record is quarantined with the reason a
// CALPADS error report gives (file, line, field number and name, value, rule) while the good
// records load; a layout mismatch refuses the whole file.
#include <catch2/catch.hpp>

#include "agmon/ingest/calpads_importer.h"
#include "ingest/formats_sink.h"

using namespace agmon;
using agmon::test::FormatsSink;
using agmon::test::sample;
using agmon::test::with_field;

namespace {

struct Case {
  test::TempDir dir;
  FormatsSink sink;
  core::Result<ingest::FileStats> run(const std::string& name, const std::vector<std::string>& records) {
    test::write_file(dir.file(name), test::crlf(records));
    return ingest::parse_file(dir.file(name), {}, sink);
  }
};

std::vector<std::string> sample_lines(const std::string& name) {
  return test::lines_of(sample(name));
}

// The single quarantined record of a run.
const ingest::RowError& only_error(const FormatsSink& sink) {
  REQUIRE(sink.errors.size() == 1);
  return sink.errors[0];
}

}  // namespace

TEST_CASE("a CALPADS record with the wrong field count is quarantined, the others load") {
  Case c;
  auto recs = sample_lines("calpads-scsc.txt");
  recs[4] += "^extra";  // 21 fields
  auto stats = c.run("scsc.txt", recs);
  REQUIRE(stats.ok());
  CHECK(stats->rows_read == 14);
  CHECK(stats->rows_quarantined == 1);
  CHECK(c.sink.marks.size() == 13);
  const auto& e = only_error(c.sink);
  CHECK(e.file == "scsc.txt");
  CHECK(e.line == 5);
  CHECK(e.kind == ingest::RowErrorKind::kWrongColumnCount);
  CHECK(e.value == "21");
  CHECK(e.message == "the record has 21 fields; CALPADS layout v12 SCSC has 20 (10.01-10.20)");
  CHECK(e.raw == recs[4]);
}

TEST_CASE("a layout mismatch on the first records refuses the CALPADS file whole") {
  Case c;
  auto recs = sample_lines("calpads-sela.txt");
  for (auto& r : recs) r = r.substr(0, r.rfind('^'));  // every record lost 12.15: 14 fields
  auto refused = c.run("sela.txt", recs);
  REQUIRE(!refused.ok());
  CHECK(refused.error().code == core::ErrorCode::kRejected);
  CHECK(refused.error().message ==
        "sela.txt: layout mismatch: 6 of the first 6 records do not fit CALPADS layout v12 SELA "
        "(15 fields, 12.01-12.15); first: line 1 has 14 fields. Nothing was read from this file; "
        "if it follows another CFS version, set ingest.calpads.layout");
  CHECK(c.sink.updates.empty());

  Case shifted;  // right count, but a field inserted before 10.11 pushes a name into the date
  auto scsc = sample_lines("calpads-scsc.txt");
  for (auto& r : scsc) {
    r = with_field(r, 10, "Extra^" + test::field_of(r, 10));
    r = r.substr(0, r.rfind('^'));  // drop 10.20: still 20 fields
  }
  auto mismatch = shifted.run("scsc.txt", scsc);
  REQUIRE(!mismatch.ok());
  CHECK(mismatch.error().message.find("10.11 Student Birth Date 'Quill' is not a date") != std::string::npos);
}

TEST_CASE("a record of another or an unknown record type is quarantined on field 1") {
  Case c;
  auto recs = sample_lines("calpads-sela.txt");
  recs[2] = with_field(recs[2], 1, "SXLA");
  recs[3] = with_field(recs[3], 1, "SENR");
  REQUIRE(c.run("sela.txt", recs).ok());
  REQUIRE(c.sink.errors.size() == 2);
  CHECK(c.sink.errors[0].column == "12.01 Record Type Code");
  CHECK(c.sink.errors[0].value == "SXLA");
  CHECK(c.sink.errors[0].kind == ingest::RowErrorKind::kBadCode);
  CHECK(c.sink.errors[0].message.find("is not a CALPADS record type agmon reads") != std::string::npos);
  CHECK(c.sink.errors[1].message ==
        "12.01 Record Type Code 'SENR' does not belong in a SELA file (CALPADS files hold one "
        "record type each)");
  CHECK(c.sink.updates.size() == 4);
}

TEST_CASE("unknown codes are quarantined naming the field, its value and the code set") {
  struct Bad {
    const char* file;
    int line;
    int field;
    const char* value;
    const char* column;
    ingest::RowErrorKind kind;
  };
  const Bad cases[] = {
      {"calpads-senr.txt", 0, 24, "13", "1.24 Grade Level Code", ingest::RowErrorKind::kBadCode},
      {"calpads-senr.txt", 0, 18, "Q", "1.18 Student Gender Code", ingest::RowErrorKind::kBadCode},
      {"calpads-senr.txt", 0, 23, "50", "1.23 Enrollment Status Code", ingest::RowErrorKind::kBadCode},
      {"calpads-sinf.txt", 0, 25, "999", "2.25 Student Race 1 Code", ingest::RowErrorKind::kBadCode},
      {"calpads-sinf.txt", 0, 38, "16", "2.38 Parent Guardian Highest Education Level Code", ingest::RowErrorKind::kBadCode},
      {"calpads-sela.txt", 0, 13, "XX", "12.13 English Language Acquisition Status Code", ingest::RowErrorKind::kBadCode},
      {"calpads-sprg.txt", 0, 13, "999", "3.13 Education Program Code", ingest::RowErrorKind::kBadCode},
      {"calpads-sprg.txt", 0, 15, "20241399", "3.15 Education Program Membership Start Date", ingest::RowErrorKind::kBadDate},
      {"calpads-crsc.txt", 0, 19, "13", "9.19 Course Section Instructional Level Code", ingest::RowErrorKind::kBadCode},
      {"calpads-crsc.txt", 0, 7, "91A7", "9.07 CRS-State Course Code", ingest::RowErrorKind::kBadCode},
      {"calpads-scsc.txt", 0, 15, "H7", "10.15 Academic Term Code", ingest::RowErrorKind::kBadCode},
      {"calpads-scsc.txt", 0, 18, "Q", "10.18 Student Course Final Grade", ingest::RowErrorKind::kUnknownMark},
      {"calpads-scsc.txt", 0, 19, "Z", "10.19 UC CSU Admission Requirement Code", ingest::RowErrorKind::kBadCode},
      {"calpads-scsc.txt", 0, 16, "five", "10.16 Student Credits Attempted", ingest::RowErrorKind::kBadNumber},
      {"calpads-scsc.txt", 0, 6, "2024-2026", "10.06 Academic Year ID", ingest::RowErrorKind::kBadDate},
  };
  for (const Bad& b : cases) {
    INFO(b.column << " = " << b.value);
    Case c;
    auto recs = sample_lines(b.file);
    recs[b.line] = with_field(recs[b.line], b.field, b.value);
    auto stats = c.run("f.txt", recs);
    REQUIRE(stats.ok());
    CHECK(stats->rows_quarantined == 1);
    const auto& e = only_error(c.sink);
    CHECK(e.line == b.line + 1);
    CHECK(e.column == b.column);
    CHECK(e.value == b.value);
    CHECK(e.kind == b.kind);
    CHECK(e.message.rfind(std::string(b.column) + " '" + b.value + "' ", 0) == 0);
  }
}

TEST_CASE("a required CALPADS field left blank is quarantined as a missing key") {
  Case c;
  auto recs = sample_lines("calpads-scsc.txt");
  recs[0] = with_field(recs[0], 13, "");
  REQUIRE(c.run("scsc.txt", recs).ok());
  const auto& e = only_error(c.sink);
  CHECK(e.kind == ingest::RowErrorKind::kMissingKey);
  CHECK(e.message == "10.13 Local Course ID '' is blank (required)");
}

TEST_CASE("an SCSC record for a section no CRSC of the call posted is a dangling reference") {
  Case c;
  REQUIRE(ingest::parse_file(sample("calpads-crsc.txt"), {}, c.sink).ok());
  auto recs = sample_lines("calpads-scsc.txt");
  recs[0] = with_field(recs[0], 14, "ENG11-09Z");  // no such section
  recs[1] = with_field(recs[1], 14, "ALG2-02A");   // a section of another course
  auto stats = c.run("scsc.txt", recs);
  REQUIRE(stats.ok());
  REQUIRE(c.sink.errors.size() == 2);
  CHECK(c.sink.errors[0].kind == ingest::RowErrorKind::kDanglingReference);
  CHECK(c.sink.errors[0].column == "10.14 Course Section ID");
  CHECK(c.sink.errors[0].message ==
        "10.14 Course Section ID 'ENG11-09Z' matches no CRSC section of school 9900011 in "
        "2024-2025 (every SCSC record must match a posted CRSC section)");
  CHECK(c.sink.errors[1].message ==
        "10.14 Course Section ID 'ALG2-02A' is a section of course ALG2 in CRSC, not of ENG11");
  CHECK(c.sink.marks.size() == 12);
  // Without CRSC in the call the sections cannot be checked: both load.
  Case alone;
  REQUIRE(alone.run("scsc.txt", recs).ok());
  CHECK(alone.sink.errors.empty());
}

TEST_CASE("duplicate SENR enrollments and CRSC sections: the last is kept, the first reported") {
  Case c;
  auto senr = sample_lines("calpads-senr.txt");
  senr.push_back(with_field(senr[0], 10, "Avery-Jo"));  // same student, school, year, start
  auto stats = c.run("senr.txt", senr);
  REQUIRE(stats.ok());
  CHECK(stats->rows_emitted == 6);
  CHECK(stats->rows_quarantined == 1);
  const auto& e = only_error(c.sink);
  CHECK(e.line == 1);
  CHECK(e.kind == ingest::RowErrorKind::kDuplicateKey);
  CHECK(e.column == "1.09 Local Student ID");
  CHECK(e.message.find("line 7 replaced this record") != std::string::npos);
  CHECK(e.raw == senr[0]);
  REQUIRE(c.sink.students.size() == 6);
  // Students go out in the order of the records that made them: 100011 is now line 7's.
  CHECK(c.sink.students.back().student_id == "100011");
  CHECK(c.sink.students.back().first_name == "Avery-Jo");

  Case s;
  auto crsc = sample_lines("calpads-crsc.txt");
  crsc.push_back(crsc[3]);
  REQUIRE(s.run("crsc.txt", crsc).ok());
  const auto& d = only_error(s.sink);
  CHECK(d.line == 4);
  CHECK(d.column == "9.14 Course Section ID");
  CHECK(d.value == "APENG-01B");
}

TEST_CASE("a delete transaction (D) is quarantined: agmon loads snapshots") {
  Case c;
  auto recs = sample_lines("calpads-sprg.txt");
  recs[1] = with_field(recs[1], 2, "D");
  REQUIRE(c.run("sprg.txt", recs).ok());
  const auto& e = only_error(c.sink);
  CHECK(e.column == "3.02 Transaction Type Code");
  CHECK(e.message.find("(delete) is not applied") != std::string::npos);
  CHECK(c.sink.programs.size() == 5);
}
