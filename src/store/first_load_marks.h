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
// Marks are written 16 to a statement where that is safe (store/mark_runs.h). course_marks'
// secondary indexes and counting triggers are suspended for the load and restored once after
// it, with the counts of the marks written (store/course_tally.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/core/model.h"
#include "agmon/store/database.h"
#include "agmon/store/import_stage.h"
#include "store/mark_runs.h"
#include "store/course_tally.h"
#include "store/stage_tables.h"

namespace agmon::store {

class FirstLoadMarks {
 public:
  // The first add() drops course_marks' secondary indexes and triggers and finish() creates
  // them again (stage::DeferredObjects); a call that adds no mark leaves the schema alone.
  // `courses`: the call's tally, which counts the marks written per course and year.
  FirstLoadMarks(Database& db, CourseTally& courses);

  // Writes the mark; a duplicate key replaces the earlier row. Returns the displaced row when
  // it was in the mark's run; a late duplicate is recorded in late_duplicates() instead.
  // `course`: the tally's entry for the mark's course.
  std::optional<DisplacedRow> add(const core::CourseMark& m, const std::string& file, long line,
                                  CourseTally::Course& course);

  // Writes the marks still buffered, rebuilds the indexes and triggers, and writes the
  // course_mark_years counts. Call after the last add(), before anything reads course_marks.
  void finish();

  // Distinct keys written (a duplicate replaces a row, it adds none).
  long rows_written() const { return rows_written_; }

  // Natural keys (mark_key_text) met again after their student's run; one entry per meeting.
  const std::vector<std::string>& late_duplicates() const { return late_; }

 private:
  std::optional<DisplacedRow> add_one_at_a_time(const core::CourseMark& m, std::uint64_t hash,
                                                size_t file, long line,
                                                CourseTally::Course& course);
  DisplacedRow displace(MarkRuns::Entry& earlier, const core::CourseMark& m, size_t file,
                        long line);

  Database& db_;
  Statement insert_, update_;
  MarkRuns runs_;
  MarkBatch batch_;
  stage::DeferredObjects indexes_{"index"}, triggers_{"trigger"};
  CourseTally& courses_;
  std::vector<std::string> late_;
  long rows_written_ = 0;
};

}  // namespace agmon::store
