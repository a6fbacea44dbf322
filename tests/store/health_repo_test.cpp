// HealthRepo: the figures of /healthz and /metrics.
#include "agmon/store/health_repo.h"

#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "agmon/store/evaluation_repo.h"
#include "support/test_support.h"

using namespace agmon;

TEST_CASE("health counts evaluated students and open alerts per kind") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("h.db"));
  REQUIRE(db.ok());
  store::Database& d = **db;
  store::HealthRepo repo(d);
  CHECK(repo.students_evaluated() == 0);
  CHECK(repo.open_alerts_by_kind().empty());
  for (const char* id : {"1001", "1002", "1003"}) {
    store::EvaluationRow row;
    row.student_id = id;
    row.school_code = "S1";
    row.as_of_year = "2025-2026";
    store::EvaluationRepo(d).save(row, std::nullopt);
  }
  d.exec(
      "INSERT INTO alerts(identity, kind, audience, student_id, message, status, opened_at, "
      "last_seen_at) "
      "VALUES ('a1', 'OFF_TRACK', 'counselor', '1001', 'm', 'open', 'x', 'x'), "
      "('a2', 'OFF_TRACK', 'counselor', '1002', 'm', 'open', 'x', 'x'), "
      "('a3', 'D_F_UNREPAIRED', 'counselor', '1001', 'm', 'open', 'x', 'x'), "
      "('a4', 'D_F_UNREPAIRED', 'counselor', '1002', 'm', 'acknowledged', 'x', 'x'), "
      "('a5', 'GPA_BELOW', 'counselor', '1003', 'm', 'resolved', 'x', 'x')");
  CHECK(repo.students_evaluated() == 3);
  CHECK(repo.open_alerts_by_kind() ==
        std::map<std::string, long>{{"D_F_UNREPAIRED", 1}, {"OFF_TRACK", 2}});
}
