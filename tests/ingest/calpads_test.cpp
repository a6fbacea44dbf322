// The CALPADS importer on the sample extracts and small hand-made records: the layout table,
// detection, every record type and each code-set mapping (race/ethnicity precedence, SED
// derivation, GA..GO, the AP table and the Pre-AP trap), ODS extracts and the as-of date.
#include <catch2/catch.hpp>

#include "agmon/core/groups.h"
#include "agmon/ingest/calpads_call_state.h"
#include "agmon/ingest/calpads_importer.h"
#include "agmon/ingest/calpads_layout.h"
#include "ingest/formats_sink.h"

using namespace agmon;
using agmon::test::FormatsSink;
using agmon::test::sample;

namespace {

core::Result<ingest::FileStats> parse(const std::string& path, FormatsSink& sink,
                                      const std::map<std::string, std::string>* config = nullptr) {
  return ingest::parse_file(path, test::options_with(config), sink);
}

// Writes the records to a file and parses it into `sink`.
core::Result<ingest::FileStats> parse_records(test::TempDir& dir, const std::string& name,
                                              const std::vector<std::string>& records,
                                              FormatsSink& sink,
                                              const std::map<std::string, std::string>* config = nullptr) {
  test::write_file(dir.file(name), test::crlf(records));
  return parse(dir.file(name), sink, config);
}

}  // namespace

TEST_CASE("the compiled-in CALPADS layout is etc/calpads/layouts/v12.csv byte for byte") {
  std::string on_disk = test::read_file(std::string(AGMON_SOURCE_DIR) + "/etc/calpads/layouts/v12.csv");
  REQUIRE(!on_disk.empty());
  CHECK(ingest::builtin_calpads_layout_csv("v12") == on_disk);
  CHECK(ingest::builtin_calpads_layout_versions().back() == "v12");
  auto layout = ingest::calpads_layout("");  // blank = the newest
  REQUIRE(layout.ok());
  CHECK(layout->version() == "v12");
  // Field counts of CFS v11/v12 (formats-research §1.3-1.9).
  CHECK(layout->find("SENR")->fields.size() == 39);
  CHECK(layout->find("SINF")->fields.size() == 42);
  CHECK(layout->find("SELA")->fields.size() == 15);
  CHECK(layout->find("SPRG")->fields.size() == 26);
  CHECK(layout->find("CRSE")->fields.size() == 36);
  CHECK(layout->find("SCSC-R")->fields.size() == 20);
  CHECK(layout->find("SCSC")->fields[17].label() == "10.18 Student Course Final Grade");
  CHECK(layout->find("SINF")->index_of("race_1") == 24);  // 2.25
}

TEST_CASE("an unknown layout setting and a broken layout table are refused with a reason") {
  auto unknown = ingest::calpads_layout("v99");
  REQUIRE(!unknown.ok());
  CHECK(unknown.error().message.find("unknown layout 'v99'") != std::string::npos);
  auto gap = ingest::CalpadsLayout::parse(
      "record_type,field_no,key,name,type,required\nSELA,12.01,record_type,Record Type,CS,Y\n"
      "SELA,12.03,x,X,CS,N\n", "t");
  REQUIRE(!gap.ok());
  CHECK(gap.error().message.find("is not field 2") != std::string::npos);
}

