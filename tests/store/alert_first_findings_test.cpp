// AlertRepo::begin_student_findings(): with no alert stored, an evaluation's findings are
// written straight into `alerts` as open alerts, and the apply_findings() that follows reports
// them as opened without diffing (nothing was stored to diff against). With an alert stored,
// they are staged and diffed as always.
#include <catch2/catch.hpp>
#include <memory>
#include <optional>

#include "agmon/store/alert_repo.h"
#include "agmon/store/database.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

core::AlertFinding finding(const std::string& student, core::AlertKind kind,
                           const std::string& detail) {
  core::AlertFinding f;
  f.kind = kind;
  f.audience = "counselor";
  f.school = "101";
  f.counselor = "C1";
  f.student_id = student;
  f.detail = detail;
  f.identity = std::string(core::alert_kind_name(kind)) + "|" + student + "|" + detail;
  f.message = "Student " + student + ": " + detail;
  return f;
}

std::string one(store::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.step());
  return st.str(0);
}

// Both students evaluated, as an import's TEMP touched_students lists them.
void touch_students(store::Database& db) {
  db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS touched_students (student_id TEXT PRIMARY KEY) WITHOUT "
      "ROWID");
  db.exec("INSERT OR IGNORE INTO touched_students VALUES ('S1'), ('S2')");
}

// A new database inside an import's transaction (rolled back at the end), both students touched.
class ImportInProgress {
 public:
  ImportInProgress() : opened_(store::Database::open(dir_.file("a.db"))) {
    REQUIRE(opened_.ok());
    tx_.emplace(db());
    touch_students(db());
  }
  store::Database& db() { return **opened_; }

 private:
  test::TempDir dir_;
  core::Result<std::unique_ptr<store::Database>> opened_;
  std::optional<store::Transaction> tx_;  // last: rolled back before the database closes
};

}  // namespace

TEST_CASE("with no alert stored, an evaluation's findings become open alerts as they are staged") {
  ImportInProgress import;
  store::Database& db = import.db();
  const std::string now = "2026-11-24T04:00:00Z";
  {
    store::AlertRepo stager(db);
    REQUIRE(stager.begin_student_findings(7, now));
    // One student's findings at a time; an identity repeated within a call is written once.
    stager.stage({finding("S1", core::AlertKind::ag_df_unvalidated, "ALG1 S1 2025-2026"),
                  finding("S1", core::AlertKind::ag_off_track, ""),
                  finding("S1", core::AlertKind::ag_off_track, "")});
    stager.stage({finding("S2", core::AlertKind::ag_no_math, "")});
    // Written already, in the order found, before any index but the identity's exists.
    CHECK(one(db,
              "SELECT group_concat(student_id || ' ' || kind, ', ') FROM (SELECT * FROM alerts "
              "ORDER BY "
              "alert_id)") == "S1 AG_DF_UNVALIDATED, S1 AG_OFF_TRACK, S2 AG_NO_MATH");
    CHECK(one(db,
              "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'alerts' AND sql IS NOT NULL "
              "AND type = "
              "'index'") == "0");
    stager.finish_student_findings();
  }
  CHECK(one(db,
            "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'alerts' AND sql IS NOT NULL AND "
            "type = "
            "'index'") == "3");
  CHECK(one(db, "PRAGMA integrity_check") == "ok");
  CHECK(one(db,
            "SELECT group_concat(alert_id || ' ' || event || ' ' || import_id || ' ' || at, ', ') "
            "FROM "
            "(SELECT * FROM alert_events ORDER BY rowid)") ==
        "1 opened 7 " + now + ", 2 opened 7 " + now + ", 3 opened 7 " + now);
  CHECK(one(db,
            "SELECT group_concat(status || ' ' || opened_at || ' ' || opened_import_id || ' ' || "
            "last_seen_at || ' ' || times_opened, ', ') FROM alerts") ==
        "open " + now + " 7 " + now + " 1, open " + now + " 7 " + now + " 1, open " + now + " 7 " +
            now + " 1");
  // The refresh that follows has nothing to diff: it reports the three as opened, resolves none.
  store::AlertRepo refresh(db);
  auto diff = refresh.apply_findings(store::AlertScope::kEvaluatedStudents, 7, now);
  CHECK(diff.opened == 3);
  CHECK(diff.resolved == 0);
  CHECK(one(db, "SELECT count(*) || ' ' || sum(status = 'open') FROM alerts") == "3 3");
  // Told once: a later refresh in the same transaction diffs (here, an empty staging table).
  refresh.begin_findings();
  auto later = refresh.apply_findings(store::AlertScope::kEvaluatedStudents, 8, now);
  CHECK(later.opened == 0);
  CHECK(later.resolved == 3);
}

