// StudentReport: where one student stands on the UC and CSU A-G pattern
// (the JSON of ../shared/spec/interfaces.md "The student report"). Produced by the pure
// evaluator, stored after each import, read by gaps, alerts, the CLI and the HTTP API.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "agmon/core/model.h"

namespace agmon::core {

// Progress in one area, in semesters (a year-long course = 2; trimesters give thirds).
struct AreaProgress {
  double required = 0;
  double earned = 0;       // credited, capped at required
  double in_progress = 0;  // projected credit minus earned credit
  double missing = 0;      // required - earned - in_progress, never below 0
  bool met() const { return earned >= required; }
};

// An area's standing in one word, for summaries (the student list's a-g strip): met; met once
// the in-progress courses pass with C or better; short either way.
enum class AreaStanding : char { met = 'm', in_progress = 'p', short_of = 's' };
AreaStanding standing(const AreaProgress& area);
const char* area_standing_name(AreaStanding standing);  // "met", "in_progress", "short"

struct SystemResult {
  std::array<AreaProgress, 7> areas{};  // indexed by Area
  bool pattern_complete = false;
  bool pattern_complete_projected = false;
  bool eligible = false;
  bool eligible_projected = false;
  const AreaProgress& area(Area a) const { return areas[static_cast<int>(a)]; }
  AreaProgress& area(Area a) { return areas[static_cast<int>(a)]; }
  // Each area's standing as its letter (AreaStanding), a to g: "mmpsmmm".
  std::string standing_letters() const;
};

struct UcResult : SystemResult {
  bool eleven_before_senior = false;
  bool eleven_before_senior_projected = false;
  double semesters_before_senior = 0;            // credited a-g semesters from grade <= 11
  double semesters_before_senior_projected = 0;  // the same with in-progress passing
  std::optional<double> gpa_unweighted;          // truncated to 2 decimals; nullopt = no grades
  std::optional<double> gpa_weighted_capped;
  std::optional<double> gpa_fully_weighted;
  int honors_semesters = 0;  // eligible honors semesters counted in the capped GPA
};

struct CsuResult : SystemResult {
  std::optional<double> gpa;
};

enum class CourseStatus { counted, in_progress, needs_validation, validated, repeated, not_ag, below_c };
const char* course_status_name(CourseStatus status);

// One course record in the report, with why it counts or not.
struct CourseOutcome {
  std::string course_id;
  std::string title;
  std::optional<Area> area;
  std::string school_year;
  std::string term;
  std::string mark;
  int grade_level = 0;
  Rigor rigor = Rigor::none;
  CourseStatus status = CourseStatus::not_ag;
  std::string validated_by;  // "ALG2 S1 2024-2025" when status == validated
  std::string reason;        // one short sentence for counselors ("D in S1; repeat or validate")
};

struct StudentReport {
  std::string student_id;
  std::string school_id;
  int grade_level = 0;
  std::string counselor_id;
  std::string as_of_year;
  UcResult uc;
  CsuResult csu;
  // Credited UC a-g semesters overall and with in-progress courses passing (on-track, §9).
  double credited_semesters = 0;
  double projected_semesters = 0;
  bool on_track = false;  // ag-rules §9, using projected credit for the current grade
  int ap_enrolled_this_year = 0;  // distinct AP courses with a record in as_of_year (any mark but W)
  int ap_completed = 0;           // distinct AP courses with a semester passed (C- or better / P)
  bool math_in_progress = false;  // a c course in progress in as_of_year
  bool has_geometry = false;      // credited (or in progress) level-2 math
  double highest_math_level_credited = 0;
  std::vector<CourseOutcome> courses;
};

}  // namespace agmon::core
