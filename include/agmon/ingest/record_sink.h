// RecordSink: where an importer streams what it parsed. Importers never hold a whole file in
// memory; the service's sink stages rows inside the import transaction and judges orphans
// and duplicates once every file of the call has been read.
#pragma once

#include "agmon/core/model.h"
#include "agmon/ingest/row_error.h"

namespace agmon::ingest {

// A student's program participation (CALPADS SPRG / canonical student_programs.csv).
struct StudentProgram {
  std::string student_id;
  std::string school_code;
  std::string program_code;  // 181/182 SED, 191 homeless, 190 foster, SWD, ...
  std::string start_date;
  std::string end_date;
};

// One course of a school's UC A-G course list (canonical ag_course_list.csv, or the UC
// JSON). It has no local course id: the service matches it to the SIS catalog by transcript
// abbreviation, then title (formats.md §4).
struct AgCourseListEntry {
  std::string ucop_institution_id;
  std::string school_code;
  std::string list_year;  // YYYY-YYYY (the UC list's "2024-25" is widened)
  std::string ucop_course_id;
  std::string course_title;
  std::vector<std::string> transcript_abbrevs;
  std::optional<core::Area> ag_area;
  std::string discipline;
  core::Rigor honors = core::Rigor::none;  // from honors_type: AP, IB, UC Honors
  std::string course_length;
  std::vector<int> grade_levels;
  std::optional<bool> is_online;
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // `line` is the 1-based line where the record starts; `raw` the record verbatim.
  virtual void on_student(core::Student&& student, long line) = 0;
  virtual void on_course(core::Course&& course, long line) = 0;
  virtual void on_mark(core::CourseMark&& mark, long line) = 0;
  virtual void on_program(StudentProgram&& /*program*/, long /*line*/) {}
  virtual void on_ag_course(AgCourseListEntry&& /*entry*/, long /*line*/) {}
  virtual void on_error(RowError&& error) = 0;
  // A loaded-with-warning note ("A-G course with no math level"), shown in the report.
  virtual void on_warning(const std::string& /*file*/, long /*line*/, const std::string& /*message*/) {}
};

}  // namespace agmon::ingest
