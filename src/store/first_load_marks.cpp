#include "store/first_load_marks.h"

#include "store/stage_tables.h"

namespace agmon::store {

using stage::kMarks;

namespace {
std::string insert_head() {
  return "INSERT OR IGNORE INTO main.course_marks(" + stage::join(kMarks.columns) + ") VALUES ";
}
}  // namespace

FirstLoadMarks::FirstLoadMarks(Database& db, CourseTally& courses)
    : db_(db), batch_(db, insert_head(), false), courses_(courses) {
  insert_ = db_.prepare(insert_head() + "(" + stage::placeholders(kMarks.columns.size()) + ")");
  std::string sets;
  for (size_t c = 0; c < kMarks.columns.size(); ++c) {
    if (stage::is_key(kMarks, kMarks.columns[c])) continue;
    sets +=
        std::string(sets.empty() ? "" : ", ") + kMarks.columns[c] + " = ?" + std::to_string(c + 1);
  }
  update_ =
      db_.prepare("UPDATE main.course_marks SET " + sets + " WHERE " + stage::key_params(kMarks));
}

std::optional<DisplacedRow> FirstLoadMarks::add(const core::CourseMark& m, const std::string& file,
                                                long line, CourseTally::Course& course) {
  if (!indexes_.dropped()) {
    indexes_.drop(db_, "course_marks");
    triggers_.drop(db_, "course_marks");
  }
  runs_.next(m.student_id);
  size_t file_at = runs_.file_index(file);
  const std::uint64_t hash = MarkRuns::key_hash(m);
  if (!runs_.first_run()) return add_one_at_a_time(m, hash, file_at, line, course);
  if (MarkRuns::Entry* earlier = runs_.find(m, hash)) {
    // The later row wins. The earlier one may still be buffered: written first.
    batch_.write();
    stage::bind_mark(update_, m);
    update_.run();
    return displace(*earlier, m, file_at, line);
  }
  runs_.remember(m, hash, file_at, line);
  ++rows_written_;
  course.count_mark(m.academic_year);
  if (batch_.add(m, nullptr, line)) batch_.write();
  return std::nullopt;
}

std::optional<DisplacedRow> FirstLoadMarks::add_one_at_a_time(const core::CourseMark& m,
                                                              std::uint64_t hash, size_t file_at,
                                                              long line,
                                                              CourseTally::Course& course) {
  batch_.write();  // the table must hold every earlier row to say whether the key is taken
  stage::bind_mark(insert_, m);
  insert_.run();
  if (db_.changes() == 1) {
    ++rows_written_;
    course.count_mark(m.academic_year);
    runs_.remember(m, hash, file_at, line);
    return std::nullopt;
  }
  // The key is taken: the later row wins.
  stage::bind_mark(update_, m);
  update_.run();
  MarkRuns::Entry* earlier = runs_.find(m, hash);
  if (!earlier) {
    late_.push_back(mark_key_text(m));
    runs_.remember(m, hash, file_at, line);
    return std::nullopt;
  }
  return displace(*earlier, m, file_at, line);
}

DisplacedRow FirstLoadMarks::displace(MarkRuns::Entry& earlier, const core::CourseMark& m,
                                      size_t file, long line) {
  DisplacedRow displaced{runs_.file(earlier.file), earlier.line, mark_key_text(m)};
  earlier.file = file;  // the later row takes the earlier one's place in the run
  earlier.line = line;
  return displaced;
}

void FirstLoadMarks::finish() {
  batch_.write();
  indexes_.rebuild(db_);
  triggers_.rebuild(db_);
  if (triggers_.dropped()) courses_.write_year_counts(db_);
}

}  // namespace agmon::store
