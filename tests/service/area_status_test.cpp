// The UC areas' standing kept with each evaluation (schema 5), which the student list carries
// for the dashboard's a-g strip: it agrees with the stored report for every student, and a
// database evaluated before schema 5 gets it at its next import, once.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "agmon/service/demo_data.h"
#include "agmon/service/importer.h"
#include "agmon/service/settings.h"
#include "agmon/store/database.h"
#include "agmon/store/evaluation_repo.h"
#include "core/test_json.h"
#include "support/import_db.h"

using namespace agmon;

namespace {

struct District : test::ImportDb {
  std::vector<std::string> files;

  District() {
    service::DemoDataOptions demo;
    demo.students = 60;
    demo.school_year = "2025-2026";
    REQUIRE(service::write_demo_data(demo, dir.path()).ok());
    files = {dir.file("students.csv"), dir.file("courses.csv"), dir.file("course_marks.csv")};
  }
  service::ImportReport import() const { return ImportDb::import(files); }
};

// The standing a report's numbers give, worked out here from the JSON (ag-rules.md: an area is
// met when earned reaches required; in progress when in-progress semesters would reach it).
std::string standing_from_report(const std::string& report_json) {
  const auto report = test::JsonReader::parse(report_json);
  const auto& areas = report["uc"]["areas"];
  std::string out;
  for (const char* k : {"a", "b", "c", "d", "e", "f", "g"}) {
    const auto& area = areas[k];
    const double required = area["required"].n;
    const double earned = area["earned"].n;
    const double in_progress = area["in_progress"].n;
    out += earned >= required ? 'm' : earned + in_progress >= required ? 'p' : 's';
  }
  return out;
}

// student id -> stored letters ("" for NULL)
std::map<std::string, std::string> stored_status(const std::string& path) {
  auto db = store::Database::open(path);
  REQUIRE(db.ok());
  auto st =
      (*db)->prepare("SELECT student_id, coalesce(uc_area_status, '') FROM student_evaluations");
  std::map<std::string, std::string> out;
  while (st.step()) out[st.str(0)] = st.str(1);
  return out;
}

}  // namespace

TEST_CASE("every evaluation keeps the UC areas' standing its report shows") {
  District d;
  REQUIRE(d.import().exit_code == service::kImportApplied);
  auto status = stored_status(d.db);
  REQUIRE(status.size() == 60);
  auto db = store::Database::open(d.db);
  REQUIRE(db.ok());
  store::EvaluationRepo evaluations(**db);
  std::set<char> seen;
  for (const auto& [id, letters] : status) {
    INFO(id);
    auto report = evaluations.report_json(id);
    REQUIRE(report);
    CHECK(letters == standing_from_report(*report));
    seen.insert(letters.begin(), letters.end());
  }
  // The demo district has students at every standing, so the comparison above is not vacuous.
  CHECK(seen == std::set<char>{'m', 'p', 's'});
}

TEST_CASE("evaluations made before schema 5 get their standing at the next import, once") {
  District d;
  REQUIRE(d.import().exit_code == service::kImportApplied);
  {
    auto db = store::Database::open(d.db);
    REQUIRE(db.ok());
    // As an upgraded database holds them: evaluated by an agmon that kept no standing.
    (*db)->exec(
        "UPDATE student_evaluations SET uc_area_status = NULL WHERE student_id IN "
        "(SELECT student_id FROM student_evaluations ORDER BY student_id LIMIT 25)");
  }
  auto before = stored_status(d.db);
  REQUIRE(std::count_if(before.begin(), before.end(),
                        [](const auto& s) { return s.second.empty(); }) == 25);
  auto unchanged_files = d.import();
  CHECK(unchanged_files.exit_code == service::kImportApplied);
  CHECK(unchanged_files.rows_changed == 0);
  CHECK(unchanged_files.students_evaluated == 25);  // those 25, not the whole district
  for (const auto& [id, letters] : stored_status(d.db)) CHECK(letters.size() == 7);
  CHECK(d.import().students_evaluated == 0);  // nothing left to fill
}
