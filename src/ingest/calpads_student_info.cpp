// SINF (2.xx), SELA (12.xx) and SPRG (3.xx): what CALPADS says about a student beyond their
// enrollment, sent as StudentUpdates that amend the student SENR created (the import reads
// SENR first). Each picks, per student, the records in effect on the as-of date
// (calpads_row.h as_of_date); derivations per formats-research.md §1.12.
#include <algorithm>
#include <map>

#include "agmon/ingest/code_sets.h"
#include "calpads_row.h"

namespace agmon::ingest::calpads {
namespace {

// A dated candidate for one student's update; the winner is sent at the end of the file.
struct Candidate {
  std::string start, end;  // YYYY-MM-DD; end "" = open
  long line = 0;
  StudentUpdate update;
};

bool in_effect(const std::string& start, const std::string& end, const std::string& as_of) {
  return start <= as_of && (end.empty() || end >= as_of);
}

// The record in effect on `as_of` with the latest start; else the latest that started by
// then; else none.
Candidate* pick(std::vector<Candidate>& cands, const std::string& as_of) {
  Candidate* best = nullptr;
  bool best_effective = false;
  for (Candidate& c : cands) {
    if (c.start > as_of) continue;
    bool effective = in_effect(c.start, c.end, as_of);
    if (!best || (effective && !best_effective) ||
        (effective == best_effective && c.start >= best->start)) {
      best = &c;
      best_effective = effective;
    }
  }
  return best;
}

void send_picked(CalpadsFile& file, std::map<std::string, std::vector<Candidate>>& by_student,
                 const std::string& latest_year) {
  std::string as_of = as_of_date(*file.options, *file.sink, latest_year);
  std::vector<Candidate*> out;
  for (auto& [id, cands] : by_student) {
    if (Candidate* c = pick(cands, as_of)) out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->line < b->line; });
  for (Candidate* c : out) file.sink->on_student_update(std::move(c->update), c->line);
}

// 2.38 Parent Guardian Highest Education Level: 10-15.
std::optional<std::string> normalize_parent_ed(std::string_view text) {
  auto n = parse_int_in(text, 10, 15);
  if (!n || trim(text).size() != 2) return std::nullopt;
  return std::to_string(*n);
}

// CALPADS 3.13 Education Program codes in use or recently retired (formats-research §1.10).
std::optional<std::string> normalize_calpads_program(std::string_view text) {
  static const std::vector<std::string_view> kCodes = {
      "101", "108", "113", "122", "127", "131", "135", "144", "162", "174", "175", "181",
      "182", "185", "190", "191", "192", "193", "300", "301", "302", "303", "304", "305", "306"};
  std::string s(trim(text));
  for (std::string_view c : kCodes) {
    if (s == c) return s;
  }
  return std::nullopt;
}

}  // namespace

void read_sinf(CalpadsFile& file, CsvReader& reader) {
  const int kId = file.at("student_id"), kYear = file.at("academic_year");
  const int kStart = file.at("effective_start"), kEnd = file.at("effective_end");
  const int kGender = file.at("gender"), kHispanic = file.at("hispanic");
  const int kEthMissing = file.at("ethnicity_missing"), kRaceMissing = file.at("race_missing");
  const int kEd1 = file.at("parent_ed_level"), kEd2 = file.at("parent_ed_level_2");
  std::vector<int> race;
  for (const char* k : {"race_1", "race_2", "race_3", "race_4", "race_5"}) {
    if (file.at(k) >= 0) race.push_back(file.at(k));
  }
  std::map<std::string, std::vector<Candidate>> by_student;
  std::string latest_year;
  for_each_record(file, reader, [&](CalpadsRow& row) {
    Candidate c;
    StudentUpdate& u = c.update;
    u.student_id = row.text(kId);
    std::string year = row.school_year(kYear);
    c.start = row.date(kStart);
    c.end = row.date(kEnd);
    u.gender = row.coded(kGender, &normalize_gender, kGenderList);
    auto hispanic = row.flag(kHispanic);
    if (row.flag(kEthMissing) != true) u.hispanic = hispanic;
    std::vector<int> codes;
    for (int idx : race) {
      std::string_view v = row.get(idx);
      if (v.empty()) continue;
      auto code = parse_int_in(v, 100, 999);
      if (!code || !is_race_code(*code)) {
        row.fail(idx, RowErrorKind::kBadCode, "is not a race code (" + std::string(kRaceCodeList) + ")");
      } else if (std::find(codes.begin(), codes.end(), *code) == codes.end()) {
        codes.push_back(*code);
      }
    }
    if (row.flag(kRaceMissing) == true) codes.clear();
    u.race_codes = std::move(codes);
    // SED by parent education (§1.12): 14 "not a high school graduate"; with two parent
    // fields (2023-24 on), both 14, or one 14 and the other blank.
    std::string ed1 = row.coded(kEd1, &normalize_parent_ed, "10-15");
    std::string ed2 = kEd2 >= 0 ? row.coded(kEd2, &normalize_parent_ed, "10-15") : "";
    if (!ed1.empty() || !ed2.empty()) {
      u.sed = (ed1 == "14" || ed1.empty()) && (ed2 == "14" || ed2.empty());
    }
    if (!c.start.empty() && !c.end.empty() && c.end < c.start) {
      row.fail(kEnd, RowErrorKind::kBadDate, "is before " + row.label(kStart) + " " + c.start);
    }
    if (row.failed()) return;
    latest_year = std::max(latest_year, year);
    c.line = row.line();
    by_student[u.student_id].push_back(std::move(c));
  });
  send_picked(file, by_student, latest_year);
}

