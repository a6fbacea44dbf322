#include "store/first_load_marks.h"

#include "store/stage_tables.h"

namespace agmon::store {

using stage::kMarks;

FirstLoadMarks::FirstLoadMarks(Database& db) : db_(db) {
  insert_ = db_.prepare("INSERT OR IGNORE INTO main.course_marks(" + stage::join(kMarks.columns) +
                        ") VALUES (" + stage::placeholders(kMarks.columns.size()) + ")");
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

std::optional<DisplacedRow> FirstLoadMarks::add(const core::CourseMark& m, const std::string& file,
                                                long line) {
  if (!indexes_.dropped()) indexes_.drop(db_, "course_marks");
  if (m.student_id != run_student_) {
    run_student_ = m.student_id;
    run_size_ = 0;
  }
  size_t file_at = file_index(file);
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

void FirstLoadMarks::finish() {
  indexes_.rebuild(db_);
}

}  // namespace agmon::store
