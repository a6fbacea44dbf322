// Writes the demo district into a folder: the three CSVs and demo_truth.json, each through a
// temporary name so an interrupted run never leaves a half file that `agmon import d/*.csv`
// would pick up.
#include <filesystem>
#include <fstream>
#include <system_error>

#include "agmon/service/demo_data.h"

namespace agmon::service {
namespace {

namespace fs = std::filesystem;
using core::ErrorCode;
using core::make_error;

constexpr const char* kFiles[] = {"students.csv", "courses.csv", "course_marks.csv",
                                  "demo_truth.json"};

void remove_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (const char* f : kFiles) fs::remove(dir / (std::string(f) + ".tmp"), ec);
}

}  // namespace

core::Result<DemoDataSummary> write_demo_data(const DemoDataOptions& options,
                                              const std::string& out_dir) {
  if (core::Status st = validate_demo_options(options); !st) return st.error();
  const fs::path dir(out_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    return make_error(ErrorCode::kIoError, "cannot create folder " + out_dir +
                                               (ec ? ": " + ec.message() : ""));
  }
  auto tmp = [&](int i) { return dir / (std::string(kFiles[i]) + ".tmp"); };
  core::Result<DemoDataSummary> result = make_error(ErrorCode::kInternal, "not run");
  {
    std::ofstream students(tmp(0), std::ios::binary | std::ios::trunc);
    std::ofstream courses(tmp(1), std::ios::binary | std::ios::trunc);
    std::ofstream marks(tmp(2), std::ios::binary | std::ios::trunc);
    if (!students || !courses || !marks) {
      remove_temporaries(dir);
      return make_error(ErrorCode::kIoError, "cannot write in " + out_dir);
    }
    result = generate_demo_data(options, students, courses, marks);
    students.close();
    courses.close();
    marks.close();
    if (result.ok() && (students.fail() || courses.fail() || marks.fail())) {
      result = make_error(ErrorCode::kIoError, "could not finish writing in " + out_dir);
    }
  }
  if (result.ok()) {
    std::ofstream truth(tmp(3), std::ios::binary | std::ios::trunc);
    truth << demo_truth_json(*result);
    truth.close();
    if (truth.fail()) result = make_error(ErrorCode::kIoError, "cannot write demo_truth.json");
  }
  if (!result.ok()) {
    remove_temporaries(dir);
    return result;
  }
  for (int i = 0; i < 4; ++i) {
    fs::rename(tmp(i), dir / kFiles[i], ec);
    if (ec) {
      remove_temporaries(dir);
      return make_error(ErrorCode::kIoError, std::string("cannot rename ") + kFiles[i] + ": " +
                                                 ec.message());
    }
  }
  return result;
}

}  // namespace agmon::service
