// Parallel evaluation (agmon.eval.threads) is an implementation detail: a demo district
// imported with one thread and with four stores identical evaluations, packed reports and
// alerts, and every student is evaluated exactly once across the pipelined batches.
#include <catch2/catch.hpp>

#include "agmon/service/demo_data.h"
#include "agmon/service/importer.h"
#include "agmon/service/settings.h"
#include "agmon/store/database.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

// Everything an evaluation stores, one line per student (report bytes included).
std::string stored(const std::string& db_path, long* students) {
  auto db = store::Database::open(db_path);
  REQUIRE(db.ok());
  auto st = (*db)->prepare(
      "SELECT student_id || '|' || uc_complete || uc_complete_projected || csu_complete || on_track "
      "|| '|' || coalesce(uc_gpa_capped, '-') || '|' || hex(report_packed) FROM student_evaluations "
      "ORDER BY student_id");
  std::string out;
  *students = 0;
  while (st.step()) {
    out += st.str(0) + "\n";
    ++*students;
  }
  auto alerts = (*db)->prepare(
      "SELECT group_concat(identity, ';') FROM (SELECT identity FROM alerts ORDER BY identity)");
  REQUIRE(alerts.step());
  return out + alerts.str(0);
}

}  // namespace

TEST_CASE("one evaluation thread and four store the same evaluations of every student") {
  test::TempDir dir;
  service::DemoDataOptions demo;
  demo.students = 3000;  // about 90,000 marks: three pipelined batches of <= 32,768 marks
  demo.school_year = "2024-2025";
  REQUIRE(service::write_demo_data(demo, dir.path()).ok());
  const std::vector<std::string> files = {dir.file("students.csv"), dir.file("courses.csv"),
                                          dir.file("course_marks.csv")};
  long counts[2] = {0, 0};
  std::string results[2];
  int i = 0;
  for (const char* threads : {"1", "4"}) {
    auto settings = service::Settings::from_config({{"agmon.eval.threads", threads}});
    REQUIRE(settings.ok());
    const std::string db = dir.file(std::string("t") + threads + ".db");
    auto report = service::run_import(db, files, service::ImportOptions{}, *settings);
    REQUIRE(report.exit_code == service::kImportApplied);
    CHECK(report.students_evaluated == 3000);
    results[i] = stored(db, &counts[i]);
    ++i;
  }
  CHECK(counts[0] == 3000);
  CHECK(counts[1] == 3000);
  CHECK(results[0] == results[1]);
}

TEST_CASE("every evaluation batch sees its students' previous status and open status alerts") {
  test::TempDir dir;
  service::DemoDataOptions demo;
  demo.students = 3000;  // three batches: each reads the previous statuses of its own id range
  demo.school_year = "2024-2025";
  REQUIRE(service::write_demo_data(demo, dir.path()).ok());
  const std::string db_path = dir.file("s.db");
  const service::Settings settings;
  REQUIRE(service::run_import(db_path, {dir.file("students.csv"), dir.file("courses.csv"),
                                        dir.file("course_marks.csv")},
                              service::ImportOptions{}, settings)
              .exit_code == service::kImportApplied);
  auto count = [&](const char* sql) {
    auto db = store::Database::open(db_path);
    REQUIRE(db.ok());
    auto st = (*db)->prepare(sql);
    REQUIRE(st.step());
    return st.integer(0);
  };
  auto open_uc_changes = [&] {
    return count("SELECT count(*) FROM alerts WHERE kind = 'AG_STATUS_CHANGED' AND detail = 'uc_pattern' "
                 "AND status = 'open'");
  };
  CHECK(open_uc_changes() == 0);  // a first import has no previous status
  // Pretend every student was projected to complete the UC pattern, and make the next
  // import re-evaluate everyone (the stored year is not the current one).
  {
    auto db = store::Database::open(db_path);
    REQUIRE(db.ok());
    (*db)->exec("UPDATE student_evaluations SET uc_complete_projected = 1, as_of_year = '1999-2000'");
  }
  auto reevaluate_all = [&] {
    auto r = service::run_import(db_path, {dir.file("courses.csv")}, service::ImportOptions{}, settings);
    REQUIRE(r.exit_code == service::kImportApplied);
    CHECK(r.students_evaluated == 3000);
  };
  reevaluate_all();
  // Every student not projected complete now "was and no longer is": one alert each, in every
  // batch (a batch missing its previous statuses would raise none for its students).
  const auto not_projected =
      count("SELECT count(*) FROM student_evaluations WHERE uc_complete_projected = 0");
  REQUIRE(not_projected > 1000);
  CHECK(open_uc_changes() == not_projected);
  const auto in_last_batch = count(
      "SELECT count(*) FROM alerts WHERE kind = 'AG_STATUS_CHANGED' AND status = 'open' AND student_id > "
      "(SELECT student_id FROM student_evaluations ORDER BY student_id LIMIT 1 OFFSET 2500)");
  CHECK(in_last_batch > 0);
  // Re-evaluated again with nothing new: the alerts stay open through each batch's list of open
  // status alerts (the previous flags now equal the current ones, so only that list keeps them).
  {
    auto db = store::Database::open(db_path);
    REQUIRE(db.ok());
    (*db)->exec("UPDATE student_evaluations SET as_of_year = '1999-2000'");
  }
  reevaluate_all();
  CHECK(open_uc_changes() == not_projected);
}
