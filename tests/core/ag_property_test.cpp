// Property tests over a few hundred seeded random transcripts: the report does not depend on
// record order, and a new passing course never lowers an area count.
#include <catch2/catch.hpp>

#include <algorithm>

#include "agmon/core/ag_evaluator.h"
#include "agmon/core/report_json.h"
#include "core/ag_random_transcripts.h"

using namespace agmon;

namespace {

core::Student student_in(int grade) {
  core::Student s;
  s.student_id = "R1";
  s.school_code = "101";
  s.grade_level = (grade < 10 ? "0" : "") + std::to_string(grade);
  return s;
}

}  // namespace

TEST_CASE("shuffling the records never changes the report", "[core][ag][property]") {
  test::TranscriptGenerator gen(20240901);
  const auto rules = core::RuleSet::defaults();
  for (int n = 0; n < 300; ++n) {
    int grade = 0;
    auto records = gen.next(&grade);
    auto student = student_in(grade);
    std::string expected = core::report_to_json(core::evaluate(student, records, rules, "2024-2025"));
    for (int k = 0; k < 3; ++k) {
      std::shuffle(records.begin(), records.end(), gen.rng());
      std::string got = core::report_to_json(core::evaluate(student, records, rules, "2024-2025"));
      INFO("transcript " << n << " shuffle " << k);
      REQUIRE(got == expected);
    }
  }
}

TEST_CASE("adding a passing course never lowers an area count", "[core][ag][property]") {
  test::TranscriptGenerator gen(777);
  const auto rules = core::RuleSet::defaults();
  const auto& templates = test::course_templates();
  int checked = 0;
  for (int n = 0; n < 300; ++n) {
    int grade = 0;
    auto records = gen.next(&grade);
    auto student = student_in(grade);
    auto before = core::evaluate(student, records, rules, "2024-2025");
    // A new course (fresh id, so never a repeat) passed with A or B in 9th-11th grade.
    const auto& c = templates[gen.pick(static_cast<int>(templates.size()))];
    if (c.area == '-') continue;
    core::CourseRecord r;
    r.course_id = std::string("NEW") + c.id;
    r.school_code = "101";
    r.ag_area = core::parse_area(std::string(1, c.area));
    r.honors = c.rigor;
    r.math_level = c.math_level;
    r.lote_language = c.lang;
    r.lote_level = c.lote_level;
    r.hss_type = c.hss;
    r.science_discipline = c.sci;
    r.vpa_discipline = c.vpa;
    r.grade_level = 9 + gen.pick(3);
    r.school_year = "2022-2023";
    r.term = gen.pick(2) ? "S1" : "FY";
    r.mark = gen.pick(2) ? "A" : "B";
    r.status = "completed";
    records.push_back(r);
    auto after = core::evaluate(student, records, rules, "2024-2025");
    INFO("transcript " << n << " + " << r.course_id);
    for (core::Area a : core::kAllAreas) {
      INFO("area " << core::area_letter(a));
      REQUIRE(after.uc.area(a).earned >= before.uc.area(a).earned);
      REQUIRE(after.csu.area(a).earned >= before.csu.area(a).earned);
      REQUIRE(after.uc.area(a).earned + after.uc.area(a).in_progress >=
              before.uc.area(a).earned + before.uc.area(a).in_progress);
    }
    REQUIRE(after.credited_semesters >= before.credited_semesters);
    REQUIRE(after.uc.semesters_before_senior >= before.uc.semesters_before_senior);
    ++checked;
  }
  CHECK(checked > 200);
}

TEST_CASE("random transcripts keep every count within its requirement", "[core][ag][property]") {
  test::TranscriptGenerator gen(4242);
  const auto rules = core::RuleSet::defaults();
  for (int n = 0; n < 300; ++n) {
    int grade = 0;
    auto records = gen.next(&grade);
    auto rep = core::evaluate(student_in(grade), records, rules, "2024-2025");
    REQUIRE(rep.courses.size() == records.size());
    for (const core::SystemResult* s : {static_cast<const core::SystemResult*>(&rep.uc),
                                        static_cast<const core::SystemResult*>(&rep.csu)}) {
      for (core::Area a : core::kAllAreas) {
        const auto& p = s->area(a);
        REQUIRE(p.earned >= 0);
        REQUIRE(p.earned <= p.required);
        REQUIRE(p.in_progress >= 0);
        REQUIRE(p.earned + p.in_progress + p.missing == Approx(p.required));
      }
      REQUIRE((!s->pattern_complete || s->pattern_complete_projected));
      REQUIRE((!s->eligible || s->pattern_complete));
    }
    if (rep.uc.gpa_weighted_capped) {
      REQUIRE(*rep.uc.gpa_unweighted <= *rep.uc.gpa_weighted_capped);
      REQUIRE(*rep.uc.gpa_weighted_capped <= *rep.uc.gpa_fully_weighted);
      REQUIRE(*rep.uc.gpa_fully_weighted <= 5.0);
    }
  }
}
