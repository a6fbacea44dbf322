// A first import into a database file that does not exist yet builds it beside its path and
// moves it into place (store/new_database.h). It must store exactly what the same import into
// an existing empty database stores, and a refused one must leave what it always left.
#include <catch2/catch.hpp>
#include <filesystem>

#include "agmon/service/demo_data.h"
#include "agmon/service/importer.h"
#include "agmon/service/settings.h"
#include "agmon/store/database.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

// What an import stores, one line per row (packed reports included), timestamps aside.
std::string stored(const std::string& path) {
  auto db = store::Database::open(path);
  REQUIRE(db.ok());
  std::string out;
  for (const char* sql :
       {"SELECT student_id || '|' || uc_complete || on_track || '|' || coalesce(uc_gpa_capped, "
        "'-') "
        "|| '|' || hex(report_packed) FROM student_evaluations ORDER BY student_id",
        "SELECT alert_id || '|' || identity || '|' || message || '|' || status FROM alerts ORDER "
        "BY 1",
        "SELECT alert_id || '|' || event FROM alert_events ORDER BY 1",
        "SELECT school_code || '|' || local_course_id || '|' || academic_year || '|' || marks FROM "
        "course_mark_years ORDER BY 1",
        "SELECT count(*) || ' marks' FROM course_marks",
        "SELECT outcome || '|' || rows_read || '|' || rows_changed FROM imports ORDER BY "
        "import_id"}) {
    auto st = (*db)->prepare(sql);
    while (st.step()) out += st.str(0) + "\n";
  }
  return out;
}

// A 300-student demo district's three files in a fresh folder.
struct DemoDistrict {
  test::TempDir dir;
  std::vector<std::string> files;
  service::Settings settings;
  DemoDistrict() {
    service::DemoDataOptions demo;
    demo.students = 300;
    demo.school_year = "2024-2025";
    REQUIRE(service::write_demo_data(demo, dir.path()).ok());
    files = {dir.file("students.csv"), dir.file("courses.csv"), dir.file("course_marks.csv")};
  }
};

// No build's temporary file is left in `dir`.
void check_no_build_left(const test::TempDir& dir) {
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find(".building-") == std::string::npos);
}

}  // namespace

TEST_CASE("a first import that creates the database stores what one into an empty database does") {
  DemoDistrict d;
  const std::string existing = d.dir.file("existing.db");
  REQUIRE(store::Database::open(existing).ok());  // created empty first: imported in place
  auto a = service::run_import(existing, d.files, {}, d.settings);
  const std::string created = d.dir.file("created.db");
  auto b = service::run_import(created, d.files, {}, d.settings);
  REQUIRE(a.exit_code == service::kImportApplied);
  REQUIRE(b.exit_code == service::kImportApplied);
  CHECK(b.students_evaluated == 300);
  CHECK(b.import_id == a.import_id);
  CHECK(stored(created) == stored(existing));
  check_no_build_left(d.dir);
}

TEST_CASE("a refused first import leaves the refusal recorded at the path, as it always did") {
  test::TempDir dir;
  test::write_file(
      dir.file("students.csv"),
      "student_id,school_code,grade_level\nS1,101,11\nS2,101,13\n");  // 13: refused row
  auto settings = service::Settings::from_config({});
  REQUIRE(settings.ok());
  service::ImportOptions strict;
  strict.max_reject_rate = 0.0;
  const std::string path = dir.file("agmon.db");
  auto r = service::run_import(path, {dir.file("students.csv")}, strict, *settings);
  CHECK(r.exit_code == service::kImportRejected);
  auto db = store::Database::open(path);
  REQUIRE(db.ok());
  auto st = (*db)->prepare(
      "SELECT (SELECT count(*) FROM students) || ' ' || group_concat(outcome) FROM imports");
  REQUIRE(st.step());
  CHECK(st.str(0) == "0 rejected");
  check_no_build_left(dir);
}

TEST_CASE(
    "a first import writes its alerts as it finds them, indexes after, and the next one diffs "
    "against them") {
  DemoDistrict d;
  const std::string path = d.dir.file("agmon.db");
  auto first = service::run_import(path, d.files, {}, d.settings);
  REQUIRE(first.exit_code == service::kImportApplied);
  REQUIRE(first.alerts_opened > 300);  // the demo district has alerts to write
  auto db = store::Database::open(path);
  REQUIRE(db.ok());
  auto one = [&](const std::string& sql) {
    auto st = (*db)->prepare(sql);
    REQUIRE(st.step());
    return st.str(0);
  };
  CHECK(one("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = "
            "'index' AND tbl_name = 'alerts' AND sql IS NOT NULL ORDER BY name)") ==
        "alerts_counselor alerts_status alerts_student");
  CHECK(one("PRAGMA integrity_check") == "ok");  // the indexes hold every alert
  CHECK(one("SELECT count(*) FROM alerts INDEXED BY alerts_student WHERE student_id <> ''") ==
        one("SELECT count(*) FROM alerts WHERE student_id <> ''"));
  // Each alert opened once, by this import, as the report counts them; events in id order.
  CHECK(one("SELECT count(*) FROM alerts") == std::to_string(first.alerts_opened));
  CHECK(one("SELECT count(DISTINCT alert_id) || ' ' || count(*) || ' ' || sum(event = 'opened' AND import_id = " +
            std::to_string(*first.import_id) + ") FROM alert_events") ==
        std::to_string(first.alerts_opened) + " " + std::to_string(first.alerts_opened) + " " +
            std::to_string(first.alerts_opened));
  CHECK(one("SELECT count(*) FROM alert_events a JOIN alert_events b ON b.rowid = a.rowid + 1 WHERE "
            "b.alert_id < a.alert_id") == "0");
  // Their ids follow the order they were found: student by student.
  CHECK(one("SELECT count(*) FROM alerts a JOIN alerts b ON b.alert_id = a.alert_id + 1 WHERE "
            "a.student_id <> '' AND b.student_id <> '' AND b.student_id < a.student_id") == "0");
  const std::string before = one("SELECT count(*) || ' ' || sum(status = 'open') FROM alerts");
  // Everyone re-evaluated on the same marks (as when the year moves on): every finding is
  // found again among the stored alerts, through the diff the first import skipped.
  (*db)->exec("UPDATE student_evaluations SET as_of_year = '1999-2000'");
  auto again = service::run_import(path, {d.dir.file("courses.csv")}, {}, d.settings);
  REQUIRE(again.exit_code == service::kImportApplied);
  CHECK(again.students_evaluated == 300);
  CHECK(again.alerts_opened == 0);
  CHECK(again.alerts_resolved == 0);
  CHECK(one("SELECT count(*) || ' ' || sum(status = 'open') FROM alerts") == before);
}
