// parse_file_pipelined(): the same sink calls in the same order as ingest::parse_file for every
// format, CALPADS files seeing each other through the pipeline, errors after the calls before
// them, a throwing sink stopping the parser thread, and an import of files big enough to go
// through it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "agmon/ingest/calpads_call_state.h"
#include "agmon/ingest/importer_registry.h"
#include "agmon/service/importer.h"
#include "agmon/store/database.h"
#include "service/parse_pipeline.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

// Every call goes through the pipeline, in batches of 5 calls of which 2 may wait.
const service::PipelineOptions kEveryFile{0, 5, 2};

std::string yn(const std::optional<bool>& b) {
  return b ? (*b ? "Y" : "N") : "-";
}
std::string area(const std::optional<core::Area>& a) {
  return a ? std::string(1, core::area_letter(*a)) : "-";
}
std::string ints(const std::vector<int>& v) {
  std::string out;
  for (int i : v) out += std::to_string(i) + ";";
  return out;
}
std::string texts(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + ";";
  return out;
}
std::string join(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts) out += p + "|";
  return out;
}

// A sink that writes down every call with every field it was given, for comparing two parses.
class CallLog : public ingest::RecordSink {
 public:
  void on_student(core::Student&& s, long line) override {
    add("student", line,
        join({s.student_id, s.school_code, s.grade_level, s.ssid, s.academic_year, s.counselor_id,
              s.last_name, s.first_name, s.birth_date, s.gender, yn(s.hispanic), ints(s.race_codes),
              s.el_status, yn(s.sed), yn(s.swd), yn(s.foster), yn(s.homeless)}));
  }
  void on_course(core::Course&& c, long line) override { add("course", line, course(c)); }
  void on_course_default(core::Course&& c, long line) override {
    add("course_default", line, course(c));
  }
  void on_mark(core::CourseMark&& m, long line) override {
    ++marks;
    add("mark", line,
        join({m.student_id, m.school_code, m.academic_year, m.term_code, m.local_course_id,
              std::to_string(m.grade_level_taken), m.mark, m.credits_attempted, m.credits_earned,
              m.section_id, m.ssid, m.source, m.status, area(m.ag_area_override),
              m.repeat_of_term}));
  }
  void on_program(ingest::StudentProgram&& p, long line) override {
    add("program", line,
        join({p.student_id, p.school_code, p.program_code, p.start_date, p.end_date}));
  }
  void on_ag_course(ingest::AgCourseListEntry&& e, long line) override {
    std::string online = e.is_online ? (*e.is_online ? "Y" : "N") : "-";
    add("ag_course", line,
        join({e.ucop_institution_id, e.school_code, e.list_year, e.ucop_course_id, e.course_title,
              texts(e.transcript_abbrevs), area(e.ag_area), e.discipline,
              std::string(core::rigor_name(e.honors)), e.course_length, ints(e.grade_levels),
              online}));
  }
  void on_student_update(ingest::StudentUpdate&& u, long line) override {
    add("update", line,
        join({u.student_id, std::to_string(static_cast<int>(u.mode)),
              std::to_string(u.create_if_unknown), std::to_string(u.ignore_if_unknown),
              u.school_code, u.grade_level, u.ssid, u.academic_year, u.last_name, u.first_name,
              u.birth_date, u.gender, yn(u.hispanic), u.race_codes ? ints(*u.race_codes) : "-",
              u.el_status, yn(u.sed), yn(u.swd), yn(u.foster), yn(u.homeless)}));
  }
  void on_error(ingest::RowError&& e) override {
    ++errors;
    add("error", e.line,
        join({e.file, e.column, e.value, std::string(ingest::row_error_kind_name(e.kind)),
              e.message, e.raw}));
  }
  void on_warning(const std::string& file, long line, const std::string& message) override {
    ++warnings;
    add("warning", line, join({file, message}));
  }

  std::vector<std::string> calls;
  long marks = 0, errors = 0, warnings = 0;

