// Runs every hand-worked transcript of tests/data/ag-examples.json (ag-rules §7) and every case
// file of tests/cases/ag/ (same format) through the evaluator and compares the expected fields.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "agmon/core/ag_evaluator.h"
#include "core/test_json.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

core::CourseRecord to_record(const test::Json& j) {
  core::CourseRecord r;
  r.course_id = j["course_id"].s;
  r.school_code = "101";
  r.title = j.str_or("title");
  if (j.has("ag_area") && !j["ag_area"].is_null()) r.ag_area = core::parse_area(j["ag_area"].s);
  // ag-rules §7: none -> blank, uc_honors -> UC_HONORS, ap -> AP, ib -> IB, college -> COLLEGE_CREDIT.
  std::string honors = j.str_or("honors", "none");
  r.honors = honors == "ap" ? core::Rigor::ap
           : honors == "ib" ? core::Rigor::ib
           : honors == "uc_honors" ? core::Rigor::uc_honors
           : honors == "college" ? core::Rigor::college_credit
                                 : core::Rigor::none;
  r.math_level = static_cast<int>(j.num_or("math_level"));
  r.lote_language = j.str_or("lote_language");
  r.lote_level = static_cast<int>(j.num_or("lote_level"));
  r.hss_type = j.str_or("hss_type");
  r.science_discipline = j.str_or("science_discipline");
  r.vpa_discipline = j.str_or("vpa_discipline");
  r.grade_level = static_cast<int>(j["grade_level"].n);
  r.school_year = j["school_year"].s;
  r.term = j["term"].s == "SU" ? "SS" : j["term"].s;
  r.mark = j.str_or("mark");
  r.repeat_of_term = j.str_or("repeat_of_term");
  r.source = j.str_or("source");
  r.status = r.mark == "IP" || r.mark.empty() ? "in_progress" : (r.mark == "W" ? "withdrawn" : "completed");
  return r;
}

void check_areas(const test::Json& expected, const core::SystemResult& got, const std::string& sys) {
  for (char a = 'a'; a <= 'g'; ++a) {
    const test::Json& e = expected["areas"][std::string(1, a)];
    const core::AreaProgress& p = got.area(static_cast<core::Area>(a - 'a'));
    INFO(sys << " area " << a);
    CHECK(p.required == e["required"].n);
    CHECK(p.earned == e["earned"].n);
    CHECK(p.met() == e["met"].b);
  }
}

void check_gpa(const std::optional<double>& got, const test::Json& expected, const char* what) {
  INFO(what);
  if (expected.is_null()) {
    CHECK_FALSE(got.has_value());
  } else {
    REQUIRE(got.has_value());
    CHECK(*got == Approx(expected.n).margin(1e-9));
  }
}

// Runs one example object: {id, student, records, expected, [config], [as_of_year]}. Only the
// expected keys present are compared, so a case file may check just what it is about.
void run_example(const test::Json& ex) {
  const std::string id = ex["id"].s;
  INFO("example " << id);
  std::vector<core::CourseRecord> records;
  std::string as_of;
  for (const test::Json& r : ex["records"].items) {
    records.push_back(to_record(r));
    as_of = std::max(as_of, records.back().school_year);  // the latest year on the transcript
  }
  if (ex.has("as_of_year")) as_of = ex["as_of_year"].s;
  core::RuleSet rules = core::RuleSet::defaults();
  if (ex.has("config")) {
    std::map<std::string, std::string> kv;
    for (const auto& [k, v] : ex["config"].members) kv[k] = v.s;
    auto st = core::apply_rule_overrides(rules, kv);
    REQUIRE(st.ok());
  }
  core::Student student;
  student.student_id = ex["student"]["student_id"].s;
  int grade = static_cast<int>(ex["student"]["grade_level"].n);
  student.grade_level = (grade < 10 ? "0" : "") + std::to_string(grade);
  core::StudentReport rep = core::evaluate(student, records, rules, as_of);

  auto flag = [](const test::Json& e, const char* key, bool got) {
    if (!e.has(key)) return;
    INFO(key);
    CHECK(got == e[key].b);
  };
  auto gpa = [](const test::Json& e, const char* key, const std::optional<double>& got) {
    if (e.has(key)) check_gpa(got, e[key], key);
  };
  const test::Json& exp = ex["expected"];
  if (exp.has("uc")) {
    const test::Json& uc = exp["uc"];
    if (uc.has("areas")) check_areas(uc, rep.uc, "uc");
    flag(uc, "pattern_complete", rep.uc.pattern_complete);
    flag(uc, "pattern_complete_projected", rep.uc.pattern_complete_projected);
    flag(uc, "eleven_before_senior", rep.uc.eleven_before_senior);
    gpa(uc, "gpa_unweighted", rep.uc.gpa_unweighted);
    gpa(uc, "gpa_weighted_capped", rep.uc.gpa_weighted_capped);
    gpa(uc, "gpa_fully_weighted", rep.uc.gpa_fully_weighted);
    flag(uc, "eligible", rep.uc.eligible);
    flag(uc, "eligible_projected", rep.uc.eligible_projected);
    if (uc.has("semesters_before_senior")) CHECK(rep.uc.semesters_before_senior == uc["semesters_before_senior"].n);
  }
  if (exp.has("csu")) {
    const test::Json& csu = exp["csu"];
    if (csu.has("areas")) check_areas(csu, rep.csu, "csu");
    flag(csu, "pattern_complete", rep.csu.pattern_complete);
    flag(csu, "pattern_complete_projected", rep.csu.pattern_complete_projected);
    gpa(csu, "gpa", rep.csu.gpa);
    flag(csu, "eligible", rep.csu.eligible);
    flag(csu, "eligible_projected", rep.csu.eligible_projected);
  }
  flag(exp, "on_track", rep.on_track);
}

}  // namespace

TEST_CASE("every hand-worked example of ag-examples.json gives its expected UC and CSU result", "[core][ag]") {
  test::Json examples = test::JsonReader::parse(test::read_file(test::data_path("ag-examples.json")));
  REQUIRE(examples.items.size() >= 10);
  for (const test::Json& ex : examples.items) run_example(ex);
}

TEST_CASE("every case file in tests/cases/ag gives its expected result", "[core][ag]") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(AGMON_SOURCE_DIR) + "/tests/cases/ag")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);
  for (const auto& f : files) {
    INFO(f.filename().string());
    run_example(test::JsonReader::parse(test::read_file(f.string())));
  }
}
