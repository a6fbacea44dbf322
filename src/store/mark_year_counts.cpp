#include "store/mark_year_counts.h"

namespace agmon::store {
namespace {
constexpr char kSeparator = '\x1f';  // no code contains it (CSV fields are trimmed text)
}  // namespace

void MarkYearCounts::count(std::string_view school_code, std::string_view local_course_id,
                           std::string_view academic_year) {
  key_.assign(school_code).append(1, kSeparator).append(local_course_id);
  key_.append(1, kSeparator).append(academic_year);
  auto it = marks_.find(key_);
  if (it != marks_.end())
    ++it->second;
  else
    marks_.emplace(key_, 1);
}

void MarkYearCounts::write(Database& db) const {
  auto add = db.prepare(
      "INSERT INTO main.course_mark_years(school_code, local_course_id, academic_year, marks) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET marks = marks + excluded.marks");
  for (const auto& [key, marks] : marks_) {
    std::string_view k = key;
    size_t a = k.find(kSeparator), b = k.find(kSeparator, a + 1);
    add.bind(1, k.substr(0, a)).bind(2, k.substr(a + 1, b - a - 1)).bind(3, k.substr(b + 1));
    add.bind(4, static_cast<std::int64_t>(marks));
    add.run();
    add.reset();
  }
}

}  // namespace agmon::store
