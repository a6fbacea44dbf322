// CalpadsCallState: what the CALPADS files of one import call tell each other. The import
// service reads SENR before SINF/SELA/SPRG, and CRSC before SCSC, so by the time a file needs
// an earlier one's facts they are here: SENR grade levels per school year (SCSC has no grade),
// the course sections CRSC posted (an SCSC record must match one), the latest school year.
// Reached through RecordSink::calpads_state() (one sink serves one call).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace agmon::ingest {

class CalpadsCallState {
 public:
  // SENR: the student's grade (1-12; 0 for TK/KN/ungraded) in a school year.
  void add_grade(const std::string& student_id, const std::string& academic_year, int grade);
  // 0 when no SENR of this call gave one.
  int grade_in(std::string_view student_id, std::string_view academic_year) const;

  // CRSC: a course section posted for a school and year.
  void add_section(const std::string& school_code, const std::string& academic_year,
                   const std::string& section_id, const std::string& local_course_id);
  enum class SectionCheck {
    kNotChecked,   // no CRSC of this call posted sections for that school and year
    kPosted,       // the section exists and is that course
    kMissing,      // sections were posted for the school and year, not this one
    kOtherCourse,  // the section exists but belongs to another course (`posted_course`)
  };
  SectionCheck check_section(std::string_view school_code, std::string_view academic_year,
                             std::string_view section_id, std::string_view local_course_id,
                             std::string* posted_course = nullptr) const;

  // The latest academic year any SENR of this call named ("" when none).
  const std::string& latest_year() const { return latest_year_; }
  void note_year(const std::string& academic_year);

 private:
  static std::string join(std::string_view a, std::string_view b);

  std::unordered_map<std::string, int> grades_;               // student \x1f year
  std::unordered_map<std::string, std::string> sections_;     // school \x1f year \x1f section
  std::unordered_set<std::string> posted_;                    // school \x1f year
  std::string latest_year_;
  mutable std::string scratch_;  // reused lookup key: SCSC asks once per record
};

}  // namespace agmon::ingest
