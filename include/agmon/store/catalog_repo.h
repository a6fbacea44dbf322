// CatalogRepo: the course catalog as stored (courses), read raw and completed from the UC A-G
// course list inside an import (formats.md §4). Matching the list to the catalog is the
// service's job; this only reads the rows and writes the crosswalk it decided.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/store/database.h"

namespace agmon::store {

// One row of `courses`, its text as stored ("" for NULL).
struct CatalogCourseRow {
  std::string school_code;
  std::string local_course_id;
  std::string academic_year;
  std::string course_title;
  std::string ag_area;            // area letter, "" when the catalog has none
  std::string rigor;              // rigor name
  std::string transcript_abbrev;  // as imported: one or more abbreviations, '|' or ',' separated
};

// The A-G area and rigor to store for one catalog course.
struct CourseCrosswalk {
  std::string school_code;
  std::string local_course_id;
  std::string academic_year;
  std::optional<std::string> ag_area;  // area letter; none = NULL
  std::string rigor;                   // rigor name
};

class CatalogRepo {
 public:
  explicit CatalogRepo(Database& db) : db_(db) {}

  // Every course of every school and year.
  std::vector<CatalogCourseRow> courses();
  // Stores each course's area and rigor and lists every student with a mark in that course
  // (any year) in TEMP touched_students (ImportStage), so the import re-evaluates them.
  void apply_crosswalk(const std::vector<CourseCrosswalk>& changes);

 private:
  Database& db_;
};

}  // namespace agmon::store
