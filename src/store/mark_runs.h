// What both course-mark writers (a first load's FirstLoadMarks, every other import's staging)
// share to write marks 16 to a statement while keeping "keep the last, report the first":
//
// - MarkRuns: the current run of one student's consecutive marks, held in memory so a key
//   repeated within the run is found without asking the table, and whether the run is the
//   student's first in the call. A first run can only collide with itself; a student met again
//   after their run ended is written a row at a time, since only the table knows their taken
//   keys. The students whose run ended are kept as 64-bit hashes (~14 MB at 10M marks); two
//   students sharing a hash only send the second down the one-row path.
// - MarkBatch: first-run marks waiting to be written kBatchRows to one multi-row INSERT OR
//   IGNORE, which costs SQLite 35-40% less a row than one-row statements. (OR IGNORE with the
//   count checked after, not a plain INSERT: a plain multi-row INSERT must be able to undo its
//   own first rows, so SQLite writes a statement journal for it.)
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_set>
#include <vector>

#include "agmon/core/model.h"
#include "agmon/store/database.h"
#include "agmon/store/statement.h"

namespace agmon::store {

class MarkRuns {
 public:
  struct Entry {             // one mark of the current run: the key beyond the student, and its row
    std::uint64_t hash = 0;  // of the key: most entries are told apart without a string compare
    std::string school, year, term, course;
    size_t file = 0;  // index into the files met (file())
    long line = 0;
  };

  // Called with every mark before anything else: a new student starts a new run.
  void next(const std::string& student_id);
  // The current run is its student's first in the call.
  bool first_run() const { return first_run_; }
  // A hash of `m`'s key beyond the student, computed once a mark for find() and remember().
  static std::uint64_t key_hash(const core::CourseMark& m);
  // The current run's mark with the same key as `m` (whose key_hash is `hash`), or nullptr.
  Entry* find(const core::CourseMark& m, std::uint64_t hash);
  void remember(const core::CourseMark& m, std::uint64_t hash, size_t file, long line);

  // Files are numbered in the order they are met, so an entry holds a number, not a name. The
  // names stay at their address for the whole call.
  size_t file_index(const std::string& file);
  const std::string& file(size_t index) const { return files_[index]; }

 private:
  std::string student_;
  std::vector<Entry> run_;  // reused: entries past size_ keep their string buffers
  size_t size_ = 0;
  bool first_run_ = true;
  std::unordered_set<std::uint64_t> ended_;  // hashes of the students whose run ended
  std::deque<std::string> files_;  // a deque: names stay put while buffered rows point at them
};

class MarkBatch {
 public:
  static constexpr size_t kRows = 16;

  // `head`: "INSERT OR IGNORE INTO table(mark columns[, src_file, src_line]) VALUES ";
  // `with_source`: each row also binds its file name and line (staging).
  MarkBatch(Database& db, const std::string& head, bool with_source);
  // The statement's parameters point into the slots: a batch stays where it was made.
  MarkBatch(const MarkBatch&) = delete;
  MarkBatch& operator=(const MarkBatch&) = delete;

  // Buffers a copy of `m` (with its file's name, which must outlive write()); true when full.
  bool add(const core::CourseMark& m, const std::string* file, long line);
  // Writes what is buffered (the full statement, or the rest row by row). Every key must be
  // new: if one was taken the import fails, rolled back, rather than lose a row in silence.
  void write();
  bool empty() const { return size_ == 0; }

 private:
  // One row of the full statement: its copy of the mark, which that statement's parameters
  // point at. SQLite keeps a parameter's value until it is bound again, and consecutive rows
  // repeat most fields slot for slot (school, year, credits, the blank ones), so add() copies
  // and binds only the fields that differ from the slot's last row: about half of them, where
  // binding every field cost a third as much as SQLite's own insert.
  struct Slot {
    core::CourseMark mark;
    const std::string* file = nullptr;
    long line = 0;
    bool bound = false;  // the full statement's parameters hold this slot's fields
  };
  void bind_changes(Slot& slot, const core::CourseMark& m, int first);
  void bind_all(Statement& st, const Slot& slot, int first) const;

  Database& db_;
  bool with_source_;
  int params_;  // a row's
  Statement one_, all_;
  std::array<Slot, kRows> slots_;
  size_t size_ = 0;
};

}  // namespace agmon::store
