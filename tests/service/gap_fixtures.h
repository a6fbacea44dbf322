// Small synthetic districts for the gaps and alerts tests, written as canonical CSV and
// imported through service::run_import, so every figure is computed from stored evaluations
// exactly as in production. The counts are chosen so each table can be worked by hand.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "agmon/service/gaps.h"
#include "agmon/service/importer.h"
#include "agmon/store/database.h"
#include "support/test_support.h"

namespace agmon::test {

// One race/ethnicity group of 11th graders at school 101 (gender F, counselor C1).
//  strong: ENG10 A in 2024-2025 (UC GPA 4.00); the others: C (GPA 2.00).
//  ap_last: strong students with AP World History (B) in 2024-2025;
//  ap_now_strong / ap_now_weak: AP US History in progress in 2025-2026;
//  el_weak: the non-strong students are English learners.
struct ApGroup {
  std::string prefix;  // student ids: prefix + 01..n
  std::string hispanic, race_codes;
  int n = 0, strong = 0, ap_last = 0, ap_now_strong = 0, ap_now_weak = 0;
  bool el_weak = false;
};

// The AP district of gaps_test (61 students):
//   group     n  strong  AP 2024-25  AP 2025-26 (strong + weak)  EL
//   hispanic 30      12           3                 4 + 2         the 18 weak
//   white    11       8           5                 5 + 0
//   asian    10       6           2                 4 + 0
//   filipino 10       5           1                 2 + 1
inline std::vector<ApGroup> ap_district() {
  return {{"H", "Y", "", 30, 12, 3, 4, 2, true},
          {"W", "N", "700", 11, 8, 5, 5, 0, false},
          {"A", "N", "201", 10, 6, 2, 4, 0, false},
          {"F", "N", "400", 10, 5, 1, 2, 1, false}};
}

inline std::string two_digits(int i) { return (i < 10 ? "0" : "") + std::to_string(i); }

struct ApFiles {
  std::string students, courses, marks_last, marks_now;
};

inline ApFiles ap_files(const std::vector<ApGroup>& groups) {
  ApFiles f;
  f.students = "student_id,school_code,grade_level,counselor_id,gender,hispanic,race_codes,el_status\n";
  f.courses =
      "school_code,local_course_id,course_title,ag_area,hss_type,rigor\n"
      "101,ENG10,English 10,b,,\n101,ENG11,English 11,b,,\n"
      "101,APWH,AP World History,a,world_history,AP\n101,APUSH,AP US History,a,us_history,AP\n";
  const std::string header = "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark\n";
  f.marks_last = header;
  f.marks_now = header;
  for (const auto& g : groups) {
    for (int i = 1; i <= g.n; ++i) {
      std::string id = g.prefix + two_digits(i);
      bool strong = i <= g.strong;
      f.students += id + ",101,11,C1,F," + g.hispanic + "," + g.race_codes + "," +
                    (g.el_weak && !strong ? "EL" : "EO") + "\n";
      f.marks_last += id + ",101,2024-2025,FY,ENG10,10," + (strong ? "A" : "C") + "\n";
      if (strong && i <= g.ap_last) f.marks_last += id + ",101,2024-2025,FY,APWH,10,B\n";
      f.marks_now += id + ",101,2025-2026,FY,ENG11,11,\n";
      bool ap_now = strong ? i <= g.ap_now_strong : i - g.strong <= g.ap_now_weak;
      if (ap_now) f.marks_now += id + ",101,2025-2026,FY,APUSH,11,\n";
    }
  }
  return f;
}

// A temporary database with helpers to import files and ask for gap tables.
struct GapDb {
  TempDir dir;
  std::string db = dir.file("agmon.db");
  service::Settings settings;

  service::ImportReport import(const std::vector<std::pair<std::string, std::string>>& files) {
    std::vector<std::string> paths;
    for (const auto& [name, text] : files) {
      write_file(dir.file(name), text);
      paths.push_back(dir.file(name));
    }
    auto r = service::run_import(db, paths, {}, settings);
    INFO(service::import_report_text(r));
    REQUIRE(r.exit_code == service::kImportApplied);
    return r;
  }
  core::Result<std::vector<core::GapTable>> tables(const service::GapQuery& q) {
    auto d = store::Database::open(db);
    REQUIRE(d.ok());
    return service::gap_tables(**d, settings, q);
  }
  core::GapTable table(const service::GapQuery& q) {
    auto t = tables(q);
    INFO((t.ok() ? std::string() : t.error().message));
    REQUIRE(t.ok());
    REQUIRE(t->size() == 1);
    return t->front();
  }
};

// Imports the AP district in two steps (2024-2025, then 2025-2026), so the first year is kept
// as a snapshot and the second is current.
inline void import_ap_district(GapDb& g) {
  auto f = ap_files(ap_district());
  g.import({{"students.csv", f.students}, {"courses.csv", f.courses}, {"course_marks.csv", f.marks_last}});
  g.import({{"course_marks.csv", f.marks_now}});
}

inline const core::GapRow* row(const core::GapTable& t, const std::string& group) {
  for (const auto& r : t.groups)
    if (r.group == group) return &r;
  return nullptr;
}

}  // namespace agmon::test
