// What the OneRoster mapping keeps while it reads an export: the small reference files
// (orgs, sessions, courses, classes, line items, students) by sourcedId, then results and
// enrollments are streamed against them. Split by job: oneroster_roster.cpp reads the
// reference files and students, oneroster_marks.cpp the marks.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "agmon/core/mark_table.h"
#include "agmon/ingest/parse_options.h"
#include "agmon/ingest/record_sink.h"
#include "oneroster_table.h"

namespace agmon::ingest::oneroster {

struct Session {
  std::string type, title, start, parent;
  std::string school_year;  // YYYY-YYYY
  std::string term;         // S1 S2 FY T1-T3 Q1-Q4 SS, or "" when it cannot be told
};

struct Course {
  std::string code, school, year;
};

struct Class {
  std::string course;  // course sourcedId
  std::string code;    // classCode: the section id
  std::string school;  // school code
  std::vector<std::string> terms;  // session sourcedIds
};

struct LineItem {
  std::string cls, grading_period;
};

// Score -> mark thresholds, highest first ("97:A+,93:A,...,0:F").
struct ScoreTable {
  std::vector<std::pair<double, std::string>> steps;
  static core::Result<ScoreTable> parse(const std::string& spec);
  const std::string* mark_for(double score) const;
};
inline constexpr const char* kDefaultScoreMarks =
    "97:A+,93:A,90:A-,87:B+,83:B,80:B-,77:C+,73:C,70:C-,67:D+,63:D,60:D-,0:F";

struct Export {
  std::string name;  // display name of the folder or zip
  const ParseOptions* options = nullptr;
  const core::MarkTable* marks = nullptr;
  RecordSink* sink = nullptr;
  FileStats stats;
  OneRosterSource source;
  std::string version;  // manifest oneroster.version

  std::unordered_map<std::string, std::string> school_of_org;  // org sourcedId -> school code
  std::unordered_map<std::string, Session> sessions;
  std::unordered_map<std::string, Course> courses;
  std::unordered_map<std::string, Class> classes;
  std::unordered_map<std::string, LineItem> final_items;  // final-mark line items only
  std::unordered_map<std::string, std::string> student_of;  // user sourcedId -> student_id
  std::string latest_year;  // the latest school year among the sessions
  ScoreTable score_marks;
  // (user, class) pairs that have a final result: their enrollments are not in progress.
  std::unordered_set<std::string> graded;
  // Counts for the closing warnings.
  long students_without_sex = 0, marks_from_text = 0, marks_from_comment = 0,
       marks_from_score = 0, in_progress = 0;

  void warn(const std::string& message) {
    sink->on_warning(name, 0, message);
    ++stats.warnings;
  }
  // A value named by a setting map "key:value, key:value" (ingest.oneroster.terms etc.).
  std::string mapped(const char* setting, const std::string& key) const;
};

// oneroster_roster.cpp
core::Status read_manifest(Export& x);
core::Status read_orgs(Export& x);
core::Status read_sessions(Export& x);
core::Status read_courses(Export& x);
core::Status read_classes(Export& x);
core::Status read_line_items(Export& x);
core::Status read_students(Export& x);
// oneroster_marks.cpp
core::Status read_results(Export& x);
core::Status read_enrollments(Export& x);

}  // namespace agmon::ingest::oneroster