 private:
  static std::string course(const core::Course& c) {
    return join({c.school_code, c.local_course_id, c.academic_year, c.course_title, area(c.ag_area),
                 std::string(core::rigor_name(c.rigor)), c.state_course_code,
                 std::to_string(c.math_level), c.lote_language, std::to_string(c.lote_level),
                 c.hss_type, c.science_discipline, c.vpa_discipline, c.transcript_abbrev,
                 c.uc_approved, c.nsil_code, c.credit_value, c.course_length});
  }
  void add(const char* what, long line, const std::string& fields) {
    calls.push_back(std::string(what) + "@" + std::to_string(line) + ":" + fields);
  }
};

std::string outcome_of(const core::Result<ingest::FileStats>& r) {
  if (!r) return "error: " + r.error().message;
  return std::string(ingest::file_kind_name(r->kind)) + " read " + std::to_string(r->rows_read) +
         " emitted " + std::to_string(r->rows_emitted) + " quarantined " +
         std::to_string(r->rows_quarantined) + " warnings " + std::to_string(r->warnings);
}

// Parses `paths` in order into one sink, as one import call does: directly, or pipelined.
struct Parsed {
  CallLog log;
  std::vector<std::string> outcomes;
};
void parse_direct(const std::vector<std::string>& paths, Parsed& out) {
  for (const auto& p : paths)
    out.outcomes.push_back(outcome_of(ingest::parse_file(p, {}, out.log)));
}
void parse_pipelined(const std::vector<std::string>& paths, Parsed& out,
                     const service::PipelineOptions& pipeline) {
  for (const auto& p : paths) {
    out.outcomes.push_back(outcome_of(service::parse_file_pipelined(p, {}, out.log, pipeline)));
  }
}

std::string sample(const std::string& name) {
  return test::data_path("samples/" + name);
}

// A canonical district: `students` students (every 50th, from the 8th, with grade level 99),
// 4 marks each, every 97th mark row with the unknown mark ZZ and every 211th of the others
// (from the 6th) with no student id. course_marks.csv has an extra `comment` column.
void write_district(test::TempDir& dir, int students) {
  std::string s = "student_id,school_code,grade_level,gender\n";
  for (int i = 0; i < students; ++i) {
    s += "S" + std::to_string(10000 + i) + ",101," + (i % 50 == 7 ? "99" : "11") + "," +
         (i % 2 ? "F" : "M") + "\n";
  }
  test::write_file(dir.file("students.csv"), s);
  test::write_file(dir.file("courses.csv"),
                   "school_code,local_course_id,course_title,ag_area\n"
                   "101,ENG11,English 11,b\n101,ALG2,Algebra 2,c\n");
  std::string m =
      "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark,"
      "comment\n";
  const char* kMarks[] = {"A", "B+", "C-", "D", "F", "P", ""};
  for (int i = 0; i < students * 4; ++i) {
    std::string id = i % 97 != 0 && i % 211 == 5 ? "" : "S" + std::to_string(10000 + i / 4);
    std::string mark = i % 97 == 0 ? "ZZ" : kMarks[i % 7];
    m += id + ",101,2024-2025," + (i % 2 ? "S2" : "S1") + "," + (i % 4 < 2 ? "ENG11" : "ALG2") +
         ",11," + mark + ",row " + std::to_string(i) + " of the generated district\n";
  }
  test::write_file(dir.file("course_marks.csv"), m);
}

std::vector<std::string> district_files(const test::TempDir& dir) {
  return {dir.file("students.csv"), dir.file("courses.csv"), dir.file("course_marks.csv")};
}

const std::vector<std::string> kCalpadsSet = {"calpads-senr.txt",
                                              "calpads-sinf.txt",
                                              "calpads-sela.txt",
                                              "calpads-sprg.txt",
                                              "calpads-crsc.txt",
                                              "calpads-scsc.txt",
                                              "calpads-scsc-ods-extract.txt"};

}  // namespace

