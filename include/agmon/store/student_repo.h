// StudentRepo: students, their marks and the course catalog, read back as model values.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "agmon/core/model.h"
#include "agmon/store/database.h"

namespace agmon::store {

class StudentRepo {
 public:
  explicit StudentRepo(Database& db) : db_(db) {}

  std::optional<core::Student> find(const std::string& student_id);
  std::vector<core::CourseMark> marks_of(const std::string& student_id);
  // Catalog rows of the given schools (every year).
  std::vector<core::Course> courses_of_schools(const std::vector<std::string>& school_codes);
  std::vector<core::Course> all_courses();
  // Streams the students listed in the TEMP table `touched_students` (ImportStage) with
  // their marks, ascending by id, without loading them all at once. The marks carry what
  // the evaluation reads (core::resolve_records): their credits, section and SSID are left
  // blank, which spares the import's one SQLite thread a third of the columns of every mark.
  void for_each_touched(const std::function<void(core::Student&&, std::vector<core::CourseMark>&&)>& fn);
  // The latest academic_year among all marks ("" when there are none).
  std::string latest_school_year();
  long count_students();

 private:
  Database& db_;
};

}  // namespace agmon::store
