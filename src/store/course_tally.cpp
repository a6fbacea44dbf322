#include "store/course_tally.h"

namespace agmon::store {
namespace {
constexpr char kSeparator = '\x1f';  // no code contains it (CSV fields are trimmed text)
}  // namespace

void CourseTally::Course::count_mark(std::string_view academic_year) {
  for (auto& [year, marks] : marks_by_year) {
    if (year == academic_year) {
      ++marks;
      return;
    }
  }
  marks_by_year.emplace_back(std::string(academic_year), 1);
}

CourseTally::Course& CourseTally::course(std::string_view school_code,
                                         std::string_view local_course_id) {
  if (last_ && last_course_ == local_course_id && last_school_ == school_code) return *last_;
  key_.assign(school_code).append(1, kSeparator).append(local_course_id);
  last_ = &courses_[key_];  // unordered_map nodes stay put when the table grows
  last_school_.assign(school_code);
  last_course_.assign(local_course_id);
  return *last_;
}

void CourseTally::write_year_counts(Database& db) const {
  auto add = db.prepare(
      "INSERT INTO main.course_mark_years(school_code, local_course_id, academic_year, marks) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET marks = marks + excluded.marks");
  for (const auto& [key, course] : courses_) {
    const std::string_view k = key;
    const size_t separator = k.find(kSeparator);
    for (const auto& [year, marks] : course.marks_by_year) {
      add.bind(1, k.substr(0, separator)).bind(2, k.substr(separator + 1)).bind(3, year);
      add.bind(4, static_cast<std::int64_t>(marks));
      add.run();
      add.reset();
    }
  }
}

}  // namespace agmon::store
