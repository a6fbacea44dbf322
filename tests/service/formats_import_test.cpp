// CALPADS and OneRoster files through the whole import: a layout mismatch refuses the call,
// orphans and duplicates are judged across the call, SINF/SELA/SPRG amend students already
// stored, and a OneRoster student new to the district needs a school and grade.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "agmon/service/importer.h"
#include "agmon/store/database.h"
#include "support/import_db.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

std::string sample(const std::string& name) { return test::data_path("samples/" + name); }

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(test::read_file(path));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

struct Fixture : test::ImportDb {
  Fixture() { settings = *service::Settings::from_config({{"agmon.school_year", "2024-2025"}}); }
  // CALPADS and OneRoster files as records, written with CRLF line ends.
  std::string write(const std::string& name, const std::vector<std::string>& records) const {
    std::string text;
    for (const auto& r : records) text += r + "\r\n";
    return ImportDb::write(name, text);
  }
  service::ImportReport import(const std::vector<std::string>& files, double max_reject = 0.01) const {
    service::ImportOptions o;
    o.max_reject_rate = max_reject;
    return ImportDb::import(files, o);
  }
};

}  // namespace

TEST_CASE("a CALPADS layout mismatch refuses the whole import call") {
  Fixture f;
  auto scsc = lines_of(sample("calpads-scsc.txt"));
  for (auto& r : scsc) r += "^extra";  // 21 fields: another CFS version
  auto r = f.import({sample("calpads-senr.txt"), sample("calpads-crsc.txt"), f.write("scsc.txt", scsc)});
  CHECK(r.exit_code == service::kImportRejected);
  CHECK(r.message.rfind("scsc.txt: layout mismatch: 10 of the first 10 records do not fit", 0) == 0);
  CHECK(f.text("SELECT count(*) FROM students") == "0");  // SENR was not applied either
}

TEST_CASE("CALPADS orphans and duplicates are judged across the call: unknown student, last record wins") {
  Fixture f;
  auto scsc = lines_of(sample("calpads-scsc.txt"));
  std::string first = scsc[0];  // 100011 ENG11 S1 A-
  scsc.push_back(first.replace(first.find("^A-^"), 4, "^B^"));
  std::string stranger = scsc[1];
  scsc.push_back(stranger.replace(stranger.find("^100011^"), 8, "^100099^"));
  auto r = f.import({sample("calpads-senr.txt"), sample("calpads-crsc.txt"), f.write("scsc.txt", scsc)}, 1.0);
  REQUIRE(r.exit_code == service::kImportAppliedWithQuarantine);
  REQUIRE(r.quarantined.size() == 2);
  CHECK(r.quarantined[0].kind == ingest::RowErrorKind::kDuplicateKey);
  CHECK(r.quarantined[0].line == 1);
  CHECK(r.quarantined[1].kind == ingest::RowErrorKind::kOrphan);
  CHECK(r.quarantined[1].line == 16);
  CHECK(r.quarantined[1].message == "no student 100099 in this import or the database");
  CHECK(f.text("SELECT mark FROM course_marks WHERE student_id = '100011' AND local_course_id = "
              "'ENG11' AND term_code = 'S1'") == "B");
}

TEST_CASE("SINF, SELA and SPRG imported alone amend the stored students and re-evaluate them") {
  Fixture f;
  REQUIRE(f.import({sample("calpads-senr.txt")}).exit_code == service::kImportApplied);
  CHECK(f.text("SELECT el_status || '/' || coalesce(sed, '-') FROM students WHERE student_id = '100037'") == "/-");
  auto r = f.import({sample("calpads-sela.txt"), sample("calpads-sprg.txt"), sample("calpads-sinf.txt")});
  REQUIRE(r.exit_code == service::kImportApplied);
  CHECK(r.students_evaluated == 6);
  CHECK(f.text("SELECT el_status || '/' || sed || '/' || homeless || '/' || race_codes FROM students "
              "WHERE student_id = '100037'") == "EL/1/1/202;700");
  CHECK(f.text("SELECT el || sed || homeless FROM student_evaluations WHERE student_id = '100037'") == "111");
  // A SINF record for a student CALPADS never enrolled is an orphan; their SPRG programs too.
  auto sinf = lines_of(sample("calpads-sinf.txt"));
  std::string ghost = sinf[0];
  ghost.replace(ghost.find("^100011^"), 8, "^100099^");
  auto sprg = lines_of(sample("calpads-sprg.txt"));
  std::string ghost_program = sprg[0];
  ghost_program.replace(ghost_program.find("^100011^"), 8, "^100099^");
  auto bad = f.import({f.write("sinf.txt", {ghost}), f.write("sprg.txt", {ghost_program})}, 1.0);
  REQUIRE(bad.quarantined.size() == 2);  // the program once, not again as an SED update
  CHECK(bad.quarantined[0].file == "sinf.txt");
  CHECK(bad.quarantined[1].file == "sprg.txt");
}

TEST_CASE("a OneRoster student new to the district with no grade is quarantined, not invented") {
  Fixture f;
  std::filesystem::copy(sample("oneroster"), f.dir.file("export"));
  std::string users = test::read_file(f.dir.file("export/users.csv"));
  users.replace(users.find(",,,,,09,"), 8, ",,,,,,");  // Rowan's grade left blank
  test::write_file(f.dir.file("export/users.csv"), users);
  auto r = f.import({f.dir.file("export")}, 1.0);
  REQUIRE(r.exit_code == service::kImportAppliedWithQuarantine);
  REQUIRE(r.quarantined.size() == 1);
  CHECK(r.quarantined[0].kind == ingest::RowErrorKind::kMissingKey);
  CHECK(r.quarantined[0].message == "student 100053 is new but this file gives no grade level for "
                                    "them (add them to a students.csv of this import)");
  // With a students.csv beside it the same export loads: the supplement gives the grade.
  Fixture g;
  std::filesystem::copy(f.dir.file("export"), g.dir.file("export"));
  auto ok = g.import({g.dir.file("export"), test::data_path("formats/oneroster-supplement/students.csv")});
  REQUIRE(ok.exit_code == service::kImportApplied);
  CHECK(g.text("SELECT grade_level || '/' || last_name FROM students WHERE student_id = '100053'") == "09/Peltier");
}
