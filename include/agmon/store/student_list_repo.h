// StudentListRepo: one page of the student list, read from the stored evaluations with the
// caller's scope in the query itself (so an out-of-scope row can never be returned),
// keyset-paged by student id.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/store/database.h"

namespace agmon::store {

// Every set field narrows (AND).
struct StudentListFilter {
  std::string after_id;  // students with a larger id ("" = from the first)
  // The reader's scope: none = every school; else only these schools (empty = none at all).
  std::optional<std::vector<std::string>> scope_schools;
  std::optional<std::string> scope_counselor;  // only this counselor's caseload
  std::optional<std::string> school;
  std::optional<std::string> counselor;
  // A student id prefix, or the start of the last or first name (case-insensitive for
  // ASCII); wildcards are literal. "" = no search.
  std::string prefix;
  int limit = 1;
};

// One student's stored evaluation, with names and open alerts.
struct StudentListRow {
  std::string student_id;
  std::string school_code;
  std::string counselor_id;
  std::string last_name;  // "" when the student row is gone
  std::string first_name;
  int grade = 0;
  std::string as_of_year;
  bool uc_complete = false, uc_complete_projected = false;
  bool csu_complete = false, csu_complete_projected = false;
  bool uc_eligible = false, csu_eligible = false;
  bool on_track = false;
  std::optional<double> uc_gpa_capped;
  std::optional<double> csu_gpa;
  double credited_semesters = 0;
  double projected_semesters = 0;
  long ap_this_year = 0;
  long open_alerts = 0;
  std::string uc_area_status;  // EvaluationRow::uc_area_status; "" = evaluated before schema 5
};

class StudentListRepo {
 public:
  explicit StudentListRepo(Database& db) : db_(db) {}

  // At most `filter.limit` students, ascending by id.
  std::vector<StudentListRow> page(const StudentListFilter& filter);

 private:
  Database& db_;
};

}  // namespace agmon::store