TEST_CASE("with an alert stored, an evaluation's findings are staged and diffed") {
  ImportInProgress import;
  store::Database& db = import.db();
  {
    store::AlertRepo first(db);
    REQUIRE(first.begin_student_findings(1, "2026-11-23T04:00:00Z"));
    first.stage({finding("S1", core::AlertKind::ag_off_track, "")});
    first.finish_student_findings();
    store::AlertRepo(db).apply_findings(store::AlertScope::kEvaluatedStudents, 1,
                                        "2026-11-23T04:00:00Z");
  }
  store::AlertRepo stager(db);
  CHECK_FALSE(stager.begin_student_findings(2, "2026-11-24T04:00:00Z"));
  stager.stage({finding("S2", core::AlertKind::ag_no_math, "")});
  CHECK(one(db, "SELECT count(*) FROM alerts") == "1");  // staged, not written
  stager.finish_student_findings();                      // nothing to finish
  auto diff = store::AlertRepo(db).apply_findings(store::AlertScope::kEvaluatedStudents, 2,
                                                  "2026-11-24T04:00:00Z");
  CHECK(diff.opened == 1);    // S2's
  CHECK(diff.resolved == 1);  // S1's, no longer found
  CHECK(one(db,
            "SELECT group_concat(student_id || ' ' || status, ', ') FROM (SELECT * FROM alerts "
            "ORDER BY "
            "alert_id)") == "S1 resolved, S2 open");
}

TEST_CASE("a repeated identity is written once, among a few findings or among many") {
  ImportInProgress import;
  store::Database& db = import.db();
  store::AlertRepo stager(db);
  REQUIRE(stager.begin_student_findings(7, "2026-11-24T04:00:00Z"));
  {
    // Few (a student's findings): the repeat is found among the earlier ones.
    std::vector<core::AlertFinding> few{finding("S1", core::AlertKind::ag_off_track, ""),
                                        finding("S1", core::AlertKind::ag_no_math, ""),
                                        finding("S1", core::AlertKind::ag_off_track, "")};
    stager.stage(few);
  }  // the call's findings are gone: nothing bound may still point into them
  {
    // Many (a table's findings): 24, of which 4 repeat an earlier one.
    std::vector<core::AlertFinding> many;
    for (int i = 0; i < 20; ++i)
      many.push_back(
          finding("S2", core::AlertKind::ag_df_unvalidated, "COURSE" + std::to_string(i)));
    for (int i : {3, 7, 11, 19})
      many.push_back(
          finding("S2", core::AlertKind::ag_df_unvalidated, "COURSE" + std::to_string(i)));
    stager.stage(many);
  }
  stager.finish_student_findings();
  CHECK(one(db, "SELECT count(*) FROM alerts WHERE student_id = 'S1'") == "2");
  CHECK(one(db, "SELECT count(*) FROM alerts WHERE student_id = 'S2'") == "20");
  CHECK(one(db, "SELECT count(DISTINCT identity) FROM alerts") == "22");
  // Each row's texts are its own finding's (bound in place, row by row).
  CHECK(one(db,
            "SELECT count(*) FROM alerts WHERE message != 'Student ' || student_id || ': ' || "
            "detail") == "0");
  CHECK(one(db, "SELECT count(*) FROM alert_events WHERE event = 'opened' AND import_id = 7") ==
        "22");
}
