// courses.csv and ag_course_list.csv rows -> core::Course / AgCourseListEntry (formats.md §1).
#include "agmon/ingest/code_sets.h"
#include "agmon/ingest/state_course_codes.h"
#include "canonical_row.h"

namespace agmon::ingest::canonical {
namespace {

constexpr std::string_view kRigorList =
    "AP, IB, UC_HONORS, LOCAL_HONORS, DUAL_CREDIT, COLLEGE_CREDIT, or blank";

// CALPADS 9.19 Course Non-Standard Instructional Level (reference/formats-research.md §1.10).
std::optional<std::string> normalize_nsil(std::string_view text) {
  std::string s(trim(text));
  for (std::string_view code : {"10", "12", "14", "15", "16", "23", "24"}) {
    if (s == code) return s;
  }
  return std::nullopt;
}

// The rigor a 9.19 code states (formats-research.md §6.3): 14 UC-certified honors, 15 local
// honors, 16/23 college credit, 24 dual credit.
core::Rigor rigor_from_nsil(std::string_view nsil) {
  if (nsil == "14") return core::Rigor::uc_honors;
  if (nsil == "15") return core::Rigor::local_honors;
  if (nsil == "16" || nsil == "23") return core::Rigor::college_credit;
  if (nsil == "24") return core::Rigor::dual_credit;
  return core::Rigor::none;
}

// A '|'-separated list, pieces trimmed, blanks dropped.
std::vector<std::string> split_pipes(std::string_view text) {
  std::vector<std::string> out;
  while (true) {
    std::size_t bar = text.find('|');
    std::string_view piece = trim(text.substr(0, bar));
    if (!piece.empty()) out.emplace_back(piece);
    if (bar == std::string_view::npos) break;
    text.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace

void map_course_row(RowReader& row, RecordSink& sink) {
  using namespace courses;
  core::Course c;
  c.school_code = row.key(kSchoolCode);
  c.local_course_id = row.key(kLocalCourseId);
  c.course_title = row.key(kCourseTitle);
  c.academic_year = row.school_year(kAcademicYear);
  c.ag_area = row.area(kAgArea);
  if (!row.get(kRigor).empty()) {
    if (auto r = core::parse_rigor(rigor_key(row.get(kRigor)))) {
      c.rigor = *r;
    } else {
      row.fail(kRigor, RowErrorKind::kBadCode,
               "rigor '" + std::string(row.get(kRigor)) + "' is not one of " + std::string(kRigorList));
    }
  }
  c.state_course_code = row.text(kStateCourseCode);
  if (!c.state_course_code.empty() && !is_state_course_code(c.state_course_code)) {
    row.fail(kStateCourseCode, RowErrorKind::kBadCode,
             "state_course_code '" + c.state_course_code +
                 "' is not a CALPADS state course code (4 digits)");
  }
  c.math_level = row.integer(kMathLevel, 0, 4,
                             "a math level (1 Algebra 1/Math I, 2 Geometry/Math II, "
                             "3 Algebra 2/Math III, 4 beyond)");
  c.lote_language = row.text(kLoteLanguage);
  c.lote_level = row.integer(kLoteLevel, 0, 20, "a language level (1, 2, 3, ...)");
  c.hss_type = row.word_code(kHssType, kHssTypes);
  c.science_discipline = row.word_code(kScienceDiscipline, kScienceDisciplines);
  c.vpa_discipline = row.word_code(kVpaDiscipline, kVpaDisciplines);
  c.transcript_abbrev = row.text(kTranscriptAbbrev);
  if (auto approved = row.flag(kUcApproved)) c.uc_approved = *approved ? "Y" : "N";
  c.nsil_code = row.coded(kNsilCode, &normalize_nsil, RowErrorKind::kBadCode,
                          "a CALPADS instructional level code (10, 12, 14, 15, 16, 23, 24)");
  c.credit_value = row.credits(kCreditValue, c.local_course_id);
  c.course_length = row.text(kCourseLength);
  if (row.failed()) return;

  // A blank rigor is implied by an AP/IB state course code, else by the 9.19 level.
  if (c.rigor == core::Rigor::none) {
    if (auto r = rigor_from_state_course_code(c.state_course_code)) {
      c.rigor = *r;
    } else {
      c.rigor = rigor_from_nsil(c.nsil_code);
    }
  }
  // Loaded, but the evaluator cannot place these in their area's sequence (ag-rules §3).
  const std::string who = "course " + c.local_course_id;
  if (c.ag_area == core::Area::c && c.math_level == 0) {
    row.warn("A-G c " + who +
             " has no math_level (1-4); its place in the math sequence is unknown");
  }
  if (c.ag_area == core::Area::e && (c.lote_language.empty() || c.lote_level == 0)) {
    row.warn("A-G e " + who + " has no lote_language/lote_level; its language level is unknown");
  }
  if (c.ag_area == core::Area::d && c.science_discipline.empty()) {
    row.warn("A-G d " + who + " has no science_discipline; its science discipline is unknown");
  }
  sink.on_course(std::move(c), row.line());
}

void map_ag_course_row(RowReader& row, RecordSink& sink) {
  using namespace ag_list;
  AgCourseListEntry e;
  e.ucop_course_id = row.key(kUcopCourseId);
  e.course_title = row.key(kCourseTitle);
  if (row.get(kAgArea).empty()) row.key(kAgArea);
  e.ag_area = row.area(kAgArea);
  e.ucop_institution_id = row.text(kUcopInstitutionId);
  e.school_code = row.text(kSchoolCode);
  e.list_year = row.school_year(kListYear);
  e.transcript_abbrevs = split_pipes(row.get(kTranscriptAbbrevs));
  e.discipline = row.text(kDiscipline);
  if (!row.get(kHonorsType).empty()) {
    std::string key = rigor_key(row.get(kHonorsType));
    auto r = key == "HONORS" ? std::optional<core::Rigor>(core::Rigor::uc_honors)
                             : core::parse_rigor(key);
    if (r) {
      e.honors = *r;
    } else {
      row.fail(kHonorsType, RowErrorKind::kBadCode,
               "honors_type '" + std::string(row.get(kHonorsType)) +
                   "' is not AP, IB, UC Honors or blank");
    }
  }
  e.course_length = row.text(kCourseLength);
  for (const std::string& g : split_pipes(row.get(kGradeLevels))) {
    if (auto n = parse_int_in(g, 1, 12)) {
      e.grade_levels.push_back(*n);
    } else {
      row.fail(kGradeLevels, RowErrorKind::kBadCode,
               "grade_levels '" + std::string(row.get(kGradeLevels)) + "': '" + g +
                   "' is not a grade (1-12; separate several with '|')");
      break;
    }
  }
  e.is_online = row.flag(kIsOnline);
  if (!row.failed()) sink.on_ag_course(std::move(e), row.line());
}

}  // namespace agmon::ingest::canonical