void read_sela(CalpadsFile& file, CsvReader& reader) {
  const int kId = file.at("student_id"), kYear = file.at("academic_year");
  const int kStatus = file.at("el_status"), kDate = file.at("el_status_date");
  std::map<std::string, std::vector<Candidate>> by_student;
  std::string latest_year;
  for_each_record(file, reader, [&](CalpadsRow& row) {
    Candidate c;
    c.update.student_id = row.text(kId);
    std::string year = row.school_year(kYear);
    c.update.el_status = row.coded(kStatus, &normalize_el_status, kElStatusList);
    c.start = row.date(kDate);  // a blank start date reads as the oldest status
    if (row.failed()) return;
    latest_year = std::max(latest_year, year);
    c.line = row.line();
    by_student[c.update.student_id].push_back(std::move(c));
  });
  send_picked(file, by_student, latest_year);
}

void read_sprg(CalpadsFile& file, CsvReader& reader) {
  const int kId = file.at("student_id"), kYear = file.at("academic_year");
  const int kSchool = file.at("school_code"), kCode = file.at("program_code");
  const int kStart = file.at("program_start"), kEnd = file.at("program_end");
  std::map<std::string, std::vector<StudentProgram>> by_student;
  std::map<std::string, long> first_line;
  std::string latest_year;
  for_each_record(file, reader, [&](CalpadsRow& row) {
    StudentProgram p;
    p.student_id = row.text(kId);
    p.school_code = row.text(kSchool);
    std::string year = row.school_year(kYear);
    p.program_code = row.coded(kCode, &normalize_calpads_program,
                               "101, 108, 113, 122, 127, 135, 162, 174, 181, 182, 190-193, 300-306");
    p.start_date = row.date(kStart);
    p.end_date = row.date(kEnd);
    if (!row.failed() && !p.end_date.empty() && p.end_date < p.start_date) {
      row.fail(kEnd, RowErrorKind::kBadDate, "is before " + row.label(kStart) + " " + p.start_date);
    }
    if (row.failed()) return;
    latest_year = std::max(latest_year, year);
    first_line.try_emplace(p.student_id, row.line());
    by_student[p.student_id].push_back(p);
    file.sink->on_program(std::move(p), row.line());
  });
  // SED (§1.12): free or reduced-price meals 181/182, migrant 135, homeless 191, tribal foster
  // youth 193. Homeless: 191. Foster: 193 (tribal foster youth are foster youth for LCFF;
  // other foster youth come from a state match, never from SPRG). Only raised, never cleared:
  // SINF parent education may have proven SED already.
  std::string as_of = as_of_date(*file.options, *file.sink, latest_year);
  std::vector<std::pair<long, StudentUpdate>> out;
  for (const auto& [id, programs] : by_student) {
    StudentUpdate u;
    u.student_id = id;
    u.ignore_if_unknown = true;
    for (const StudentProgram& p : programs) {
      if (!in_effect(p.start_date, p.end_date, as_of)) continue;
      const std::string& c = p.program_code;
      if (c == "181" || c == "182" || c == "135" || c == "191" || c == "193") u.sed = true;
      if (c == "191") u.homeless = true;
      if (c == "193") u.foster = true;
    }
    if (u.sed || u.homeless || u.foster) out.emplace_back(first_line[id], std::move(u));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [line, u] : out) file.sink->on_student_update(std::move(u), line);
}

}  // namespace agmon::ingest::calpads
