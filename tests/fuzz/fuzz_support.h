// Shared by the libFuzzer targets: a RecordSink that checks what it is given and drops it,
// and a scratch file for parsers that read from a path. Every target is also built without
// libFuzzer into a replay binary (replay_main.cpp) that ctest runs over regressions/<target>.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "agmon/ingest/record_sink.h"

namespace agmon::fuzz {

// Aborts (a finding) when a parser breaks its own contract.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "contract broken: %s\n", what);
    std::abort();
  }
}

// Touches every string it gets (so ASan sees a dangling view) and counts rows.
class CheckingSink : public ingest::RecordSink {
 public:
  long rows = 0, errors = 0, bytes = 0;
  void on_student(core::Student&& s, long line) override { row(s.student_id, line); }
  void on_course(core::Course&& c, long line) override { row(c.local_course_id, line); }
  void on_mark(core::CourseMark&& m, long line) override { row(m.student_id, line); }
  void on_program(ingest::StudentProgram&& p, long line) override { row(p.program_code, line); }
  void on_ag_course(ingest::AgCourseListEntry&& e, long line) override { row(e.course_title, line); }
  void on_student_update(ingest::StudentUpdate&& u, long line) override { row(u.student_id, line); }
  void on_error(ingest::RowError&& e) override {
    ++errors;
    require(e.line >= 0, "row error with a negative line");
    touch(e.raw);
    touch(e.message);
    touch(e.value);
  }
  void on_warning(const std::string& file, long line, const std::string& message) override {
    require(line >= 0, "warning with a negative line");
    touch(file);
    touch(message);
  }

 private:
  void row(const std::string& key, long line) {
    ++rows;
    require(line >= 1, "row with a line below 1");
    touch(key);
  }
  void touch(std::string_view s) {
    for (char c : s) bytes += static_cast<unsigned char>(c);
  }
};

// A per-process scratch file holding the input (for parsers that take a path).
inline std::string write_scratch(const std::uint8_t* data, std::size_t size, const char* suffix) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/agmon-fuzz-" + std::to_string(getpid()) + suffix;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  require(f != nullptr, "cannot write the scratch file");
  if (size) std::fwrite(data, 1, size, f);
  std::fclose(f);
  return path;
}

}  // namespace agmon::fuzz
