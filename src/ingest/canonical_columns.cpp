// Column tables of the canonical CSV files (formats.md §1), in the order of the enums in
// canonical_columns.h.
#include "canonical_columns.h"

namespace agmon::ingest::canonical {

const std::vector<ColumnSpec>& columns_for(FileKind kind) {
  static const std::vector<ColumnSpec> kStudents = {
      {"student_id", true},   {"school_code", true}, {"grade_level", true},
      {"ssid", false},        {"academic_year", false}, {"counselor_id", false},
      {"last_name", false},   {"first_name", false}, {"birth_date", false},
      {"gender", false},      {"hispanic", false},   {"race_codes", false},
      {"el_status", false},   {"sed", false},        {"swd", false},
      {"foster", false},      {"homeless", false},
  };
  static const std::vector<ColumnSpec> kCourses = {
      {"school_code", true},         {"local_course_id", true},   {"course_title", true},
      {"academic_year", false},      {"ag_area", false},          {"rigor", false},
      {"state_course_code", false},  {"math_level", false},       {"lote_language", false},
      {"lote_level", false},         {"hss_type", false},         {"science_discipline", false},
      {"vpa_discipline", false},     {"transcript_abbrev", false}, {"uc_approved", false},
      {"nsil_code", false},          {"credit_value", false},     {"course_length", false},
  };
  static const std::vector<ColumnSpec> kMarks = {
      {"student_id", true},          {"school_code", true},       {"academic_year", true},
      {"term_code", true},           {"local_course_id", true},   {"grade_level_taken", false},
      {"mark", false},               {"credits_attempted", false}, {"credits_earned", false},
      {"section_id", false},         {"ssid", false},             {"source", false},
      {"status", false},             {"ag_area_override", false}, {"repeat_of_term", false},
  };
  static const std::vector<ColumnSpec> kPrograms = {
      {"student_id", true}, {"program_code", true}, {"school_code", false},
      {"start_date", false}, {"end_date", false},   {"ssid", false},
      {"source", false},
  };
  static const std::vector<ColumnSpec> kAgList = {
      {"ucop_course_id", true},       {"course_title", true},   {"ag_area", true},
      {"ucop_institution_id", false}, {"school_code", false},   {"list_year", false},
      {"transcript_abbrevs", false},  {"discipline", false},    {"honors_type", false},
      {"course_length", false},       {"grade_levels", false},  {"is_online", false},
  };
  static const std::vector<ColumnSpec> kNone;
  switch (kind) {
    case FileKind::kStudents: return kStudents;
    case FileKind::kCourses: return kCourses;
    case FileKind::kCourseMarks: return kMarks;
    case FileKind::kStudentPrograms: return kPrograms;
    case FileKind::kAgCourseList: return kAgList;
    default: return kNone;
  }
}

}  // namespace agmon::ingest::canonical
