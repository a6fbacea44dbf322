// course_marks.csv rows -> core::CourseMark (formats.md §1). Marks go through the district's
// mark table; a blank status is derived from the mark.
#include "agmon/ingest/code_sets.h"
#include "canonical_row.h"

namespace agmon::ingest::canonical {
namespace {

std::string status_from_mark(const core::MarkInfo& info) {
  if (info.kind == core::MarkKind::kInProgress) return "in_progress";
  if (info.kind == core::MarkKind::kWithdrawn) return "withdrawn";
  return "completed";
}

}  // namespace

void map_mark_row(RowReader& row, const core::MarkTable& mark_table, RecordSink& sink) {
  using namespace marks;
  core::CourseMark m;
  m.student_id = row.key(kStudentId);
  m.school_code = row.key(kSchoolCode);
  if (row.get(kAcademicYear).empty()) {
    row.key(kAcademicYear);
  } else {
    m.academic_year = row.school_year(kAcademicYear);
  }
  if (row.get(kTermCode).empty()) {
    row.key(kTermCode);
  } else {
    m.term_code = row.coded(kTermCode, &normalize_term_code, RowErrorKind::kBadCode, "a term code",
                            kTermCodeList);
  }
  m.local_course_id = row.key(kLocalCourseId);
  m.grade_level_taken = row.integer(kGradeLevelTaken, 1, 12, "a grade (1-12)");

  std::string_view mark = row.get(kMark);
  std::optional<core::MarkInfo> info = mark_table.find(mark);
  if (!info) {
    row.fail(kMark, RowErrorKind::kUnknownMark,
             "mark '" + std::string(mark) +
                 "' is not in the mark table (A+ to F, P, NP, CR, NC, I, IP, W, or blank for in "
                 "progress; a district adds its own codes to the table)");
  }
  m.mark = to_upper(mark);
  m.credits_attempted = row.credits(kCreditsAttempted, m.local_course_id);
  m.credits_earned = row.credits(kCreditsEarned, m.local_course_id);
  m.section_id = row.text(kSectionId);
  m.ssid = row.text(kSsid);
  m.source = row.text(kSource);
  m.status = row.coded(kStatus, &normalize_mark_status, RowErrorKind::kBadCode, "a status",
                       kMarkStatusList);
  if (m.status.empty() && info) m.status = status_from_mark(*info);
  m.ag_area_override = row.area(kAgAreaOverride);
  m.repeat_of_term = row.coded(kRepeatOfTerm, &normalize_term_code, RowErrorKind::kBadCode,
                               "a term code", kTermCodeList);
  if (!row.failed()) sink.on_mark(std::move(m), row.line());
}

}  // namespace agmon::ingest::canonical
