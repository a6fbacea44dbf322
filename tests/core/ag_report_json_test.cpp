// report_to_json: the shape of interfaces.md "The student report".
#include <catch2/catch.hpp>

#include "agmon/core/report_json.h"
#include "core/ag_test_builders.h"
#include "core/test_json.h"

using namespace agmon;
using test::Json;

TEST_CASE("the student report JSON has the contract's keys and value types", "[core][ag][json]") {
  auto t = test::baseline().drop("ALG2");
  t.add("ALG2", 'c', 11, "D,C", "math=3");
  t.add("APCALC", 'c', 12, "IP,IP", "math=4 honors=ap");
  core::Student s;
  s.student_id = "900001";
  s.school_code = "101";
  s.grade_level = "12";
  s.counselor_id = "C7";
  auto rep = core::evaluate(s, t.records, core::RuleSet::defaults(), "2024-2025");
  std::string text = core::report_to_json(rep, R"([{"kind":"AG_DF_UNVALIDATED"}])");
  Json j = test::JsonReader::parse(text);
  CHECK(j["student_id"].s == "900001");
  CHECK(j["school_id"].s == "101");
  CHECK(j["grade_level"].n == 12);
  CHECK(j["counselor_id"].s == "C7");
  CHECK(j["as_of_year"].s == "2024-2025");
  for (const char* sys : {"uc", "csu"}) {
    const Json& u = j[sys];
    CHECK(u["pattern_complete"].type == Json::Type::boolean);
    CHECK(u["eligible"].type == Json::Type::boolean);
    for (const char* a : {"a", "b", "c", "d", "e", "f", "g"}) {
      const Json& area = u["areas"][a];
      for (const char* k : {"required", "earned", "in_progress", "missing"}) {
        CHECK(area[k].type == Json::Type::number);
      }
    }
  }
  CHECK(j["uc"]["eleven_before_senior"].b);
  CHECK(j["uc"]["gpa"]["unweighted"].type == Json::Type::number);
  CHECK(j["uc"]["gpa"]["honors_semesters"].n == 0);
  CHECK(j["csu"]["gpa"].type == Json::Type::number);
  CHECK(j["projected"]["uc_pattern_complete"].b);
  CHECK(j["ap"]["enrolled_this_year"].n == 1);
  CHECK(j["ap"]["completed"].n == 0);
  CHECK(j["alerts"][0]["kind"].s == "AG_DF_UNVALIDATED");
  const Json& courses = j["courses"];
  REQUIRE(courses.items.size() == t.records.size());
  bool saw_validated = false;
  for (const Json& c : courses.items) {
    for (const char* k : {"course_id", "title", "school_year", "term", "mark", "status", "reason"}) {
      CHECK(c[k].type == Json::Type::string);
    }
    if (c["status"].s == "validated") {
      saw_validated = true;
      CHECK(c["validated_by"].s == "ALG2 S2 2023-2024");
      CHECK(c["area"].s == "c");
    }
  }
  CHECK(saw_validated);
}

TEST_CASE("GPAs print with two decimals, counts as integers when whole, gaps as null", "[core][ag][json]") {
  core::StudentReport r;
  r.uc.gpa_unweighted = 3.7;
  r.uc.gpa_weighted_capped = 4.0;
  r.csu.gpa = std::nullopt;
  r.uc.area(core::Area::b).required = 8;
  r.uc.area(core::Area::b).earned = 22.0 / 3.0;
  std::string text = core::report_to_json(r);
  CHECK(text.find(R"("unweighted":3.70)") != std::string::npos);
  CHECK(text.find(R"("weighted_capped":4.00)") != std::string::npos);
  CHECK(text.find(R"("fully_weighted":null)") != std::string::npos);
  CHECK(text.find(R"("gpa":null)") != std::string::npos);
  CHECK(text.find(R"("b":{"required":8,"earned":7.33,)") != std::string::npos);
  CHECK(text.find(R"("alerts":[])") != std::string::npos);
  CHECK(text.find(R"("area":null)") == std::string::npos);  // no courses at all
  CHECK_NOTHROW(test::JsonReader::parse(text));
}
