// The change signal between processes: every raise changes the stamp, however quick.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include "agmon/store/change_signal.h"
#include "support/test_support.h"

using namespace agmon;

TEST_CASE("a change signal's stamp changes with every raise, even many within one clock tick") {
  test::TempDir dir;
  test::write_file(dir.file("d.db"), "");
  store::ChangeSignal signal(dir.file("d.db"), "tokens");
  CHECK(signal.path() == store::ChangeSignal(dir.file("./d.db"), "tokens").path());
  store::SignalStamp before = signal.stamp();
  CHECK_FALSE(before.present);
  CHECK(before == signal.stamp());  // nothing raised: stable
  for (int i = 1; i <= 50; ++i) {
    REQUIRE(signal.raise().ok());
    store::SignalStamp now = signal.stamp();
    CHECK(now.present);
    CHECK(now.signals == i);  // the size counts the signals
    CHECK(now != before);
    before = now;
  }
  struct stat st {};
  REQUIRE(::stat(signal.path().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_blocks == 0);  // sparse: a count, no data
}

TEST_CASE("a change signal that cannot be written says why") {
  store::ChangeSignal signal("/nonexistent-dir/d.db", "tokens");
  auto st = signal.raise();
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == core::ErrorCode::kIoError);
  CHECK(st.error().message.find("/nonexistent-dir/d.db-tokens") != std::string::npos);
}

TEST_CASE("a change signal raised through a symbolic link reaches the reader of the real file") {
  test::TempDir dir;
  test::write_file(dir.file("real.db"), "");
  REQUIRE(::symlink(dir.file("real.db").c_str(), dir.file("link.db").c_str()) == 0);
  store::ChangeSignal reader(dir.file("real.db"), "tokens");
  store::ChangeSignal writer(dir.file("link.db"), "tokens");
  CHECK(reader.path() == writer.path());
  const store::SignalStamp before = reader.stamp();
  REQUIRE(writer.raise().ok());
  CHECK(reader.stamp() != before);
}
