// AuditRepo: entries appended in order, listed oldest first, narrowed by student and date,
// and the newest `limit` when limited.
#include "agmon/store/audit_repo.h"

#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

store::AuditRecord read(const std::string& at, const std::string& student) {
  return {at, "alice", "counselor", student, "GET /api/v1/students/{id}", "127.0.0.1"};
}

std::vector<std::string> stamps(const std::vector<store::AuditRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.at + " " + r.student_id);
  return out;
}

}  // namespace

TEST_CASE("the audit log lists appended entries oldest first, narrowed and limited") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("a.db"));
  REQUIRE(db.ok());
  store::AuditRepo repo(**db);
  CHECK(repo.list({}).empty());
  repo.append({read("2026-01-01T10:00:00Z", "1001"), read("2026-01-02T10:00:00Z", "1002")});
  repo.append({read("2026-01-03T10:00:00Z", "1001"), read("2026-01-04T10:00:00Z", "1003")});

  auto all = repo.list({});
  CHECK(stamps(all) ==
        std::vector<std::string>{"2026-01-01T10:00:00Z 1001", "2026-01-02T10:00:00Z 1002",
                                 "2026-01-03T10:00:00Z 1001", "2026-01-04T10:00:00Z 1003"});
  CHECK(all[0].token_name == "alice");
  CHECK(all[0].role == "counselor");
  CHECK(all[0].endpoint == "GET /api/v1/students/{id}");
  CHECK(all[0].client == "127.0.0.1");

  store::AuditQuery one;
  one.student = "1001";
  CHECK(stamps(repo.list(one)) ==
        std::vector<std::string>{"2026-01-01T10:00:00Z 1001", "2026-01-03T10:00:00Z 1001"});

  store::AuditQuery since;
  since.since = "2026-01-03";
  CHECK(stamps(repo.list(since)) ==
        std::vector<std::string>{"2026-01-03T10:00:00Z 1001", "2026-01-04T10:00:00Z 1003"});

  store::AuditQuery both = one;
  both.since = "2026-01-02";
  CHECK(stamps(repo.list(both)) == std::vector<std::string>{"2026-01-03T10:00:00Z 1001"});

  store::AuditQuery tail;
  tail.limit = 3;  // the newest three, still oldest first
  CHECK(stamps(repo.list(tail)) == std::vector<std::string>{"2026-01-02T10:00:00Z 1002",
                                                            "2026-01-03T10:00:00Z 1001",
                                                            "2026-01-04T10:00:00Z 1003"});
}
