#include "store/mark_runs.h"

#include <sqlite3.h>

#include <functional>
#include <string_view>

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

std::uint64_t MarkRuns::key_hash(const core::CourseMark& m) {
  std::hash<std::string_view> h;
  std::uint64_t x = h(m.local_course_id);
  x = x * 0x9E3779B97F4A7C15ull ^ h(m.term_code);
  x = x * 0x9E3779B97F4A7C15ull ^ h(m.academic_year);
  x = x * 0x9E3779B97F4A7C15ull ^ h(m.school_code);
  return x;
}

MarkRuns::Entry* MarkRuns::find(const core::CourseMark& m, std::uint64_t hash) {
  for (size_t i = 0; i < size_; ++i) {
    Entry& e = run_[i];
    if (e.hash == hash && e.term == m.term_code && e.course == m.local_course_id &&
        e.year == m.academic_year && e.school == m.school_code)
      return &e;
  }
  return nullptr;
}

void MarkRuns::remember(const core::CourseMark& m, std::uint64_t hash, size_t file, long line) {
  if (size_ == run_.size()) run_.emplace_back();
  Entry& e = run_[size_++];
  e.hash = hash;
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
}

bool MarkBatch::add(const core::CourseMark& m, const std::string* file, long line) {
  Slot& slot = slots_[size_];
  bind_changes(slot, m, 1 + static_cast<int>(size_) * params_);
  if (with_source_) {
    const int n =
        1 + static_cast<int>(size_) * params_ + static_cast<int>(stage::kMarks.columns.size());
    if (!slot.bound || slot.file != file) all_.bind_static(n, *file);
    all_.bind(n + 1, line);
  }
  slot.file = file;
  slot.line = line;
  slot.bound = true;
  return ++size_ == kRows;
}

void MarkBatch::bind_changes(Slot& slot, const core::CourseMark& m, int first) {
  // The order of stage::kMarks.columns, as stage::bind_mark binds them.
  core::CourseMark& kept = slot.mark;
  int param = first;
  auto text = [&](std::string& to, const std::string& from) {
    if (!slot.bound || to != from) {
      to = from;
      all_.bind_static(param, to);
    }
    ++param;
  };
  text(kept.student_id, m.student_id);
  text(kept.school_code, m.school_code);
  text(kept.academic_year, m.academic_year);
  text(kept.term_code, m.term_code);
  text(kept.local_course_id, m.local_course_id);
  if (!slot.bound || kept.grade_level_taken != m.grade_level_taken) {
    kept.grade_level_taken = m.grade_level_taken;
    all_.bind(param, kept.grade_level_taken);
  }
  ++param;
  text(kept.mark, m.mark);
  text(kept.credits_attempted, m.credits_attempted);
  text(kept.credits_earned, m.credits_earned);
  text(kept.section_id, m.section_id);
  text(kept.ssid, m.ssid);
  text(kept.source, m.source);
  text(kept.status, m.status);
  if (!slot.bound || kept.ag_area_override != m.ag_area_override) {
    kept.ag_area_override = m.ag_area_override;
    all_.bind(param, stage::area_text(kept.ag_area_override));
  }
  ++param;
  text(kept.repeat_of_term, m.repeat_of_term);
}

void MarkBatch::bind_all(Statement& st, const Slot& slot, int first) const {
  stage::bind_mark(st, slot.mark, first);
  const int n = static_cast<int>(stage::kMarks.columns.size());
  if (with_source_) st.bind_static(first + n, *slot.file).bind(first + n + 1, slot.line);
}

void MarkBatch::write() {
  long written = 0;
  if (size_ == kRows) {
    all_.run();  // its parameters were bound by add()
    written = db_.changes();
  } else {
    for (size_t r = 0; r < size_; ++r) {
      bind_all(one_, slots_[r], 1);
      one_.run();
      written += db_.changes();
    }
  }
  if (written != static_cast<long>(size_))
    throw StoreError(SQLITE_INTERNAL, "a buffered course mark's key was taken");
  size_ = 0;
}

}  // namespace agmon::store
