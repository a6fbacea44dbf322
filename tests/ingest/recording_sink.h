// A RecordSink that keeps everything it is given, for the ingest tests.
#pragma once

#include <string>
#include <vector>

#include "agmon/ingest/record_sink.h"

namespace agmon::test {

struct Warning {
  std::string file;
  long line;
  std::string message;
};

class RecordingSink : public ingest::RecordSink {
 public:
  void on_student(core::Student&& s, long line) override {
    students.push_back(std::move(s));
    lines.push_back(line);
  }
  void on_course(core::Course&& c, long line) override {
    courses.push_back(std::move(c));
    lines.push_back(line);
  }
  void on_mark(core::CourseMark&& m, long line) override {
    marks.push_back(std::move(m));
    lines.push_back(line);
  }
  void on_program(ingest::StudentProgram&& p, long line) override {
    programs.push_back(std::move(p));
    lines.push_back(line);
  }
  void on_ag_course(ingest::AgCourseListEntry&& e, long line) override {
    ag_courses.push_back(std::move(e));
    lines.push_back(line);
  }
  void on_error(ingest::RowError&& e) override { errors.push_back(std::move(e)); }
  void on_warning(const std::string& file, long line, const std::string& message) override {
    warnings.push_back({file, line, message});
  }

  std::vector<core::Student> students;
  std::vector<core::Course> courses;
  std::vector<core::CourseMark> marks;
  std::vector<ingest::StudentProgram> programs;
  std::vector<ingest::AgCourseListEntry> ag_courses;
  std::vector<ingest::RowError> errors;
  std::vector<Warning> warnings;
  std::vector<long> lines;  // line of every emitted record, in order
};

}  // namespace agmon::test