TEST_CASE("a pipelined parse makes the direct parse's sink calls, in order, for every format") {
  test::TempDir dir;
  write_district(dir, 3000);
  // 12000 mark rows of about 60 bytes: past the 256 KB under which a file is parsed directly.
  REQUIRE(std::filesystem::file_size(dir.file("course_marks.csv")) > 256 * 1024);
  std::vector<std::string> paths = district_files(dir);
  for (const char* f : {"students.csv", "courses.csv", "course_marks.csv", "student_programs.csv",
                        "ag_course_list.csv"}) {
    paths.push_back(sample(std::string("canonical/") + f));
  }
  for (const auto& f : kCalpadsSet) paths.push_back(sample(f));
  paths.push_back(sample("oneroster"));
  paths.push_back(test::data_path("formats/oneroster.zip"));
  paths.push_back(sample("ucop/courselist-institution-99990.json"));

  Parsed direct;
  parse_direct(paths, direct);
  // The generated district as worked out by hand: 3000 students of which 60 have grade 99;
  // 12000 mark rows of which 124 have mark ZZ (i = 0, 97, ... 11931) and 57 no student id
  // (i = 5, 216, ... 11821; none of them a multiple of 97), each one row error.
  CHECK(direct.outcomes[0] == "students read 3000 emitted 2940 quarantined 60 warnings 0");
  CHECK(direct.outcomes[2] == "course_marks read 12000 emitted 11819 quarantined 181 warnings 1");
  REQUIRE(direct.outcomes.size() == paths.size());
  for (const auto& o : direct.outcomes) CHECK(o.rfind("error", 0) == std::string::npos);
  CHECK(direct.log.marks > 11819);
  CHECK(direct.log.errors > 240);

  SECTION("every file through the pipeline, in batches of 5") {
    Parsed piped;
    parse_pipelined(paths, piped, kEveryFile);
    CHECK(piped.outcomes == direct.outcomes);
    CHECK(piped.log.calls.size() == direct.log.calls.size());
    CHECK(piped.log.calls == direct.log.calls);
  }
  SECTION("the default options: only the big marks file goes through it") {
    Parsed piped;
    parse_pipelined(paths, piped, {});
    CHECK(piped.outcomes == direct.outcomes);
    CHECK(piped.log.calls == direct.log.calls);
  }
}

TEST_CASE("CALPADS files parsed through the pipeline see the earlier files of the call") {
  service::PipelineOptions pipeline = kEveryFile;
  CallLog log;
  SECTION("SENR and SCSC both pipelined") {}
  SECTION("SENR parsed directly, SCSC pipelined") {
    pipeline.min_input_bytes = 1 << 30;
  }
  REQUIRE(service::parse_file_pipelined(sample("calpads-senr.txt"), {}, log, pipeline).ok());
  REQUIRE(service::parse_file_pipelined(sample("calpads-crsc.txt"), {}, log, kEveryFile).ok());
  // The state the parser thread filled is the real sink's own.
  CHECK(log.calpads_state().grade_in("100053", "2024-2025") == 9);
  CHECK(log.calpads_state().check_section("9900011", "2024-2025", "ENG11-01A", "ENG11") ==
        ingest::CalpadsCallState::SectionCheck::kPosted);
  log.calls.clear();
  REQUIRE(service::parse_file_pipelined(sample("calpads-scsc.txt"), {}, log, kEveryFile).ok());
  // SCSC has no grade level: 11 is the SENR grade of student 100011 in 2024-2025.
  REQUIRE(log.calls.size() >= 1);
  CHECK(log.calls[0].rfind("mark@1:100011|9900011|2024-2025|S1|ENG11|11|A-|", 0) == 0);
  CHECK(log.errors == 0);
}

TEST_CASE("a file refused by its parser is refused the same way, after the calls made before") {
  test::TempDir dir;
  SECTION("a canonical file whose header lacks a required column: no call at all") {
    test::write_file(dir.file("students.csv"), "school_code,grade_level\n101,11\n101,12\n");
    Parsed direct, piped;
    parse_direct({dir.file("students.csv")}, direct);
    parse_pipelined({dir.file("students.csv")}, piped, kEveryFile);
    REQUIRE(direct.outcomes.size() == 1);
    CHECK(direct.outcomes[0].rfind("error: students.csv: ", 0) == 0);
    CHECK(direct.outcomes[0].find("student_id") != std::string::npos);
    CHECK(piped.outcomes == direct.outcomes);
    CHECK(piped.log.calls.empty());
  }
  SECTION("a OneRoster export whose enrollments.csv lacks a column: refused after its users") {
    std::filesystem::copy(sample("oneroster"), dir.file("or"));
    std::string enrollments = test::read_file(dir.file("or/enrollments.csv"));
    enrollments.replace(enrollments.find("classSourcedId"), 14, "classId");
    test::write_file(dir.file("or/enrollments.csv"), enrollments);
    Parsed direct, piped;
    parse_direct({dir.file("or")}, direct);
    parse_pipelined({dir.file("or")}, piped, kEveryFile);
    CHECK(direct.outcomes ==
          std::vector<std::string>{"error: or: enrollments.csv: missing column 'classSourcedId'"});
    CHECK(piped.outcomes == direct.outcomes);
    CHECK(direct.log.calls.size() > 10);  // courses, users and results read before enrollments
    CHECK(piped.log.calls == direct.log.calls);
  }
}

