// SENR (SSID Enrollment, fields 1.xx) -> one core::Student per student. A student has one
// SENR record per school enrollment: the current one (latest academic year, primary status
// 10 before 30, 20, 40, then the latest start date) becomes the student; each year's grade
// goes to the call state, so SCSC marks of past years get the grade of that year.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "agmon/ingest/calpads_call_state.h"
#include "agmon/ingest/code_sets.h"
#include "calpads_row.h"

namespace agmon::ingest::calpads {
namespace {

// 1.23 Enrollment Status Code: 10 primary, 30 short-term, 20 secondary, 40 specialized
// services only. Lower rank = the better "current enrollment".
std::optional<int> status_rank(std::string_view code) {
  if (code == "10" || code.empty()) return 0;
  if (code == "30") return 1;
  if (code == "20") return 2;
  if (code == "40") return 3;
  return std::nullopt;
}

struct Enrollment {
  core::Student student;
  std::string start;  // 1.22, YYYY-MM-DD
  int rank = 0;
  long line = 0;
};

// True when `b` is a better current enrollment than `a` (a tie goes to the later record).
bool better(const Enrollment& a, const Enrollment& b) {
  if (b.student.academic_year != a.student.academic_year)
    return b.student.academic_year > a.student.academic_year;
  if (b.rank != a.rank) return b.rank < a.rank;
  return b.start >= a.start;
}

struct SeenRecord {
  long line;
  std::string raw;
};

}  // namespace

void read_senr(CalpadsFile& file, CsvReader& reader) {
  const int kSchool = file.at("school_code"), kYear = file.at("academic_year");
  const int kSsid = file.at("ssid"), kId = file.at("student_id");
  const int kFirst = file.at("first_name"), kLast = file.at("last_name");
  const int kBirth = file.at("birth_date"), kGender = file.at("gender");
  const int kStart = file.at("enroll_start"), kStatus = file.at("enroll_status");
  const int kGrade = file.at("grade_level"), kExit = file.at("enroll_exit");

  std::unordered_map<std::string, Enrollment> current;            // by student id
  std::map<std::string, Enrollment> year_best;                     // student \x1f year
  std::unordered_map<std::string, SeenRecord> seen;                // record key -> first record

  for_each_record(file, reader, [&](CalpadsRow& row) {
    Enrollment e;
    core::Student& s = e.student;
    s.student_id = row.text(kId);
    s.school_code = row.text(kSchool);
    s.academic_year = row.school_year(kYear);
    s.ssid = row.text(kSsid);
    s.first_name = row.text(kFirst);
    s.last_name = row.text(kLast);
    s.birth_date = row.date(kBirth);
    s.gender = row.coded(kGender, &normalize_gender, kGenderList);
    s.grade_level = row.coded(kGrade, &normalize_grade_level,
                              "TK, KN, 01-12, UE, US, AD");
    e.start = row.date(kStart);
    row.date(kExit);
    auto rank = status_rank(row.get(kStatus));
    if (!rank) row.fail(kStatus, RowErrorKind::kBadCode, "is not an enrollment status (10, 20, 30, 40)");
    if (row.failed()) return;
    e.rank = *rank;
    e.line = row.line();

    // CALPADS key of an enrollment: student, school, start date (within a year).
    std::string key = s.student_id + '\x1f' + s.school_code + '\x1f' + s.academic_year + '\x1f' + e.start;
    auto [it, fresh] = seen.try_emplace(key, SeenRecord{row.line(), std::string(row.raw())});
    if (!fresh) {
      file.quarantine_later(RowError{
          file.name, it->second.line, row.label(kId), s.student_id, RowErrorKind::kDuplicateKey,
          "duplicate SENR enrollment (" + row.label(kSchool) + ", " + row.label(kYear) + ", " +
              row.label(kId) + ", " + row.label(kStart) + " = " + s.school_code + ", " +
              s.academic_year + ", " + s.student_id + ", " + e.start + "): line " +
              std::to_string(row.line()) + " replaced this record",
          it->second.raw});
      it->second = SeenRecord{row.line(), std::string(row.raw())};
    }
    // The year's grade is that of its best enrollment (primary before secondary).
    auto [y, first_of_year] = year_best.try_emplace(s.student_id + '\x1f' + s.academic_year, e);
    if (!first_of_year && better(y->second, e)) y->second = e;
    file.sink->calpads_state().note_year(s.academic_year);
    auto cur = current.find(s.student_id);
    if (cur == current.end()) {
      current.emplace(s.student_id, std::move(e));
    } else if (better(cur->second, e)) {
      cur->second = std::move(e);
    }
  });

  CalpadsCallState& state = file.sink->calpads_state();
  for (const auto& [key, e] : year_best) {
    state.add_grade(e.student.student_id, e.student.academic_year, e.student.grade_number());
  }
  // The students in file order, so messages and duplicates read naturally.
  std::vector<Enrollment*> order;
  order.reserve(current.size());
  for (auto& [id, e] : current) order.push_back(&e);
  std::sort(order.begin(), order.end(),
            [](const Enrollment* a, const Enrollment* b) { return a->line < b->line; });
  for (Enrollment* e : order) file.sink->on_student(std::move(e->student), e->line);
}

}  // namespace agmon::ingest::calpads