TEST_CASE("CALPADS files are detected by the record type in field 1") {
  using ingest::FileKind;
  CHECK(*ingest::detect_file_kind(sample("calpads-senr.txt")) == FileKind::kCalpadsSenr);
  CHECK(*ingest::detect_file_kind(sample("calpads-sinf.txt")) == FileKind::kCalpadsSinf);
  CHECK(*ingest::detect_file_kind(sample("calpads-sela.txt")) == FileKind::kCalpadsSela);
  CHECK(*ingest::detect_file_kind(sample("calpads-sprg.txt")) == FileKind::kCalpadsSprg);
  CHECK(*ingest::detect_file_kind(sample("calpads-crsc.txt")) == FileKind::kCalpadsCrsc);
  CHECK(*ingest::detect_file_kind(sample("calpads-scsc.txt")) == FileKind::kCalpadsScsc);
  CHECK(*ingest::detect_file_kind(sample("calpads-scsc-ods-extract.txt")) == FileKind::kCalpadsScsc);
  CHECK(*ingest::detect_file_kind(sample("canonical/students.csv")) == FileKind::kStudents);
  ingest::FileSniff sniff;
  sniff.head = "SDEM^A^^9912345^9900011^2024-2025^...";  // a type agmon does not read
  CHECK(!ingest::detect_calpads(sniff));
  sniff.head = "CRSE^^^9912345^9900011^2024-2025^9107";
  CHECK(ingest::detect_calpads(sniff) == FileKind::kCalpadsCrsc);
}

TEST_CASE("SENR makes one student per enrollment with names, grade, gender and birth date") {
  FormatsSink sink;
  auto stats = parse(sample("calpads-senr.txt"), sink);
  REQUIRE(stats.ok());
  CHECK(stats->rows_read == 6);
  CHECK(stats->rows_emitted == 6);
  REQUIRE(sink.students.size() == 6);
  const core::Student& s = sink.students[1];  // line 2: the grade-12 completer
  CHECK(s.student_id == "100029");
  CHECK(s.ssid == "9100000029");
  CHECK(s.school_code == "9900011");
  CHECK(s.academic_year == "2024-2025");
  CHECK(s.grade_level == "12");
  CHECK(s.first_name == "Jordan");
  CHECK(s.last_name == "Okafor-Bly");
  CHECK(s.birth_date == "2007-11-02");
  CHECK(s.gender == "M");
  CHECK(sink.students[3].last_name == "D'Arcy");
  CHECK(sink.students[3].gender == "X");
  CHECK(sink.calpads_state().grade_in("100053", "2024-2025") == 9);
}

TEST_CASE("SENR of two years: the latest primary enrollment is the student, each year's grade is kept") {
  test::TempDir dir;
  std::string y2 = test::lines_of(sample("calpads-senr.txt"))[0];  // 100011, grade 11, 2024-2025
  std::string y1 = test::with_field(test::with_field(y2, 7, "2023-2024"), 22, "20230815");
  std::string secondary = test::with_field(test::with_field(y2, 23, "20"), 22, "20241001");
  secondary = test::with_field(test::with_field(secondary, 5, "9900029"), 24, "10");
  FormatsSink sink;
  // Retained: grade 11 in 2023-2024 too; the secondary (20) enrollment must not win.
  REQUIRE(parse_records(dir, "senr.txt", {y2, test::with_field(y1, 24, "11"), secondary}, sink).ok());
  REQUIRE(sink.students.size() == 1);
  CHECK(sink.students[0].school_code == "9900011");
  CHECK(sink.students[0].academic_year == "2024-2025");
  CHECK(sink.calpads_state().grade_in("100011", "2023-2024") == 11);
  // Same year: the primary enrollment's grade, not the secondary's (10).
  CHECK(sink.calpads_state().grade_in("100011", "2024-2025") == 11);
}

TEST_CASE("SINF gives gender, ethnicity, race codes and SED by parent education, the Hispanic flag winning") {
  FormatsSink sink;
  REQUIRE(parse(sample("calpads-sinf.txt"), sink).ok());
  REQUIRE(sink.updates.size() == 6);
  const auto* mei = sink.update_of("100037");
  REQUIRE(mei);
  CHECK(mei->hispanic == true);
  CHECK(*mei->race_codes == std::vector<int>{202, 700});
  CHECK(mei->sed == true);  // 2.38 = 14, not a high school graduate
  CHECK(mei->mode == ingest::StudentUpdate::Mode::kOverwrite);
  core::Student s;
  s.hispanic = mei->hispanic;
  s.race_codes = *mei->race_codes;
  CHECK(core::race_ethnicity_group(s) == "hispanic");  // Hispanic = Y wins over two races
  const auto* sam = sink.update_of("100045");
  s.hispanic = sam->hispanic;
  s.race_codes = *sam->race_codes;
  CHECK(core::race_ethnicity_group(s) == "two_or_more");  // 201 Chinese + 400 Filipino
  CHECK(sam->gender == "X");
  CHECK(sam->sed == false);  // 2.38 = 12
  const auto* rowan = sink.update_of("100053");
  CHECK(rowan->race_codes->empty());  // 2.30 race missing = Y
  CHECK(rowan->hispanic == false);
  CHECK(sink.update_of("100061")->sed == false);  // 15 decline to state
}

