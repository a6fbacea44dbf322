// ImportRepo: an import's row, files and quarantined rows written and read back, the history
// paged newest first, quarantined rows paged by row id, and the totals per outcome.
#include "agmon/store/import_repo.h"

#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

store::QuarantinedRecord bad_row(long line) {
  return {0, "marks.csv", line, "mark", "Z", "bad_code", "unknown mark Z", "1001,S1,Z"};
}

long finished(store::ImportRepo& repo, const std::string& outcome, long applied, long quarantined) {
  long id = repo.begin("2026-01-01T00:00:00Z", "incremental", "cli");
  store::ImportRecord r;
  r.import_id = id;
  r.finished_at = "2026-01-01T00:00:05Z";
  r.outcome = outcome;
  r.rows_applied = applied;
  r.rows_quarantined = quarantined;
  repo.finish(r);
  return id;
}

}  // namespace

TEST_CASE("an import record is written in steps and read back whole") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("i.db"));
  REQUIRE(db.ok());
  store::ImportRepo repo(**db);
  long id = repo.begin("2026-01-02T03:04:05Z", "full", "http");
  auto running = repo.find(id);
  REQUIRE(running);
  CHECK(running->outcome == "running");
  CHECK(running->finished_at.empty());
  CHECK(running->mode == "full");
  CHECK(running->origin == "http");

  repo.add_files(id, {{"students.csv", "students", "ab12", 10, 0},
                      {"marks.csv", "course_marks", "cd34", 20, 2}});
  repo.add_files(id,
                 {{"marks.csv", "course_marks", "ef56", 21, 3}});  // named again: the last row wins
  repo.add_quarantined(id, {bad_row(7), bad_row(9)});
  store::ImportRecord done;
  done.import_id = id;
  done.finished_at = "2026-01-02T03:05:00Z";
  done.outcome = "applied_with_quarantine";
  done.rows_read = 31;
  done.rows_applied = 29;
  done.rows_changed = 28;
  done.rows_quarantined = 2;
  done.rows_removed = 1;
  done.students_evaluated = 10;
  done.alerts_opened = 4;
  done.alerts_resolved = 3;
  done.seconds = 1.25;
  done.message = "ok";
  done.report_json = "{\"x\":1}";
  repo.finish(done);

  auto r = repo.find(id);
  REQUIRE(r);
  CHECK(r->started_at == "2026-01-02T03:04:05Z");
  CHECK(r->mode == "full");  // left as begun
  CHECK(r->finished_at == "2026-01-02T03:05:00Z");
  CHECK(r->outcome == "applied_with_quarantine");
  CHECK(r->rows_read == 31);
  CHECK(r->rows_applied == 29);
  CHECK(r->rows_changed == 28);
  CHECK(r->rows_quarantined == 2);
  CHECK(r->rows_removed == 1);
  CHECK(r->students_evaluated == 10);
  CHECK(r->alerts_opened == 4);
  CHECK(r->alerts_resolved == 3);
  CHECK(r->seconds == Approx(1.25));
  CHECK(r->message == "ok");
  CHECK(r->report_json == "{\"x\":1}");
  CHECK_FALSE(repo.find(id + 1));

  auto files = repo.files_of(id);
  REQUIRE(files.size() == 2);
  CHECK(files[0].file == "students.csv");
  CHECK(files[1].file == "marks.csv");
  CHECK(files[1].sha256 == "ef56");
  CHECK(files[1].rows_read == 21);
  CHECK(files[1].rows_quarantined == 3);

  auto rows = repo.quarantined_of(id, 0, 10);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].line == 7);
  CHECK(rows[1].line == 9);
  CHECK(rows[0].row_id < rows[1].row_id);
  CHECK(rows[0].column == "mark");
  CHECK(rows[0].value == "Z");
  CHECK(rows[0].kind == "bad_code");
  CHECK(rows[0].reason == "unknown mark Z");
  CHECK(rows[0].raw == "1001,S1,Z");
}

TEST_CASE("the import history pages newest first and quarantined rows by row id") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("i.db"));
  REQUIRE(db.ok());
  store::ImportRepo repo(**db);
  long a = finished(repo, "applied", 100, 0);
  long b = finished(repo, "rejected", 0, 5);
  long c = finished(repo, "applied_with_quarantine", 50, 2);
  auto page = repo.newest(0, 2);
  REQUIRE(page.size() == 2);
  CHECK(page[0].import_id == c);
  CHECK(page[1].import_id == b);
  CHECK(page[0].report_json.empty());
  auto rest = repo.newest(b, 2);
  REQUIRE(rest.size() == 1);
  CHECK(rest[0].import_id == a);

  std::vector<store::QuarantinedRecord> many;
  for (long line = 1; line <= 5; ++line) many.push_back(bad_row(line));
  repo.add_quarantined(c, many);
  auto first = repo.quarantined_of(c, 0, 3);
  REQUIRE(first.size() == 3);
  auto second = repo.quarantined_of(c, first.back().row_id, 3);
  REQUIRE(second.size() == 2);
  CHECK(second[0].line == 4);
  CHECK(second[1].line == 5);
  CHECK(repo.quarantined_of(a, 0, 3).empty());
}

TEST_CASE("import totals are counted per outcome") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("i.db"));
  REQUIRE(db.ok());
  store::ImportRepo repo(**db);
  CHECK(repo.totals_by_outcome().empty());
  finished(repo, "applied", 100, 0);
  finished(repo, "applied", 20, 1);
  finished(repo, "rejected", 0, 5);
  auto totals = repo.totals_by_outcome();
  REQUIRE(totals.size() == 2);
  auto applied = totals[0].outcome == "applied" ? totals[0] : totals[1];
  auto rejected = totals[0].outcome == "applied" ? totals[1] : totals[0];
  CHECK(applied.imports == 2);
  CHECK(applied.rows_applied == 120);
  CHECK(applied.rows_quarantined == 1);
  CHECK(rejected.outcome == "rejected");
  CHECK(rejected.imports == 1);
  CHECK(rejected.rows_quarantined == 5);
}
