// RecordSink: where an importer streams what it parsed. Importers never hold a whole file in
// memory; the service's sink stages rows inside the import transaction and judges orphans
// and duplicates once every file of the call has been read.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agmon/core/model.h"
#include "agmon/ingest/row_error.h"

namespace agmon::ingest {

class CalpadsCallState;  // agmon/ingest/calpads_call_state.h

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

// Attributes of a student that a file gives apart from the student's own row: CALPADS SINF
// (gender, race), SELA (EL status) and SPRG (SED, homeless) amend the student SENR created;
// OneRoster users fill the students.csv row of the same call. Blank / nullopt = not given.
struct StudentUpdate {
  enum class Mode {
    kOverwrite,   // given values replace the student's
    kFillBlanks,  // given values only fill what the student lacks (blank / not given)
  };
  std::string student_id;
  Mode mode = Mode::kOverwrite;
  // When no student has this id (in this call or the database): create one from the given
  // values (school_code and grade_level needed) instead of reporting an orphan.
  bool create_if_unknown = false;
  // An update derived from records already sent (SPRG programs): an unknown student was
  // reported for those, so is not reported again.
  bool ignore_if_unknown = false;
  std::string school_code, grade_level, ssid, academic_year, last_name, first_name, birth_date,
      gender;
  std::optional<bool> hispanic;
  std::optional<std::vector<int>> race_codes;
  std::string el_status;
  std::optional<bool> sed, swd, foster, homeless;
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
  // A partial student (see StudentUpdate). The default ignores it.
  virtual void on_student_update(StudentUpdate&& /*update*/, long /*line*/) {}
  // A course known only from a roster (OneRoster courses.csv): kept when neither this call
  // nor the database has a course with its school and id, so a courses.csv given beside it
  // wins. The default treats it as on_course.
  virtual void on_course_default(core::Course&& course, long line) {
    on_course(std::move(course), line);
  }
  virtual void on_error(RowError&& error) = 0;
  // A loaded-with-warning note ("A-G course with no math level"), shown in the report.
  virtual void on_warning(const std::string& /*file*/, long /*line*/, const std::string& /*message*/) {}

  // What earlier files of this import call established, for formats whose files refer to
  // each other (CALPADS SCSC takes grade levels from SENR and sections from CRSC). One sink
  // serves one call, so the state lives here; created on first use (calpads_call_state.cpp).
  CalpadsCallState& calpads_state();

 protected:
  // For a sink that stands in for `owner` while a file is parsed on another thread (the
  // service's parse pipeline): from now on both reach one call state, created here if the
  // owner had none yet, so that file sees and extends what the call's earlier files
  // established. Only one thread may use the state at a time.
  void share_calpads_state_of(RecordSink& owner);

 private:
  std::shared_ptr<CalpadsCallState> calpads_state_;
};

}  // namespace agmon::ingest
