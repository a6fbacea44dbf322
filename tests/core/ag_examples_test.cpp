// Runs every hand-worked transcript of tests/data/ag-examples.json (ag-rules §7) through the
// evaluator and compares every expected field.
#include <catch2/catch.hpp>

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
  r.status = r.mark == "IP" || r.mark.empty() ? "in_progress" : "completed";
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

}  // namespace

TEST_CASE("every hand-worked example of ag-examples.json gives its expected UC and CSU result", "[core][ag]") {
  test::Json examples = test::JsonReader::parse(test::read_file(test::data_path("ag-examples.json")));
  REQUIRE(examples.items.size() >= 10);
  for (const test::Json& ex : examples.items) {
    const std::string id = ex["id"].s;
    INFO("example " << id);
    std::vector<core::CourseRecord> records;
    std::string as_of;
    for (const test::Json& r : ex["records"].items) {
      records.push_back(to_record(r));
      as_of = std::max(as_of, records.back().school_year);  // the latest year on the transcript
    }
    core::Student student;
    student.student_id = ex["student"]["student_id"].s;
    int grade = static_cast<int>(ex["student"]["grade_level"].n);
    student.grade_level = (grade < 10 ? "0" : "") + std::to_string(grade);
    core::StudentReport rep = core::evaluate(student, records, core::RuleSet::defaults(), as_of);

    const test::Json& uc = ex["expected"]["uc"];
    check_areas(uc, rep.uc, "uc");
    CHECK(rep.uc.pattern_complete == uc["pattern_complete"].b);
    CHECK(rep.uc.pattern_complete_projected == uc["pattern_complete_projected"].b);
    CHECK(rep.uc.eleven_before_senior == uc["eleven_before_senior"].b);
    check_gpa(rep.uc.gpa_unweighted, uc["gpa_unweighted"], "uc unweighted");
    check_gpa(rep.uc.gpa_weighted_capped, uc["gpa_weighted_capped"], "uc weighted capped");
    check_gpa(rep.uc.gpa_fully_weighted, uc["gpa_fully_weighted"], "uc fully weighted");
    CHECK(rep.uc.eligible == uc["eligible"].b);
    CHECK(rep.uc.eligible_projected == uc["eligible_projected"].b);

    const test::Json& csu = ex["expected"]["csu"];
    check_areas(csu, rep.csu, "csu");
    CHECK(rep.csu.pattern_complete == csu["pattern_complete"].b);
    CHECK(rep.csu.pattern_complete_projected == csu["pattern_complete_projected"].b);
    check_gpa(rep.csu.gpa, csu["gpa"], "csu gpa");
    CHECK(rep.csu.eligible == csu["eligible"].b);
    CHECK(rep.csu.eligible_projected == csu["eligible_projected"].b);
  }
}
