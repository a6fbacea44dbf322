// students.csv and student_programs.csv rows -> core::Student / StudentProgram (formats.md §1).
#include "agmon/ingest/code_sets.h"
#include "canonical_row.h"

namespace agmon::ingest::canonical {

void map_student_row(RowReader& row, RecordSink& sink) {
  using namespace students;
  core::Student s;
  s.student_id = row.key(kStudentId);
  s.school_code = row.key(kSchoolCode);
  if (row.get(kGradeLevel).empty()) {
    row.key(kGradeLevel);
  } else {
    s.grade_level = row.coded(kGradeLevel, &normalize_grade_level, RowErrorKind::kBadCode,
                              "a grade", kGradeLevelList);
  }
  s.ssid = row.text(kSsid);
  s.academic_year = row.school_year(kAcademicYear);
  s.counselor_id = row.text(kCounselorId);
  s.last_name = row.text(kLastName);
  s.first_name = row.text(kFirstName);
  s.birth_date = row.date(kBirthDate);
  s.gender =
      row.coded(kGender, &normalize_gender, RowErrorKind::kBadCode, "a gender code", kGenderList);
  s.hispanic = row.flag(kHispanic);
  if (!row.get(kRaceCodes).empty()) {
    std::string bad;
    if (auto codes = parse_race_codes(row.get(kRaceCodes), &bad)) {
      s.race_codes = std::move(*codes);
    } else {
      row.fail(kRaceCodes, RowErrorKind::kBadCode,
               "race_codes '" + std::string(row.get(kRaceCodes)) + "': '" + bad +
                   "' is not a CALPADS race code (" + std::string(kRaceCodeList) +
                   "; separate several with ';')");
    }
  }
  s.el_status = row.coded(kElStatus, &normalize_el_status, RowErrorKind::kBadCode, "an EL status",
                          kElStatusList);
  s.sed = row.flag(kSed);
  s.swd = row.flag(kSwd);
  s.foster = row.flag(kFoster);
  s.homeless = row.flag(kHomeless);
  if (!row.failed()) sink.on_student(std::move(s), row.line());
}

void map_program_row(RowReader& row, RecordSink& sink) {
  using namespace programs;
  StudentProgram p;
  p.student_id = row.key(kStudentId);
  if (row.get(kProgramCode).empty()) {
    row.key(kProgramCode);
  } else {
    p.program_code = row.coded(kProgramCode, &normalize_program_code, RowErrorKind::kBadCode,
                               std::string(kProgramCodeList));
  }
  p.school_code = row.text(kSchoolCode);
  p.start_date = row.date(kStartDate);
  p.end_date = row.date(kEndDate);
  // ISO dates compare as text.
  if (!row.failed() && !p.start_date.empty() && !p.end_date.empty() && p.end_date < p.start_date) {
    row.fail(kEndDate, RowErrorKind::kBadDate,
             "end_date " + p.end_date + " is before start_date " + p.start_date);
  }
  if (!row.failed()) sink.on_program(std::move(p), row.line());
}

}  // namespace agmon::ingest::canonical
