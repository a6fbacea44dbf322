// StagingSink: receives parsed rows from the importers and stages them for the merge,
// turning displaced duplicates and orphans into quarantined rows.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "agmon/ingest/record_sink.h"
#include "agmon/store/import_stage.h"

namespace agmon::service {

class StagingSink : public ingest::RecordSink {
 public:
  explicit StagingSink(store::ImportStage& stage) : stage_(stage) {}

  void set_file(const std::string& display_name) { file_ = display_name; }

  void on_student(core::Student&& student, long line) override;
  void on_course(core::Course&& course, long line) override;
  void on_mark(core::CourseMark&& mark, long line) override;
  void on_program(ingest::StudentProgram&& program, long line) override;
  void on_ag_course(ingest::AgCourseListEntry&& entry, long line) override;
  void on_student_update(ingest::StudentUpdate&& update, long line) override;
  void on_course_default(core::Course&& course, long line) override;
  void on_error(ingest::RowError&& error) override;
  void on_warning(const std::string& file, long line, const std::string& message) override;

  // A displaced row found after its key's later row was accepted as new (a late duplicate
  // of a first load, service/late_duplicates.h): reported, and no longer counted accepted.
  void report_late_displaced(const store::DisplacedRow& row, const char* what);

  long accepted() const { return accepted_; }
  std::vector<ingest::RowError>& errors() { return errors_; }
  std::vector<std::string>& warnings() { return warnings_; }
  long warnings_total() const { return warnings_total_; }
  std::vector<ingest::AgCourseListEntry>& ag_course_list() { return ag_course_list_; }
  // Rows quarantined by this sink whose raw text must still be read back from the file
  // (orphans are found after the mapper let go of the record): index into errors().
  std::vector<size_t>& needs_raw() { return needs_raw_; }

 private:
  void displaced(const std::optional<store::DisplacedRow>& row, const char* what);
  void report_displaced(const store::DisplacedRow& row, const char* what);

  // A student is looked up once a run of their marks (marks arrive grouped by student); a
  // course once a call (ImportStage keeps the courses it found).
  bool student_known(const std::string& student_id);
  bool course_known(const core::CourseMark& mark);

  store::ImportStage& stage_;
  std::string file_;
  std::string last_known_student_;
  long accepted_ = 0;
  std::vector<ingest::RowError> errors_;
  std::vector<size_t> needs_raw_;
  std::vector<std::string> warnings_;
  long warnings_total_ = 0;
  std::vector<ingest::AgCourseListEntry> ag_course_list_;
};

}  // namespace agmon::service
