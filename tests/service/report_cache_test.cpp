// The report cache: hits and misses, invalidation, a fill that raced an invalidation is
// dropped, the size bound, and the content signature ignoring audit rows.
#include <catch2/catch.hpp>

#include "agmon/service/audit.h"
#include "agmon/service/report_cache.h"
#include "support/test_support.h"

using agmon::service::CachedReport;
using agmon::service::ReportCache;

namespace {

std::shared_ptr<const CachedReport> report(const std::string& json) {
  return std::make_shared<CachedReport>(CachedReport{"S1", "C1", json});
}

}  // namespace

TEST_CASE("the report cache returns what was stored until it is invalidated") {
  ReportCache cache(1 << 20);
  CHECK(cache.find("1") == nullptr);
  cache.insert("1", report("{\"a\":1}"), cache.generation());
  auto hit = cache.find("1");
  REQUIRE(hit != nullptr);
  CHECK(hit->json == "{\"a\":1}");
  CHECK(hit->school_code == "S1");
  CHECK(cache.hits() == 1);
  CHECK(cache.misses() == 1);
  cache.invalidate();
  CHECK(cache.find("1") == nullptr);
  CHECK(cache.invalidations() == 1);
  CHECK(cache.bytes() == 0);
}

TEST_CASE("a fill read before an invalidation is not stored after it") {
  ReportCache cache(1 << 20);
  auto seen = cache.generation();  // a reader starts its database read here...
  cache.invalidate();              // ...an import commits and the cache is emptied...
  cache.insert("1", report("old"), seen);  // ...and the old report must not come back
  CHECK(cache.find("1") == nullptr);
  cache.insert("1", report("new"), cache.generation());
  CHECK(cache.find("1")->json == "new");
}

TEST_CASE("the cache stays within its byte bound and can be switched off") {
  // 16 shards of 1 KiB: entries of 300 bytes + overhead (96 + id) fit 2 per shard at most.
  ReportCache cache(16 * 1024);
  for (int i = 0; i < 1000; ++i) cache.insert(std::to_string(i), report(std::string(300, 'x')), cache.generation());
  CHECK(cache.bytes() <= 16 * 1024);
  CHECK(cache.bytes() > 0);
  ReportCache off(0);
  off.insert("1", report("x"), off.generation());
  CHECK(off.find("1") == nullptr);
}

TEST_CASE("the content signature changes with imports and alert events but not with audit rows") {
  agmon::test::TempDir dir;
  auto opened = agmon::store::Database::open(dir.file("c.db"));
  REQUIRE(opened.ok());
  auto& db = **opened;
  auto first = agmon::service::content_signature(db);
  REQUIRE(first.ok());
  REQUIRE(agmon::service::record_reads(db, {{"", "t", "admin", "1", "GET /x", ""}}).ok());
  CHECK(*agmon::service::content_signature(db) == *first);
  db.exec("INSERT INTO imports(started_at, mode, outcome) VALUES ('2026-01-10T02:00:00Z', 'incremental', 'applied')");
  auto second = agmon::service::content_signature(db);
  CHECK(*second != *first);
  db.exec("INSERT INTO alerts(alert_id, identity, kind, audience, message, status, opened_at, last_seen_at) "
          "VALUES (1, 'x', 'AG_OFF_TRACK', 'counselor', 'm', 'open', 'a', 'a')");
  db.exec("INSERT INTO alert_events(alert_id, at, event) VALUES (1, '2026-01-10', 'acknowledged')");
  CHECK(*agmon::service::content_signature(db) != *second);
}
