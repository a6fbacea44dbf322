// A RecordingSink that also keeps student updates, and helpers to write and parse small
// CALPADS / OneRoster / UC files, for the format importer tests.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "agmon/ingest/importer_registry.h"
#include "ingest/recording_sink.h"
#include "support/test_support.h"

namespace agmon::test {

class FormatsSink : public RecordingSink {
 public:
  void on_student_update(ingest::StudentUpdate&& u, long line) override {
    updates.push_back(std::move(u));
    lines.push_back(line);
  }
  void on_course_default(core::Course&& c, long line) override {
    default_courses.push_back(std::move(c));
    lines.push_back(line);
  }
  const ingest::StudentUpdate* update_of(const std::string& id) const {
    for (const auto& u : updates)
      if (u.student_id == id) return &u;
    return nullptr;
  }
  const core::CourseMark* mark_of(const std::string& id, const std::string& course,
                                  const std::string& term) const {
    for (const auto& m : marks)
      if (m.student_id == id && m.local_course_id == course && m.term_code == term) return &m;
    return nullptr;
  }
  std::vector<ingest::StudentUpdate> updates;
  std::vector<core::Course> default_courses;
};

// The sample file tests/data/samples/<name>.
inline std::string sample(const std::string& name) { return data_path("samples/" + name); }

// Lines of a file without their line endings.
inline std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

// Field `n` (1-based) of a caret record.
inline std::string field_of(const std::string& record, int n) {
  std::size_t start = 0;
  for (int i = 1; i < n; ++i) start = record.find('^', start) + 1;
  return record.substr(start, record.find('^', start) - start);
}

// A caret record with field `n` (1-based) replaced.
inline std::string with_field(const std::string& record, int n, const std::string& value) {
  std::vector<std::string> f;
  std::string cur;
  for (char c : record) {
    if (c == '^') {
      f.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  f.push_back(cur);
  f.at(n - 1) = value;
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "^" : "") + f[i];
  return out;
}

// CRLF-joined records.
inline std::string crlf(const std::vector<std::string>& records) {
  std::string out;
  for (const auto& r : records) out += r + "\r\n";
  return out;
}

inline ingest::ParseOptions options_with(const std::map<std::string, std::string>* config) {
  ingest::ParseOptions o;
  o.config = config;
  return o;
}

}  // namespace agmon::test
