// The daemon's log file holds student ids at debug level (FERPA data): it must be readable by
// the service user only (0600) whatever the umask, after creation, after rotation, and when
// an older agmon left it 0644.
#include "agmon/app/logging.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace {

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

// Sets a umask for one test and puts the old one back.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(::umask(mask)) {}
  ~Umask() { ::umask(old_); }

 private:
  mode_t old_;
};

}  // namespace

TEST_CASE("the log file is created 0600 under a permissive umask") {
  Umask permissive(000);
  agmon::test::TempDir dir;
  agmon::app::LogOptions options;
  options.file = dir.file("logs/agmon.log");  // the folder does not exist yet either
  options.level = "debug";
  REQUIRE(agmon::app::setup_logging(options, false).ok());
  spdlog::debug("student 100029 report read");
  spdlog::default_logger()->flush();
  CHECK(mode_of(options.file) == 0600);
  CHECK(agmon::test::read_file(options.file).find("100029") != std::string::npos);
  spdlog::drop_all();
}

TEST_CASE("rotated log files stay 0600") {
  Umask usual(022);
  agmon::test::TempDir dir;
  agmon::app::LogOptions options;
  options.file = dir.file("agmon.log");
  options.max_bytes = 1024;
  options.max_files = 2;
  REQUIRE(agmon::app::setup_logging(options, false).ok());
  for (int i = 0; i < 100; ++i) spdlog::info("line {} of a log that rotates after a kilobyte", i);
  spdlog::default_logger()->flush();
  REQUIRE(std::filesystem::exists(dir.file("agmon.1.log")));
  CHECK(mode_of(dir.file("agmon.log")) == 0600);
  CHECK(mode_of(dir.file("agmon.1.log")) == 0600);
  CHECK(mode_of(dir.file("agmon.2.log")) == 0600);
  spdlog::drop_all();
}

TEST_CASE("a log file left 0644 by an older agmon is made 0600") {
  agmon::test::TempDir dir;
  agmon::app::LogOptions options;
  options.file = dir.file("agmon.log");
  agmon::test::write_file(options.file, "an old line\n");
  REQUIRE(::chmod(options.file.c_str(), 0644) == 0);
  REQUIRE(agmon::app::setup_logging(options, false).ok());
  spdlog::info("started");
  spdlog::default_logger()->flush();
  CHECK(mode_of(options.file) == 0600);
  CHECK(agmon::test::read_file(options.file).find("an old line") == 0);  // appended, not truncated
  spdlog::drop_all();
}