TEST_CASE("SINF picks the record in effect on the as-of date") {
  test::TempDir dir;
  std::string rec = test::lines_of(sample("calpads-sinf.txt"))[0];  // 100011, 2.04 = 20240814
  std::string old = test::with_field(test::with_field(test::with_field(rec, 4, "20200101"), 5, "20240813"), 19, "M");
  FormatsSink sink;
  REQUIRE(parse_records(dir, "sinf.txt", {rec, old}, sink).ok());
  REQUIRE(sink.updates.size() == 1);
  CHECK(sink.updates[0].gender == "F");  // the closed 2020 record lost
  std::map<std::string, std::string> config = {{"ingest.as_of_date", "2022-06-30"}};
  FormatsSink then;
  REQUIRE(parse_records(dir, "sinf2.txt", {rec, old}, then, &config).ok());
  CHECK(then.updates[0].gender == "M");
}

TEST_CASE("SELA gives the EL status whose start date is the latest on or before the as-of date") {
  FormatsSink sink;
  REQUIRE(parse(sample("calpads-sela.txt"), sink).ok());
  CHECK(sink.update_of("100037")->el_status == "EL");
  CHECK(sink.update_of("100011")->el_status == "RFEP");
  test::TempDir dir;
  std::string el = test::lines_of(sample("calpads-sela.txt"))[5];  // 100061 EL since 20130903
  std::string rfep = test::with_field(test::with_field(el, 13, "RFEP"), 14, "20250301");
  FormatsSink later;
  REQUIRE(parse_records(dir, "sela.txt", {rfep, el}, later).ok());  // as of 2025-06-30
  CHECK(later.update_of("100061")->el_status == "RFEP");
  std::map<std::string, std::string> config = {{"agmon.school_year", "2023-2024"}};
  FormatsSink earlier;
  REQUIRE(parse_records(dir, "sela2.txt", {rfep, el}, earlier, &config).ok());  // as of 2024-06-30
  CHECK(earlier.update_of("100061")->el_status == "EL");
}

TEST_CASE("SPRG sends every program and derives SED from 181 182 135 191 193, homeless from 191") {
  FormatsSink sink;
  REQUIRE(parse(sample("calpads-sprg.txt"), sink).ok());
  REQUIRE(sink.programs.size() == 6);
  CHECK(sink.programs[4].program_code == "135");
  CHECK(sink.programs[4].end_date == "2026-07-14");
  REQUIRE(sink.updates.size() == 4);  // 100011 (181), 100037 (181+191), 100053 (182), 100061 (135)
  CHECK(sink.update_of("100011")->sed == true);
  CHECK(!sink.update_of("100011")->homeless);
  CHECK(sink.update_of("100037")->homeless == true);
  CHECK(sink.update_of("100061")->sed == true);  // migrant, open until 2026-07-14
  CHECK(sink.update_of("100045") == nullptr);    // 101 (504 plan) proves nothing
  CHECK(sink.update_of("100011")->ignore_if_unknown);

  test::TempDir dir;
  std::string meal = test::lines_of(sample("calpads-sprg.txt"))[0];
  std::string closed = test::with_field(meal, 16, "20240630");  // ended before 2024-2025 closed
  std::string tribal = test::with_field(test::with_field(meal, 8, "100099"), 13, "193");
  FormatsSink more;
  REQUIRE(parse_records(dir, "sprg.txt", {closed, tribal}, more).ok());
  CHECK(more.update_of("100011") == nullptr);
  CHECK(more.update_of("100099")->foster == true);
  CHECK(more.update_of("100099")->sed == true);
}