namespace {

// Throws on its first row error, as a store error would.
class FailingSink : public CallLog {
 public:
  void on_error(ingest::RowError&&) override { throw std::runtime_error("disk I/O error"); }
};

}  // namespace

TEST_CASE(
    "a sink that throws stops the parser thread, which is joined, and the exception propagates") {
  // 40000 CRSC sections, every second one with a bad NSIL code (a row error).
  test::TempDir dir;
  std::string first = test::read_file(sample("calpads-crsc.txt"));
  first = first.substr(0, first.find("\r\n"));
  auto field_replaced = [&](int n, const std::string& value) {
    std::size_t start = 0;
    for (int i = 1; i < n; ++i) start = first.find('^', start) + 1;
    std::string rec = first;
    return rec.replace(start, rec.find('^', start) - start, value);
  };
  std::string text;
  for (int i = 0; i < 40000; ++i) {
    std::string rec = field_replaced(14, "SEC-" + std::to_string(i));
    if (i % 2 == 1) {
      std::size_t start = 0;
      for (int f = 1; f < 19; ++f) start = rec.find('^', start) + 1;
      rec.insert(start, "99");  // 9.19 was blank
    }
    text += rec + "\r\n";
  }
  test::write_file(dir.file("crsc.txt"), text);

  FailingSink sink;
  CHECK_THROWS_WITH(service::parse_file_pipelined(dir.file("crsc.txt"), {}, sink, kEveryFile),
                    "disk I/O error");
  // The parser stopped long before the end: the sections it read went into the state, the
  // last one did not. It has read at least the first batch (5 errors: records 0 to 9) and at
  // most 4 (the one replayed, 2 queued, the one it waits to hand over): records 0 to 39.
  const auto& state = sink.calpads_state();
  using Check = ingest::CalpadsCallState::SectionCheck;
  CHECK(state.check_section("9900011", "2024-2025", "SEC-0", "ENG11") == Check::kPosted);
  CHECK(state.check_section("9900011", "2024-2025", "SEC-8", "ENG11") == Check::kPosted);
  CHECK(state.check_section("9900011", "2024-2025", "SEC-40", "ENG11") == Check::kMissing);
  CHECK(state.check_section("9900011", "2024-2025", "SEC-39998", "ENG11") == Check::kMissing);
  CHECK(sink.calls.empty());  // the first call was the first row error

  // The sink works again for the next file: nothing of the stopped parse is left behind.
  CallLog next;
  CHECK(service::parse_file_pipelined(sample("calpads-crsc.txt"), {}, next, kEveryFile).ok());
  CHECK(next.errors == 0);
}

TEST_CASE("an import of files past the pipeline's threshold applies what a direct parse gives") {
  test::TempDir dir;
  write_district(dir, 3000);
  service::Settings settings;
  service::ImportOptions options;
  options.max_reject_rate = 0.05;  // 3.2% are quarantined
  auto r = service::run_import(dir.file("agmon.db"), district_files(dir), options, settings);
  INFO(service::import_report_text(r));
  // Rows read: 3000 + 2 + 12000. Quarantined: 60 students with grade 99, 181 bad mark rows,
  // and as orphans the 4 marks of each of the 60 rejected students that were not bad already
  // (240 less row 2231 of student 557, mark ZZ): 60 + 181 + 239 = 480.
  CHECK(r.rows_read == 15002);
  CHECK(r.rows_quarantined == 480);
  CHECK(r.rows_applied == 15002 - 480);
  auto db = store::Database::open(dir.file("agmon.db"));
  REQUIRE(db.ok());
  auto marks = (*db)->prepare("SELECT count(*) FROM course_marks");
  REQUIRE(marks.step());
  CHECK(marks.integer(0) == 12000 - 181 - 239);
}
