// NewDatabase: a database built under a temporary name and moved into place when complete,
// never over a file that appeared meanwhile, leaving nothing behind when abandoned.
#include "agmon/store/new_database.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "agmon/store/migrator.h"
#include "support/test_support.h"

using namespace agmon;
namespace fs = std::filesystem;

namespace {

std::string one(store::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.step());
  return st.str(0);
}

// The names in `dir`, sorted.
std::vector<std::string> listing(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a new database is built beside its path and appears there complete, in WAL mode") {
  test::TempDir dir;
  const std::string path = dir.file("agmon.db");
  CHECK(store::NewDatabase::absent(path));
  {
    store::NewDatabase build(path);
    CHECK(build.building_path() == path + ".building-" + std::to_string(::getpid()));
    auto db = build.open();
    REQUIRE(db.ok());
    CHECK(one(**db, "PRAGMA journal_mode") == "delete");  // no WAL while nothing else can see it
    (*db)->exec("BEGIN");
    (*db)->exec(
        "INSERT INTO students(student_id, school_code, grade_level) VALUES ('1001', 'S1', '9')");
    (*db)->exec("COMMIT");
    CHECK(store::NewDatabase::absent(path));  // not there until published
    REQUIRE(build.publish(std::move(*db)).ok());
  }
  CHECK_FALSE(store::NewDatabase::absent(path));
  CHECK(listing(dir.path()) == std::vector<std::string>{"agmon.db"});  // no journal, no build left
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);  // student records: owner only, as Database::open makes them
  auto db = store::Database::open(path);
  REQUIRE(db.ok());
  CHECK(one(**db, "PRAGMA journal_mode") == "wal");
  CHECK(one(**db, "PRAGMA page_size") == "8192");
  CHECK(store::current_schema_version(**db) == store::latest_schema_version());
  CHECK(one(**db, "SELECT student_id FROM students") == "1001");
}

TEST_CASE("a build never replaces a file that appeared at its path, and leaves nothing behind") {
  test::TempDir dir;
  const std::string path = dir.file("agmon.db");
  {
    store::NewDatabase build(path);
    auto db = build.open();
    REQUIRE(db.ok());
    test::write_file(path, "someone else's file");  // e.g. a daemon started meanwhile
    auto published = build.publish(std::move(*db));
    REQUIRE_FALSE(published.ok());
    CHECK(published.error().code == core::ErrorCode::kConflict);
    CHECK(published.error().message.find("was created by another program") != std::string::npos);
  }
  CHECK(test::read_file(path) == "someone else's file");
  CHECK(listing(dir.path()) == std::vector<std::string>{"agmon.db"});

  {  // abandoned (an import refused or failed): the build goes with it
    store::NewDatabase build(dir.file("other.db"));
    auto db = build.open();
    REQUIRE(db.ok());
  }
  CHECK(listing(dir.path()) == std::vector<std::string>{"agmon.db"});
}

TEST_CASE("a build removes what a killed build left, but not a running one's") {
  test::TempDir dir;
  const std::string path = dir.file("agmon.db");
  // pid 1 is always running; a pid above the kernel's limit never is.
  test::write_file(path + ".building-1", "a running build");
  test::write_file(path + ".building-99999999", "a killed build");
  test::write_file(dir.file("other.db.building-99999999"), "another database's");
  store::NewDatabase build(path);
  CHECK(listing(dir.path()) ==
        std::vector<std::string>{"agmon.db.building-1", "other.db.building-99999999"});
}