TEST_CASE("CRSC gives one course per course and year, AP from the state code table, honors from 9.19") {
  FormatsSink sink;
  auto stats = parse(sample("calpads-crsc.txt"), sink);
  REQUIRE(stats.ok());
  CHECK(stats->rows_read == 16);
  REQUIRE(sink.courses.size() == 8);  // two sections (S1, S2) each
  auto course = [&](const std::string& id) {
    for (const auto& c : sink.courses)
      if (c.local_course_id == id) return c;
    FAIL("no course " << id);
    return core::Course{};
  };
  CHECK(course("APENGLAN").rigor == core::Rigor::ap);  // 9119 AP English Language
  CHECK(course("APCALCAB").rigor == core::Rigor::ap);  // 9268 AP Calculus AB
  CHECK(course("CHEMH").rigor == core::Rigor::uc_honors);  // 9.19 = 14
  CHECK(course("CHEMH").nsil_code == "14");
  CHECK(course("ENG11").rigor == core::Rigor::none);
  CHECK(course("ENG11").uc_approved == "Y");
  CHECK(course("ELD3").uc_approved == "N");
  CHECK(!course("ENG11").ag_area);  // CRSC has no area (only 9.13 Y/N)
  CHECK(course("ENG11").academic_year == "2024-2025");
  CHECK(sink.calpads_state().check_section("9900011", "2024-2025", "CHEMH-01B", "CHEMH") ==
        ingest::CalpadsCallState::SectionCheck::kPosted);
}

TEST_CASE("CRSC rigor: the Pre-AP trap, AP under a CTE code via 9.32, college and dual credit") {
  test::TempDir dir;
  std::string base = test::lines_of(sample("calpads-crsc.txt"))[0];
  auto course = [&](const std::string& id, const std::string& state, const std::string& cross,
                    const std::string& nsil) {
    std::string r = test::with_field(test::with_field(base, 8, id), 7, state);
    r = test::with_field(test::with_field(r, 14, id + "-1"), 32, cross);
    return test::with_field(r, 19, nsil);
  };
  FormatsSink sink;
  REQUIRE(parse_records(dir, "crsc.txt",
                        {course("PREAPENG", "9121", "", ""),      // Pre-AP English: AP = Y in CDE's table
                         course("APBIOCTE", "7010", "9350", ""),  // CTE code, AP Biology cross-reference
                         course("DUAL", "9107", "", "24"), course("CCONLY", "9107", "", "23"),
                         course("IBBIO", "9351", "", "")},
                        sink).ok());
  REQUIRE(sink.courses.size() == 5);
  CHECK(sink.courses[0].rigor == core::Rigor::none);
  CHECK(sink.courses[1].rigor == core::Rigor::ap);
  CHECK(sink.courses[2].rigor == core::Rigor::dual_credit);
  CHECK(sink.courses[3].rigor == core::Rigor::college_credit);
  CHECK(sink.courses[4].rigor == core::Rigor::ib);
}

