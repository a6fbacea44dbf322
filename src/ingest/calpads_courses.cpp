// CRSC/CRSE (course sections, 9.xx) -> core::Course, one per school, course and year; and
// SCSC/SCSE (student course sections, 10.xx) -> core::CourseMark. A course's rigor comes from
// its state course code (AP / IB table, Pre-AP excluded; college-credit codes), else from the
// section's instructional level 9.19. A mark's A-G area is its own 10.19 (GA..GO -> g): in
// CALPADS the area lives on the student record, not the course (formats-research §0).
#include <algorithm>
#include <map>
#include <unordered_map>

#include "agmon/ingest/calpads_call_state.h"
#include "agmon/ingest/code_sets.h"
#include "agmon/ingest/state_course_codes.h"
#include "calpads_row.h"

namespace agmon::ingest::calpads {
namespace {

// 9.19 Course Non-Standard Instructional Level (formats-research §1.10).
std::optional<std::string> normalize_nsil(std::string_view text) {
  std::string s(trim(text));
  for (std::string_view code : {"10", "12", "14", "15", "16", "23", "24"}) {
    if (s == code) return s;
  }
  return std::nullopt;
}

std::optional<std::string> normalize_state_code(std::string_view text) {
  if (is_state_course_code(trim(text))) return std::string(trim(text));
  return std::nullopt;
}

// Data Guide v11 college-credit state course codes (formats-research §1.11).
bool is_college_credit_code(std::string_view code) {
  for (std::string_view c : {"9020", "9082", "9096", "9120", "9154", "9200", "9227", "9273",
                             "9303", "9358"}) {
    if (code == c) return true;
  }
  return false;
}

core::Rigor course_rigor(const std::string& state_code, const std::string& cross_ref,
                         const std::string& nsil) {
  if (auto r = rigor_from_state_course_code(state_code)) return *r;
  // An AP/IB course reported under a CTE code carries its AP/IB code in 9.32.
  bool cte = state_code >= "7000" && state_code <= "8999";
  if (cte) {
    if (auto r = rigor_from_state_course_code(cross_ref)) return *r;
  }
  if (is_college_credit_code(state_code)) return core::Rigor::college_credit;
  if (nsil == "14") return core::Rigor::uc_honors;
  if (nsil == "15") return core::Rigor::local_honors;
  if (nsil == "16" || nsil == "23") return core::Rigor::college_credit;
  if (nsil == "24") return core::Rigor::dual_credit;
  return core::Rigor::none;
}

struct SeenSection {
  long line;
  std::string raw;
};

struct CourseEntry {
  core::Course course;
  long line;
};

}  // namespace

void read_crsc(CalpadsFile& file, CsvReader& reader) {
  const int kSchool = file.at("school_code"), kYear = file.at("academic_year");
  const int kState = file.at("state_course_code"), kCourse = file.at("local_course_id");
  const int kTitle = file.at("course_title"), kApproved = file.at("uc_approved");
  const int kSection = file.at("section_id"), kNsil = file.at("nsil_code");
  const int kCross = file.at("ap_ib_cross_ref");
  std::map<std::string, CourseEntry> courses;          // school \x1f course \x1f year
  std::unordered_map<std::string, SeenSection> sections;  // school \x1f year \x1f section
  CalpadsCallState& state = file.sink->calpads_state();

  for_each_record(file, reader, [&](CalpadsRow& row) {
    core::Course c;
    c.school_code = row.text(kSchool);
    c.academic_year = row.school_year(kYear);
    c.state_course_code = row.coded(kState, &normalize_state_code, "a 4-digit state course code");
    c.local_course_id = row.text(kCourse);
    c.course_title = row.text(kTitle);
    if (auto approved = row.flag(kApproved)) c.uc_approved = *approved ? "Y" : "N";
    c.nsil_code = row.coded(kNsil, &normalize_nsil, "10, 12, 14, 15, 16, 23, 24");
    std::string cross = row.coded(kCross, &normalize_state_code, "a 4-digit AP/IB state course code");
    std::string section = row.text(kSection);
    if (row.failed()) return;
    c.rigor = course_rigor(c.state_course_code, cross, c.nsil_code);

    std::string section_key = c.school_code + '\x1f' + c.academic_year + '\x1f' + section;
    auto [seen, fresh] = sections.try_emplace(section_key, SeenSection{row.line(), std::string(row.raw())});
    if (!fresh) {
      file.quarantine_later(RowError{
          file.name, seen->second.line, row.label(kSection), section, RowErrorKind::kDuplicateKey,
          "duplicate CRSC section (" + row.label(kSchool) + ", " + row.label(kYear) + ", " +
              row.label(kSection) + " = " + c.school_code + ", " + c.academic_year + ", " +
              section + "): line " + std::to_string(row.line()) + " replaced this record",
          seen->second.raw});
      seen->second = SeenSection{row.line(), std::string(row.raw())};
    }
    state.add_section(c.school_code, c.academic_year, section, c.local_course_id);

    std::string key = c.school_code + '\x1f' + c.local_course_id + '\x1f' + c.academic_year;
    auto it = courses.find(key);
    if (it == courses.end()) {
      courses.emplace(key, CourseEntry{std::move(c), row.line()});
      return;
    }
    // Sections of one course should agree; the first one read describes the course.
    const core::Course& first = it->second.course;
    if (first.course_title != c.course_title || first.state_course_code != c.state_course_code ||
        first.rigor != c.rigor || first.uc_approved != c.uc_approved) {
      row.warn("section " + section + " of course " + c.local_course_id +
               " differs from the section on line " + std::to_string(it->second.line) +
               " (title, state course code, UC/CSU approval or instructional level); the course "
               "keeps that one's values");
    }
  });

  std::vector<CourseEntry*> order;
  for (auto& [key, entry] : courses) order.push_back(&entry);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->line < b->line; });
  for (CourseEntry* e : order) file.sink->on_course(std::move(e->course), e->line);
}

