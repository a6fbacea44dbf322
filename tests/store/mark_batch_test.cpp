// MarkBatch: marks written 16 to a statement, each field bound again only when it differs from
// the last row written from the same slot. Whatever repeats or changes slot for slot (short
// and long text, blank, the integer grade, the nullable override, the file), every row must
// land with its own fields.
#include <catch2/catch.hpp>
#include <sstream>

#include "agmon/store/database.h"
#include "store/mark_runs.h"
#include "store/stage_tables.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

// Row `i` of a load whose fields follow different periods, so that slot by slot (period 16)
// some fields repeat, some change every time, and some switch between heap-allocated text
// (over 15 characters) and short or blank text.
core::CourseMark nth_mark(int i) {
  core::CourseMark m;
  m.student_id = "ST" + std::to_string(1000 + i / 7);
  m.school_code = i % 40 < 30 ? "1001" : "1002";
  m.academic_year = i < 24 ? "2024-2025" : "2025-2026";
  m.term_code = i % 2 ? "S2" : "S1";
  m.local_course_id = "C" + std::to_string(i);
  m.grade_level_taken = 9 + i % 3;
  m.mark = i % 5 == 0 ? "" : std::string(1, static_cast<char>('A' + i % 4));
  m.credits_attempted = i % 16 == 3 ? "10.0" : "5.0";
  m.credits_earned = m.mark.empty() ? "" : m.credits_attempted;
  m.section_id =
      i % 3 == 0 ? "SECTION-WITH-A-LONG-NAME-" + std::to_string(i) : (i % 3 == 1 ? "" : "P3");
  m.ssid = i % 2 ? "" : "SSID-NUMBER-" + std::to_string(1000000000 + i / 7);
  m.source = i % 17 == 0 ? "transfer" : "";
  m.status = m.mark.empty() ? "in_progress" : "completed";
  if (i % 6 == 0)
    m.ag_area_override = core::Area::b;
  else if (i % 6 == 3)
    m.ag_area_override = core::Area::g;
  m.repeat_of_term = i % 11 == 0 ? "S1" : "";
  return m;
}

// Every written field of a mark, as the table holds it.
std::string text_of(const core::CourseMark& m) {
  std::ostringstream s;
  s << m.student_id << '|' << m.school_code << '|' << m.academic_year << '|' << m.term_code << '|'
    << m.local_course_id << '|' << m.grade_level_taken << '|' << m.mark << '|'
    << m.credits_attempted << '|' << m.credits_earned << '|' << m.section_id << '|' << m.ssid << '|'
    << m.source << '|' << m.status << '|'
    << (m.ag_area_override ? std::string(1, core::area_letter(*m.ag_area_override)) : "NULL") << '|'
    << m.repeat_of_term;
  return s.str();
}

constexpr const char* kRowSql =
    "student_id || '|' || school_code || '|' || academic_year || '|' || term_code || '|' || "
    "local_course_id || '|' || grade_level_taken || '|' || mark || '|' || credits_attempted || "
    "'|' || credits_earned || '|' || section_id || '|' || ssid || '|' || source || '|' || status "
    "|| '|' || coalesce(ag_area_override, 'NULL') || '|' || repeat_of_term";

std::vector<std::string> stored_rows(store::Database& db, const std::string& table,
                                     const std::string& extra = "") {
  std::vector<std::string> out;
  auto st = db.prepare(std::string("SELECT ") + kRowSql + extra + " FROM " + table +
                       " ORDER BY CAST(substr(local_course_id, 2) AS INTEGER)");
  while (st.step()) out.push_back(st.str(0));
  return out;
}

}  // namespace

TEST_CASE("a mark batch writes every row's own fields however they repeat slot for slot") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("b.db"));
  REQUIRE(db.ok());
  const int kMarks = 16 * 4 + 5;  // four full statements, then five rows one at a time
  std::vector<std::string> expected;
  {
    store::MarkBatch batch(**db,
                           "INSERT OR IGNORE INTO main.course_marks(" +
                               store::stage::join(store::stage::kMarks.columns) + ") VALUES ",
                           false);
    for (int i = 0; i < kMarks; ++i) {
      auto m = nth_mark(i);
      expected.push_back(text_of(m));
      if (batch.add(m, nullptr, i + 2)) batch.write();
      if (i == 40) {  // an early write (as before a duplicate's update): the rest starts over
        batch.write();
        CHECK(batch.empty());
      }
    }
    CHECK_FALSE(batch.empty());
    batch.write();
    CHECK(batch.empty());
  }
  CHECK(stored_rows(**db, "course_marks") == expected);
}

TEST_CASE("a staging mark batch writes each row's file and line with it") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("s.db"));
  REQUIRE(db.ok());
  const std::string columns = store::stage::join(store::stage::kMarks.columns);
  (*db)->exec("CREATE TABLE staged (" + columns + ", src_file, src_line)");
  const std::string files[] = {"marks.csv", "marks-extra-file-with-a-long-name.csv"};
  std::vector<std::string> expected;
  {
    store::MarkBatch batch(
        **db, "INSERT OR IGNORE INTO staged(" + columns + ", src_file, src_line) VALUES ", true);
    for (int i = 0; i < 16 * 3 + 3; ++i) {
      auto m = nth_mark(i);
      const std::string& file = files[(i / 5) % 2];
      expected.push_back(text_of(m) + "|" + file + "|" + std::to_string(100 + i));
      if (batch.add(m, &file, 100 + i)) batch.write();
    }
    batch.write();
  }
  CHECK(stored_rows(**db, "staged", " || '|' || src_file || '|' || src_line") == expected);
}
