// AlertRepo::snapshot_previous_statuses: before re-evaluation, the stored flags of the touched
// students (and only theirs) are kept for the alert rules; a second snapshot replaces the first.
#include <catch2/catch.hpp>

#include "agmon/store/alert_repo.h"
#include "agmon/store/database.h"
#include "agmon/store/evaluation_repo.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

void evaluated(store::Database& db, const std::string& id, bool uc, bool csu, bool on_track) {
  store::EvaluationRow row;
  row.student_id = id;
  row.school_code = "S1";
  row.as_of_year = "2025-2026";
  row.uc_complete_projected = uc;
  row.csu_complete_projected = csu;
  row.on_track = on_track;
  store::EvaluationRepo(db).save(row, std::nullopt);
}

}  // namespace

TEST_CASE("the previous statuses of the touched students are snapshot before re-evaluation") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("p.db"));
  REQUIRE(db.ok());
  store::Database& d = **db;
  evaluated(d, "1001", true, false, true);
  evaluated(d, "1002", false, true, false);
  evaluated(d, "1003", true, true, true);
  // What ImportStage leaves behind: the students this import touched (1004 is new).
  d.exec("CREATE TEMP TABLE touched_students (student_id TEXT PRIMARY KEY) WITHOUT ROWID");
  d.exec("INSERT INTO touched_students VALUES ('1001'), ('1002'), ('1004')");
  store::AlertRepo repo(d);
  repo.snapshot_previous_statuses();

  auto prev = repo.previous_statuses();
  REQUIRE(prev.size() == 2);  // 1003 was not touched, 1004 has no evaluation yet
  CHECK(prev.at("1001").uc_complete_projected);
  CHECK_FALSE(prev.at("1001").csu_complete_projected);
  CHECK(prev.at("1001").on_track);
  CHECK_FALSE(prev.at("1002").uc_complete_projected);
  CHECK(prev.at("1002").csu_complete_projected);
  CHECK_FALSE(prev.at("1002").on_track);
  CHECK(repo.previous_statuses("1002", "1002").size() == 1);

  // The evaluation changes, then a later snapshot (the next import) sees the new flags.
  evaluated(d, "1001", false, false, false);
  d.exec("DELETE FROM touched_students WHERE student_id <> '1001'");
  repo.snapshot_previous_statuses();
  prev = repo.previous_statuses();
  REQUIRE(prev.size() == 1);
  CHECK_FALSE(prev.at("1001").uc_complete_projected);
  CHECK_FALSE(prev.at("1001").on_track);
}
