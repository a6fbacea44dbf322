// FirstLoadMarks: the course marks of a first load (no student and no mark stored yet),
// written straight into course_marks instead of being staged first.
//
// Staging exists to diff a call against what is stored. A first load has nothing to diff
// against, so each mark is written once instead of three times (the staging table, its key
// index, then the real table): on 1M marks that is most of an import's single-core SQLite
// time. What staging also did, finding duplicate keys ("keep the last, report the first"),
// is done here: a duplicate within its student's run of consecutive marks is found in memory;
// a key met again after its student's run ended is a late duplicate, whose earlier rows the
// caller finds by reading the files again (rare: SIS exports list a student's marks
// together). The run, not the whole call, is held in memory.
//
// A student's first run can only collide with itself, which the run in memory shows, so its
// marks are written 16 to a statement (a multi-row INSERT costs SQLite 35-40% less a row than
// one-row statements). A student met again after their run ended is written a row at a time:
// only the table knows which of their keys are taken.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "agmon/core/model.h"
#include "agmon/store/database.h"
#include "agmon/store/import_stage.h"
#include "store/stage_tables.h"

namespace agmon::store {

class FirstLoadMarks {
 public:
  // The first add() drops course_marks' secondary indexes and finish() builds them again
  // (stage::DeferredIndexes); a call that adds no mark leaves the schema alone.
  explicit FirstLoadMarks(Database& db);

  // Writes the mark; a duplicate key replaces the earlier row. Returns the displaced row when
  // it was in the mark's run; a late duplicate is recorded in late_duplicates() instead.
  std::optional<DisplacedRow> add(const core::CourseMark& m, const std::string& file, long line);

  // Writes the marks still buffered and rebuilds the secondary indexes. Call after the last
  // add(), before anything reads course_marks.
  void finish();

  // Distinct keys written (a duplicate replaces a row, it adds none).
  long rows_written() const { return rows_written_; }

  // Natural keys (mark_key_text) met again after their student's run; one entry per meeting.
  const std::vector<std::string>& late_duplicates() const { return late_; }

 private:
  struct RunEntry {  // one mark of the current run: the key beyond the student, and its row
    std::string school, year, term, course;
    size_t file = 0;  // index into files_
    long line = 0;
  };
  static constexpr size_t kBatchRows = 16;

  RunEntry* find_in_run(const core::CourseMark& m);
  void remember(const core::CourseMark& m, size_t file, long line);
  size_t file_index(const std::string& file);
  void start_run(const std::string& student_id);
  std::optional<DisplacedRow> add_one_at_a_time(const core::CourseMark& m, size_t file, long line);
  void write_buffered();

  Database& db_;
  Statement insert_, update_;
  Statement insert_batch_;                        // kBatchRows rows
  std::vector<core::CourseMark> buffered_;        // of first runs, not written yet (< kBatchRows)
  std::unordered_set<std::uint64_t> ended_runs_;  // hashes of the students whose run ended
  bool first_run_ = true;                         // run_student_ had no earlier run in the call
  stage::DeferredIndexes indexes_;
  std::string run_student_;
  std::vector<RunEntry> run_;  // reused: entries past run_size_ keep their string buffers
  size_t run_size_ = 0;
  std::vector<std::string> files_;
  std::vector<std::string> late_;
  long rows_written_ = 0;
};

}  // namespace agmon::store
