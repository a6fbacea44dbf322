#include "store/mark_runs.h"

#include <sqlite3.h>

#include <functional>

#include "store/stage_tables.h"

namespace agmon::store {

void MarkRuns::next(const std::string& student_id) {
  if (student_id == student_) return;
  std::hash<std::string> hash;
  if (!student_.empty()) ended_.insert(hash(student_));
  student_ = student_id;
  size_ = 0;
  first_run_ = ended_.count(hash(student_id)) == 0;
}

MarkRuns::Entry* MarkRuns::find(const core::CourseMark& m) {
  for (size_t i = 0; i < size_; ++i) {
    Entry& e = run_[i];
    if (e.term == m.term_code && e.course == m.local_course_id && e.year == m.academic_year &&
        e.school == m.school_code)
      return &e;
  }
  return nullptr;
}

void MarkRuns::remember(const core::CourseMark& m, size_t file, long line) {
  if (size_ == run_.size()) run_.emplace_back();
  Entry& e = run_[size_++];
  e.school = m.school_code;  // assigned in place: the entry's buffers are reused run after run
  e.year = m.academic_year;
  e.term = m.term_code;
  e.course = m.local_course_id;
  e.file = file;
  e.line = line;
}

size_t MarkRuns::file_index(const std::string& file) {
  if (files_.empty() || files_.back() != file) files_.push_back(file);
  return files_.size() - 1;
}

MarkBatch::MarkBatch(Database& db, const std::string& head, bool with_source)
    : db_(db),
      with_source_(with_source),
      params_(static_cast<int>(stage::kMarks.columns.size()) + (with_source ? 2 : 0)) {
  const std::string row = "(" + stage::placeholders(static_cast<size_t>(params_)) + ")";
  std::string rows = row;
  for (size_t r = 1; r < kRows; ++r) rows += "," + row;
  one_ = db_.prepare(head + row);
  all_ = db_.prepare(head + rows);
  rows_.reserve(kRows);
}

bool MarkBatch::add(const core::CourseMark& m, const std::string* file, long line) {
  rows_.push_back({m, file, line});
  return rows_.size() == kRows;
}

void MarkBatch::bind(Statement& st, const Row& row, int first) const {
  stage::bind_mark(st, row.mark, first);
  const int n = static_cast<int>(stage::kMarks.columns.size());
  if (with_source_) st.bind_static(first + n, *row.file).bind(first + n + 1, row.line);
}

void MarkBatch::write() {
  long written = 0;
  if (rows_.size() == kRows) {
    for (size_t r = 0; r < kRows; ++r) bind(all_, rows_[r], 1 + static_cast<int>(r) * params_);
    all_.run();
    written = db_.changes();
  } else {
    for (const auto& row : rows_) {
      bind(one_, row, 1);
      one_.run();
      written += db_.changes();
    }
  }
  if (written != static_cast<long>(rows_.size()))
    throw StoreError(SQLITE_INTERNAL, "a buffered course mark's key was taken");
  rows_.clear();
}

}  // namespace agmon::store