void read_scsc(CalpadsFile& file, CsvReader& reader) {
  const int kSchool = file.at("school_code"), kYear = file.at("academic_year");
  const int kSsid = file.at("ssid"), kId = file.at("student_id");
  const int kCourse = file.at("local_course_id"), kSection = file.at("section_id");
  const int kTerm = file.at("term_code"), kMark = file.at("mark"), kArea = file.at("ag_area");
  const int kAttempted = file.at("credits_attempted"), kEarned = file.at("credits_earned");
  const CalpadsCallState& state = file.sink->calpads_state();
  // SCSE (fall enrollment) records carry no final grade yet: in progress.
  const std::string source = file.record_type.substr(0, 4);
  std::string posted_course;

  for_each_record(file, reader, [&](CalpadsRow& row) {
    core::CourseMark m;
    m.student_id = row.text(kId);
    m.ssid = row.text(kSsid);
    m.school_code = row.text(kSchool);
    m.academic_year = row.school_year(kYear);
    m.local_course_id = row.text(kCourse);
    m.section_id = row.text(kSection);
    m.term_code = row.coded(kTerm, &normalize_term_code, kTermCodeList);
    m.credits_attempted = row.credits(kAttempted);
    m.credits_earned = row.credits(kEarned);
    std::string_view mark = row.get(kMark);
    auto info = file.marks->find(mark);
    if (!info) {
      row.fail(kMark, RowErrorKind::kUnknownMark,
               "is not in the mark table (A+ to F, P, NP, CR, NC, I, IP, W, or blank for in "
               "progress; a district adds its own codes to the table)");
      return;
    }
    m.mark = to_upper(mark);
    m.status = info->kind == core::MarkKind::kInProgress ? "in_progress"
               : info->kind == core::MarkKind::kWithdrawn ? "withdrawn"
                                                          : "completed";
    std::string_view area = row.get(kArea);
    if (!area.empty()) {
      m.ag_area_override = core::parse_area(area);
      if (!m.ag_area_override) {
        row.fail(kArea, RowErrorKind::kBadCode,
                 "is not a UC/CSU admission requirement code (A-F, GA-GF, GO)");
      }
    }
    if (row.failed()) return;
    switch (state.check_section(m.school_code, m.academic_year, m.section_id, m.local_course_id,
                                &posted_course)) {
      case CalpadsCallState::SectionCheck::kMissing:
        row.fail(kSection, RowErrorKind::kDanglingReference,
                 "matches no CRSC section of school " + m.school_code + " in " + m.academic_year +
                     " (every SCSC record must match a posted CRSC section)");
        return;
      case CalpadsCallState::SectionCheck::kOtherCourse:
        row.fail(kSection, RowErrorKind::kDanglingReference,
                 "is a section of course " + posted_course + " in CRSC, not of " +
                     m.local_course_id);
        return;
      default: break;
    }
    m.grade_level_taken = state.grade_in(m.student_id, m.academic_year);
    m.source = source;
    file.sink->on_mark(std::move(m), row.line());
  });
}

}  // namespace agmon::ingest::calpads