TEST_CASE("SCSC marks carry 10.19 as the A-G area, GA to GO read as g, and the SENR grade of their year") {
  FormatsSink sink;
  REQUIRE(parse(sample("calpads-senr.txt"), sink).ok());
  auto stats = parse(sample("calpads-scsc.txt"), sink);
  REQUIRE(stats.ok());
  CHECK(stats->rows_emitted == 14);
  const auto* m = sink.mark_of("100011", "ENG11", "S1");
  REQUIRE(m);
  CHECK(m->mark == "A-");
  CHECK(m->ag_area_override == core::Area::b);
  CHECK(m->credits_attempted == "5.00");
  CHECK(m->section_id == "ENG11-01A");
  CHECK(m->status == "completed");
  CHECK(m->grade_level_taken == 11);  // from SENR 1.24
  CHECK(sink.mark_of("100037", "ELD3", "S1")->ag_area_override == std::nullopt);
  CHECK(sink.mark_of("100037", "CHEMH", "S1")->credits_earned == "0.00");

  test::TempDir dir;
  std::string rec = test::lines_of(sample("calpads-scsc.txt"))[0];
  FormatsSink g;
  REQUIRE(parse_records(dir, "scsc.txt",
                        {test::with_field(rec, 19, "GC"), test::with_field(test::with_field(rec, 15, "S2"), 19, "GO")},
                        g).ok());
  CHECK(g.marks[0].ag_area_override == core::Area::g);
  CHECK(g.marks[1].ag_area_override == core::Area::g);
  CHECK(g.marks[0].grade_level_taken == 0);  // no SENR in this call: derived later
}

TEST_CASE("an ODS extract (SCSC-R, two trailing dates) reads like the submitted file, SCSE as in progress") {
  FormatsSink ods;
  auto stats = parse(sample("calpads-scsc-ods-extract.txt"), ods);
  REQUIRE(stats.ok());
  CHECK(stats->rows_emitted == 6);
  FormatsSink plain;
  REQUIRE(parse(sample("calpads-scsc.txt"), plain).ok());
  for (std::size_t i = 0; i < ods.marks.size(); ++i) {
    CHECK(ods.marks[i].student_id == plain.marks[i].student_id);
    CHECK(ods.marks[i].mark == plain.marks[i].mark);
    CHECK(ods.marks[i].ag_area_override == plain.marks[i].ag_area_override);
  }
  test::TempDir dir;
  std::string scse = test::with_field(test::with_field(test::lines_of(sample("calpads-scsc.txt"))[0], 1, "SCSE"), 18, "");
  FormatsSink fall;
  REQUIRE(parse_records(dir, "scse.txt", {scse}, fall).ok());
  REQUIRE(fall.marks.size() == 1);
  CHECK(fall.marks[0].status == "in_progress");
  CHECK(fall.marks[0].source == "SCSE");
}

TEST_CASE("ingest.calpads.layout may name a layout table file for another CFS version") {
  test::TempDir dir;
  // A made-up later version with 12.13 and 12.14 swapped.
  std::string table(ingest::builtin_calpads_layout_csv("v12"));
  std::string status_row = "SELA,12.13,el_status,English Language Acquisition Status Code,CS,Y";
  std::string date_row = "SELA,12.14,el_status_date,English Language Acquisition Status Start Date,DT,N";
  auto swap_at = table.find(status_row);
  REQUIRE(swap_at != std::string::npos);
  table.replace(table.find(date_row), date_row.size(),
                "SELA,12.14,el_status,English Language Acquisition Status Code,CS,Y");
  table.replace(swap_at, status_row.size(),
                "SELA,12.13,el_status_date,English Language Acquisition Status Start Date,DT,N");
  test::write_file(dir.file("v99.csv"), table);
  std::string rec = test::lines_of(sample("calpads-sela.txt"))[2];
  std::string swapped = test::with_field(test::with_field(rec, 13, "20220815"), 14, "EL");
  std::map<std::string, std::string> config = {{"ingest.calpads.layout", dir.file("v99.csv")}};
  FormatsSink sink;
  REQUIRE(parse_records(dir, "sela.txt", {swapped}, sink, &config).ok());
  REQUIRE(sink.updates.size() == 1);
  CHECK(sink.updates[0].el_status == "EL");
  FormatsSink wrong;  // the same record read with v12: 12.14 "EL" is not a date
  auto refused = parse_records(dir, "sela.txt", {swapped}, wrong);
  REQUIRE(!refused.ok());
  CHECK(refused.error().message.find("layout mismatch") != std::string::npos);
}
