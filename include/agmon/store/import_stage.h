// ImportStage: the store side of one `agmon import` call. Parsed rows are staged in TEMP
// tables inside the caller's transaction, checked (duplicates, orphans) and then merged
// into the real tables with set-based SQL, so the whole call applies at once or not at all.
//
// A first load (nothing stored yet) skips the staging of marks: they go straight into their
// table (store/first_load_marks.h), which is most of what makes a first load fast.
//
// Order matters: the service feeds students, courses and programs before marks, so a mark
// is judged against every student and course of the call ("orphans are judged after the
// whole call is read") without holding the call in memory.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agmon/core/model.h"
#include "agmon/store/database.h"

namespace agmon::store {

enum class ImportMode { kIncremental, kFull };

class CourseTally;
class FirstLoadMarks;  // store/first_load_marks.h
class MarkRuns;        // store/mark_runs.h
class MarkBatch;

// A staged row displaced by a later row with the same natural key ("keep the last,
// report the first").
struct DisplacedRow {
  std::string file;
  long line = 0;
  std::string key;  // the natural key, human readable
};

// What the merge changed.
struct MergeCounts {
  long students_changed = 0;
  long courses_changed = 0;
  long marks_changed = 0;
  long programs_changed = 0;
  long rows_removed = 0;     // full mode only
  long students_touched = 0; // students to re-evaluate
};

// Marks staged for students that full mode removed in the same call: they must be reported,
// never dropped silently.
struct StrandedMark {
  std::string file;
  long line = 0;
  std::string student_id;
};

// Some columns of one student, given apart from the student's own row (CALPADS SINF / SELA /
// SPRG, OneRoster users beside a students.csv). nullopt = leave the column as it is.
struct StudentAmendment {
  std::string student_id;
  bool fill_blanks_only = false;  // given values fill only blank columns; else they overwrite
  std::optional<std::string> school_code, grade_level, ssid, academic_year, last_name,
      first_name, birth_date, gender, race_codes, el_status;
  std::optional<bool> hispanic, sed, swd, foster, homeless;
};

// The natural key of a mark as duplicates report it: "student|school|year|term|course".
std::string mark_key_text(const core::CourseMark& m);

class ImportStage {
 public:
  // Creates the TEMP staging tables. The caller holds the write transaction.
  explicit ImportStage(Database& db);
  ~ImportStage();

  // Stage one row. Returns the row it displaced when the key was already staged.
  std::optional<DisplacedRow> add_student(const core::Student& s, const std::string& file, long line);
  std::optional<DisplacedRow> add_course(const core::Course& c, const std::string& file, long line);
  std::optional<DisplacedRow> add_mark(const core::CourseMark& m, const std::string& file, long line);
  std::optional<DisplacedRow> add_program(const std::string& student_id, const std::string& school_code,
                                          const std::string& program_code, const std::string& start_date,
                                          const std::string& end_date, const std::string& file, long line);

  // Amends a student staged in this call, or else the stored one (marked touched, so the
  // student is re-evaluated). False when neither exists.
  bool amend_student(const StudentAmendment& a);

  // True when the student is in the database or staged in this call.
  bool student_known(const std::string& student_id);
  // True when the course (school, id) is in the catalog for any year, in the database or
  // staged (the evaluator picks the catalog row nearest the mark's year).
  bool course_known(const std::string& school_code, const std::string& local_course_id,
                    const std::string& academic_year);

  // Applies the staged rows. Full mode first removes rows of the (school, year) pairs the
  // files contain that the files no longer have. Fills the TEMP table `touched_students`.
  MergeCounts merge(ImportMode mode, std::vector<StrandedMark>* stranded);

  // A first load (no student and no mark stored when the stage was made) writes marks
  // straight into course_marks (FirstLoadMarks) instead of staging them.
  bool first_load() const { return first_load_ != nullptr; }
  // First load only: keys of marks met again after their student's run of consecutive marks
  // ended, one entry per meeting. add_mark() reported no displaced row for these (the earlier
  // row is no longer known): the caller finds the earlier rows in its files.
  std::vector<std::string> late_duplicate_marks() const;

  // Every student in the database (used when the school year moves on).
  void touch_all_students();
  // Every stored student whose evaluation predates schema 5 (no UC area standing kept): the
  // first import after the upgrade re-evaluates them. Reads a partial index, empty afterwards.
  void touch_unsummarised_students();
  // Students touched by the merge, ascending.
  std::vector<std::string> touched_students();

 private:
  // merge()'s marks when they were staged (not a first load): upserted, and in full mode the
  // (school, year) pairs' marks the files no longer have removed.
  void merge_staged_marks(ImportMode mode, bool had_marks, MergeCounts& counts);

  Database& db_;
  Statement ins_student_, ins_course_, ins_mark_, ins_program_;
  Statement known_student_, known_course_;
  Statement amend_staged_, amend_stored_;  // prepared on the first amend_student()
  bool amend_prepared_ = false;
  // Per course: known to the catalog, and a first load's marks per year. Before first_load_,
  // which counts into it.
  std::unique_ptr<CourseTally> courses_;
  std::unique_ptr<FirstLoadMarks> first_load_;
  // Staged marks of a student's first run go 16 to a statement; the rest a row at a time.
  std::unique_ptr<MarkRuns> staged_runs_;
  std::unique_ptr<MarkBatch> staged_batch_;
};

}  // namespace agmon::store
