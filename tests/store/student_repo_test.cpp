// StudentRepo::for_each_touched: the importer's evaluation reads the touched students and their
// marks through it, in ordered cursors merged by id: by lookup when few students are touched,
// by scanning students, marks and the touched list when most are. Both read the same.
#include "agmon/store/student_repo.h"

#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "agmon/store/import_stage.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

// Students 1001-1004 with their marks, 1001-1003 touched (and 1000, a student no longer
// there), plus `untouched` more students with a mark each; what for_each_touched streams.
std::vector<std::string> stream_touched(int untouched) {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("s.db"));
  REQUIRE(db.ok());
  store::Database& d = **db;
  d.exec(
      "INSERT INTO students(student_id, school_code, grade_level) VALUES ('1003', 'S1', '10'), "
      "('1001', 'S1', '11'), ('1002', 'S2', '12'), ('1004', 'S1', '9')");
  d.exec(
      "INSERT INTO course_marks(student_id, school_code, academic_year, term_code, "
      "local_course_id, "
      "grade_level_taken, mark, credits_attempted, credits_earned, section_id, ssid, source, "
      "status, "
      "ag_area_override, repeat_of_term) VALUES "
      "('1001', 'S1', '2024-2025', 'S2', 'ENG', 11, 'B', '5', '5', 'SEC1', '9990001', 'SIS', "
      "'completed', NULL, 'S1'), "
      "('1001', 'S1', '2024-2025', 'S1', 'ENG', 11, 'F', '5', '0', 'SEC1', '9990001', '', "
      "'completed', NULL, ''), "
      "('1003', 'S1', '2023-2024', 'FY', 'XFER', 9, 'A', '10', '10', '', '', 'transfer', "
      "'completed', 'b', ''), "
      "('1004', 'S1', '2025-2026', 'S1', 'ALG', 9, '', '5', '', '', '', '', 'in_progress', NULL, "
      "'')");
  store::Transaction tx(d);
  store::ImportStage stage(d);  // creates TEMP touched_students
  d.exec("INSERT INTO touched_students VALUES ('1003'), ('1000'), ('1001'), ('1002')");  // not 1004
  for (int i = 0; i < untouched; ++i) {  // ids around and between the touched ones
    const std::string id = std::to_string(i % 2 ? 1002 : 1003) + "-" + std::to_string(i);
    d.exec("INSERT INTO students(student_id, school_code, grade_level) VALUES ('" + id + "', 'S1', '9')");
    d.exec("INSERT INTO course_marks(student_id, school_code, academic_year, term_code, local_course_id) "
           "VALUES ('" + id + "', 'S1', '2025-2026', 'S1', 'ALG')");
  }

  std::vector<std::string> seen;
  store::StudentRepo(d).for_each_touched([&](core::Student&& s,
                                             std::vector<core::CourseMark>&& marks) {
    std::string line = s.student_id + " " + s.grade_level + ":";
    for (const auto& m : marks) {
      CHECK(m.student_id == s.student_id);
      line += " " + m.school_code + "/" + m.academic_year + "/" + m.term_code + "/" +
              m.local_course_id + "/" + std::to_string(m.grade_level_taken) + "/" + m.mark + "/" +
              m.source + "/" + m.status + "/" +
              (m.ag_area_override ? std::string(1, core::area_letter(*m.ag_area_override)) : "-") +
              "/" + m.repeat_of_term;
      // Not read: the evaluation does not use them.
      CHECK(m.credits_attempted.empty());
      CHECK(m.credits_earned.empty());
      CHECK(m.section_id.empty());
      CHECK(m.ssid.empty());
    }
    seen.push_back(line);
  });
  return seen;
}

}  // namespace

TEST_CASE(
    "touched students stream in id order with their own marks, as the evaluation reads them") {
  // Three of four students touched: read by scanning. Three of 24: by lookup.
  for (int untouched : {0, 20}) {
    INFO(untouched << " more untouched students");
    auto seen = stream_touched(untouched);
    // Ascending ids; the two marks of 1001 in key order (term S1 before S2); 1002 has none.
    CHECK(seen == std::vector<std::string>{
                      "1001 11: S1/2024-2025/S1/ENG/11/F//completed/-/ "
                      "S1/2024-2025/S2/ENG/11/B/SIS/completed/-/S1",
                      "1002 12:", "1003 10: S1/2023-2024/FY/XFER/9/A/transfer/completed/b/"});
  }
}
