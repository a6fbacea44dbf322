#include "store/first_load_marks.h"

#include <sqlite3.h>

#include "store/stage_tables.h"

namespace agmon::store {

using stage::kMarks;

FirstLoadMarks::FirstLoadMarks(Database& db) : db_(db) {
  const std::string into = "INTO main.course_marks(" + stage::join(kMarks.columns) + ") VALUES ";
  const std::string row = "(" + stage::placeholders(kMarks.columns.size()) + ")";
  insert_ = db_.prepare("INSERT OR IGNORE " + into + row);
  // OR IGNORE here too, with the count checked after: a plain multi-row INSERT must be able to
  // undo its own first rows, so SQLite writes a statement journal for it (+0.35 s of system
  // time on 1M marks).
  std::string rows = row;
  for (size_t r = 1; r < kBatchRows; ++r) rows += "," + row;
  insert_batch_ = db_.prepare("INSERT OR IGNORE " + into + rows);
  buffered_.reserve(kBatchRows);
  std::string sets;
  for (size_t c = 0; c < kMarks.columns.size(); ++c) {
    if (stage::is_key(kMarks, kMarks.columns[c])) continue;
    sets +=
        std::string(sets.empty() ? "" : ", ") + kMarks.columns[c] + " = ?" + std::to_string(c + 1);
  }
  update_ =
      db_.prepare("UPDATE main.course_marks SET " + sets + " WHERE " + stage::key_params(kMarks));
}

size_t FirstLoadMarks::file_index(const std::string& file) {
  if (files_.empty() || files_.back() != file) files_.push_back(file);
  return files_.size() - 1;
}

FirstLoadMarks::RunEntry* FirstLoadMarks::find_in_run(const core::CourseMark& m) {
  for (size_t i = 0; i < run_size_; ++i) {
    RunEntry& e = run_[i];
    if (e.term == m.term_code && e.course == m.local_course_id && e.year == m.academic_year &&
        e.school == m.school_code)
      return &e;
  }
  return nullptr;
}

void FirstLoadMarks::remember(const core::CourseMark& m, size_t file, long line) {
  if (run_size_ == run_.size()) run_.emplace_back();
  RunEntry& e = run_[run_size_++];
  e.school = m.school_code;  // assigned in place: the entry's buffers are reused run after run
  e.year = m.academic_year;
  e.term = m.term_code;
  e.course = m.local_course_id;
  e.file = file;
  e.line = line;
}

void FirstLoadMarks::start_run(const std::string& student_id) {
  std::hash<std::string> hash;
  if (!run_student_.empty()) ended_runs_.insert(hash(run_student_));
  run_student_ = student_id;
  run_size_ = 0;
  // A hash shared by two students only sends the second down the one-row path: still right.
  first_run_ = ended_runs_.count(hash(student_id)) == 0;
}

std::optional<DisplacedRow> FirstLoadMarks::add(const core::CourseMark& m, const std::string& file,
                                                long line) {
  if (!indexes_.dropped()) indexes_.drop(db_, "course_marks");
  if (m.student_id != run_student_) start_run(m.student_id);
  size_t file_at = file_index(file);
  if (!first_run_) return add_one_at_a_time(m, file_at, line);
  if (RunEntry* earlier = find_in_run(m)) {
    // The later row wins. The earlier one may still be buffered: written first.
    write_buffered();
    stage::bind_mark(update_, m);
    update_.run();
    DisplacedRow displaced{files_[earlier->file], earlier->line, mark_key_text(m)};
    earlier->file = file_at;
    earlier->line = line;
    return displaced;
  }
  buffered_.push_back(m);
  remember(m, file_at, line);
  ++rows_written_;
  if (buffered_.size() == kBatchRows) write_buffered();
  return std::nullopt;
}

std::optional<DisplacedRow> FirstLoadMarks::add_one_at_a_time(const core::CourseMark& m,
                                                              size_t file_at, long line) {
  write_buffered();  // the table must hold every earlier row to say whether the key is taken
  stage::bind_mark(insert_, m);
  insert_.run();
  if (db_.changes() == 1) {
    ++rows_written_;
    remember(m, file_at, line);
    return std::nullopt;
  }
  // The key is taken: the later row wins.
  stage::bind_mark(update_, m);
  update_.run();
  RunEntry* earlier = find_in_run(m);
  if (!earlier) {
    late_.push_back(mark_key_text(m));
    remember(m, file_at, line);
    return std::nullopt;
  }
  DisplacedRow displaced{files_[earlier->file], earlier->line, mark_key_text(m)};
  earlier->file = file_at;
  earlier->line = line;
  return displaced;
}

void FirstLoadMarks::write_buffered() {
  long written = 0;
  if (buffered_.size() == kBatchRows) {
    const int columns = static_cast<int>(kMarks.columns.size());
    for (size_t r = 0; r < kBatchRows; ++r)
      stage::bind_mark(insert_batch_, buffered_[r], 1 + static_cast<int>(r) * columns);
    insert_batch_.run();
    written = db_.changes();
  } else {
    for (const auto& m : buffered_) {
      stage::bind_mark(insert_, m);
      insert_.run();
      written += db_.changes();
    }
  }
  // Every buffered key was new (a first run collides only with itself, found in memory). If
  // not, the import fails, rolled back, rather than lose a row in silence.
  if (written != static_cast<long>(buffered_.size()))
    throw StoreError(SQLITE_INTERNAL, "first load: a buffered course mark's key was taken");
  buffered_.clear();
}

void FirstLoadMarks::finish() {
  write_buffered();
  indexes_.rebuild(db_);
}

}  // namespace agmon::store
