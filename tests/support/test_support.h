// Helpers shared by the test binaries: temporary folders, running the agmon binary.
#pragma once

#include <string>

namespace agmon::test {

// A fresh folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs the built agmon binary with `args` (shell-quoted here), capturing stdout and stderr.
RunResult run_agmon(const std::string& args);

// tests/data/<name>
std::string data_path(const std::string& name);

}  // namespace agmon::test
