// Catalog join: turns a student's course marks into the CourseRecords the evaluator reads,
// by looking each mark's course up in the school catalog (courses.csv) for the year it was
// taken (ag-rules R1). Pure; no I/O.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "agmon/core/model.h"

namespace agmon::core {

// How to pick the catalog row for a mark's year.
enum class CatalogYearMatch {
  // The row for that year, else the blank-year row, else the row of the nearest year
  // (ties: the earlier year). Districts often load only the current year's crosswalk.
  nearest_year,
  // The row for that year, else the blank-year row; nothing else (R1 read literally).
  strict,
};

// An index over a school catalog. Build it once per import and share it: lookups are
// read-only and safe from several threads.
class Catalog {
 public:
  Catalog() = default;
  explicit Catalog(std::vector<Course> courses);

  // The row describing (school_code, course_id) in school_year; nullptr when none applies.
  const Course* find(std::string_view school_code, std::string_view course_id,
                     std::string_view school_year,
                     CatalogYearMatch match = CatalogYearMatch::nearest_year) const;
  std::size_t size() const { return courses_.size(); }

 private:
  std::vector<Course> courses_;
  // "school\x1fcourse" -> indexes into courses_.
  std::unordered_map<std::string, std::vector<std::size_t>> by_key_;
};

// The grade a mark was taken in: grade_level_taken when given, else the student's current
// grade minus the years between the mark's school year and as_of_year (a summer row takes the
// grade of its school year). 0 when it cannot be derived.
int derive_grade_level(const Student& student, const CourseMark& mark, std::string_view as_of_year);

// Joins one mark with its course (course may be null). ag_area_override wins over the
// course's area, also for a mark whose course is not in the catalog (transfer credit); a mark
// with neither has no A-G area and is reported `not_ag`.
CourseRecord make_record(const Student& student, const CourseMark& mark, const Course* course,
                         std::string_view as_of_year);

// Joins every mark; the output keeps the input order.
std::vector<CourseRecord> resolve_records(const Student& student,
                                          const std::vector<CourseMark>& marks,
                                          const Catalog& catalog, std::string_view as_of_year,
                                          CatalogYearMatch match = CatalogYearMatch::nearest_year);
// Convenience overload that indexes `catalog` on every call (fine for one student).
std::vector<CourseRecord> resolve_records(const Student& student,
                                          const std::vector<CourseMark>& marks,
                                          const std::vector<Course>& catalog,
                                          std::string_view as_of_year,
                                          CatalogYearMatch match = CatalogYearMatch::nearest_year);

}  // namespace agmon::core
