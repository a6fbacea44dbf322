// The columns of each canonical CSV file (formats.md §1), as data: name and whether a file
// without the column is rejected. The enums index these tables; keep them in the same order.
#pragma once

#include <string_view>
#include <vector>

#include "agmon/ingest/file_kind.h"

namespace agmon::ingest::canonical {

struct ColumnSpec {
  std::string_view name;
  bool required;
};

namespace students {
enum Col : int {
  kStudentId, kSchoolCode, kGradeLevel, kSsid, kAcademicYear, kCounselorId, kLastName,
  kFirstName, kBirthDate, kGender, kHispanic, kRaceCodes, kElStatus, kSed, kSwd, kFoster,
  kHomeless,
};
}  // namespace students

namespace courses {
enum Col : int {
  kSchoolCode, kLocalCourseId, kCourseTitle, kAcademicYear, kAgArea, kRigor, kStateCourseCode,
  kMathLevel, kLoteLanguage, kLoteLevel, kHssType, kScienceDiscipline, kVpaDiscipline,
  kTranscriptAbbrev, kUcApproved, kNsilCode, kCreditValue, kCourseLength,
};
}  // namespace courses

namespace marks {
enum Col : int {
  kStudentId, kSchoolCode, kAcademicYear, kTermCode, kLocalCourseId, kGradeLevelTaken, kMark,
  kCreditsAttempted, kCreditsEarned, kSectionId, kSsid, kSource, kStatus, kAgAreaOverride,
  kRepeatOfTerm,
};
}  // namespace marks

namespace programs {
// ssid and source are known (the research layout has them) but not kept.
enum Col : int { kStudentId, kProgramCode, kSchoolCode, kStartDate, kEndDate, kSsid, kSource };
}  // namespace programs

namespace ag_list {
enum Col : int {
  kUcopCourseId, kCourseTitle, kAgArea, kUcopInstitutionId, kSchoolCode, kListYear,
  kTranscriptAbbrevs, kDiscipline, kHonorsType, kCourseLength, kGradeLevels, kIsOnline,
};
}  // namespace ag_list

// The column table of a canonical kind (empty for any other kind).
const std::vector<ColumnSpec>& columns_for(FileKind kind);

}  // namespace agmon::ingest::canonical
