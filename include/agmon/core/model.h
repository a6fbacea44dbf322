// The model: students, courses and course marks as the canonical CSV defines them
// (../shared/spec/formats.md §1). Every importer produces these values; the store keeps them;
// the evaluator reads them. Plain data, no behaviour beyond code conversions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agmon::core {

// A-G subject areas.
enum class Area : std::uint8_t { a = 0, b, c, d, e, f, g };
inline constexpr std::array<Area, 7> kAllAreas = {Area::a, Area::b, Area::c, Area::d,
                                                  Area::e, Area::f, Area::g};
char area_letter(Area area);
// 'a'..'g' in any case, and CALPADS "GA".."GO" (g electives). nullopt otherwise.
std::optional<Area> parse_area(std::string_view text);

// Course rigor (courses.csv `rigor`).
enum class Rigor : std::uint8_t { none, ap, ib, uc_honors, local_honors, dual_credit, college_credit };
std::string_view rigor_name(Rigor rigor);  // "AP", "IB", "UC_HONORS", ... ; "" for none
std::optional<Rigor> parse_rigor(std::string_view text);  // blank -> none
// Rigor that earns a UC/CSU honors point: AP, IB, UC-certified honors, college courses.
bool earns_honors_point(Rigor rigor);
// A college course (UC-transferable): 1 semester course = 1 year of A-G credit (2 semesters).
bool is_college_course(Rigor rigor);

// One student, as of their current enrollment (students.csv).
struct Student {
  std::string student_id;
  std::string school_code;
  std::string grade_level;  // as given, normalised: "07".."12", "TK", "KN", "01".."06", "US", ...
  std::string ssid;
  std::string academic_year;  // YYYY-YYYY or blank
  std::string counselor_id;
  std::string last_name;
  std::string first_name;
  std::string birth_date;  // YYYY-MM-DD or blank
  std::string gender;      // F / M / X / blank
  std::optional<bool> hispanic;
  std::vector<int> race_codes;  // CALPADS race codes
  std::string el_status;        // EO / EL / IFEP / RFEP / TBD / blank
  std::optional<bool> sed, swd, foster, homeless;

  // Numeric grade 1..12 for "01".."12"; 0 for TK/KN/US/UE/AD/blank.
  int grade_number() const;
};

// A course in the school catalog (courses.csv). Key: (school_code, local_course_id,
// academic_year); a blank academic_year applies to every year.
struct Course {
  std::string school_code;
  std::string local_course_id;
  std::string academic_year;
  std::string course_title;
  std::optional<Area> ag_area;
  Rigor rigor = Rigor::none;
  std::string state_course_code;
  int math_level = 0;  // c: 1 Alg 1, 2 Geometry, 3 Alg 2, 4 beyond; 0 unknown
  std::string lote_language;
  int lote_level = 0;
  std::string hss_type;            // world_history / us_history / civics / social_science
  std::string science_discipline;  // biology / chemistry / physics / earth_space / interdisciplinary
  std::string vpa_discipline;      // dance / music / theater / visual_arts / media_arts
  std::string transcript_abbrev;
  std::string uc_approved;
  std::string nsil_code;
  std::string credit_value;
  std::string course_length;
};

// One transcript or in-progress row (course_marks.csv). Key: (student_id, school_code,
// academic_year, term_code, local_course_id).
struct CourseMark {
  std::string student_id;
  std::string school_code;
  std::string academic_year;
  std::string term_code;  // S1 S2 FY T1-T3 Q1-Q4 SS
  std::string local_course_id;
  int grade_level_taken = 0;  // 0 = not given (derive from the year)
  std::string mark;           // normalised upper case; blank = in progress
  std::string credits_attempted;
  std::string credits_earned;
  std::string section_id;
  std::string ssid;
  std::string source;
  std::string status;  // completed / in_progress / withdrawn
  std::optional<Area> ag_area_override;
  std::string repeat_of_term;
};

// A mark joined with its course's attributes: what the evaluator reads
// (the record of ../shared/spec/ag-rules.md §3 and ag-examples.json).
struct CourseRecord {
  std::string course_id;
  std::string school_code;
  std::string title;
  std::optional<Area> ag_area;
  Rigor honors = Rigor::none;
  int math_level = 0;
  std::string lote_language;
  int lote_level = 0;
  std::string hss_type;
  std::string science_discipline;
  std::string vpa_discipline;
  int grade_level = 0;      // grade when taken (summer: the grade just completed)
  std::string school_year;  // YYYY-YYYY
  std::string term;         // S1 S2 FY T1-T3 Q1-Q4 SS
  std::string mark;         // blank or IP = in progress
  std::string repeat_of_term;
  std::string status;       // completed / in_progress / withdrawn
  std::string source;       // the mark's source ("SIS", "transfer", "exemption" for C19)
};

// Splits "2024-2025" into its first year (2024); nullopt when malformed.
std::optional<int> school_year_start(std::string_view school_year);

}  // namespace agmon::core
