// CourseTally: what an import call learns about each course (school, local course id), for one
// hash lookup a mark:
//
// - whether the catalog has it (the call's or the database's): ImportStage::course_known()
//   asks SQLite once a course and keeps the answer when it is yes (a course staged later in
//   the call may still turn a no into a yes);
// - for a first load, how many marks of each school year were written: the course_mark_years
//   rows (schema 0006), counted here while the table's counting triggers are suspended
//   (stage::DeferredObjects) and written once at the end, instead of a trigger's upsert a mark
//   (1M marks: ~0.9 s).
//
// A mark's orphan check and its write ask for the same course one after the other: the last
// course asked for is answered without a lookup. (Two lookups a mark, in tables of 6,600 and
// 18,000 keys at 10M marks, were 16% of the importing thread's read phase: cache misses.)
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "agmon/store/database.h"

namespace agmon::store {

class CourseTally {
 public:
  struct Course {
    bool known = false;  // the catalog has it (only a yes is kept)
    std::vector<std::pair<std::string, long>> marks_by_year;  // a first load's; a few years

    // One more mark of this course in `academic_year` (a row written, not one that replaced
    // another).
    void count_mark(std::string_view academic_year);
  };

  // The course's entry (made the first time it is asked for); it stays at its address.
  Course& course(std::string_view school_code, std::string_view local_course_id);

  // Adds the marks counted by count_mark() to course_mark_years (which the triggers kept for
  // whatever was stored before).
  void write_year_counts(Database& db) const;

 private:
  std::string key_;                                  // reused: a lookup allocates nothing
  std::unordered_map<std::string, Course> courses_;  // "school\x1fcourse"
  std::string last_school_, last_course_;
  Course* last_ = nullptr;
};

}  // namespace agmon::store
