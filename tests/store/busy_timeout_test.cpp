// Database::set_busy_timeout: a second writer waits about its timeout for the lock, then
// fails busy (the importer sets its own timeout on the connection it opened).
#include <catch2/catch.hpp>
#include <chrono>

#include "agmon/store/database.h"
#include "support/test_support.h"

using namespace agmon;

TEST_CASE("a writer waits its busy timeout for another writer's lock and then fails busy") {
  test::TempDir dir;
  auto first = store::Database::open(dir.file("b.db"));
  auto second = store::Database::open(dir.file("b.db"));
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  store::Transaction holder(**first);  // BEGIN IMMEDIATE: the write lock
  (*second)->set_busy_timeout(300);
  auto start = std::chrono::steady_clock::now();
  bool busy = false;
  try {
    store::Transaction waiting(**second);
  } catch (const store::StoreError& e) {
    busy = e.is_busy();
  }
  auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  CHECK(busy);
  CHECK(waited.count() >= 250);
  CHECK(waited.count() < 4000);  // not the 5 s default of open()
}
