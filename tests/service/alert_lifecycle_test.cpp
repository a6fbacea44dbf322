// The alert lifecycle across successive imports (equity.md §4): open, still open, resolved,
// reopened; acknowledgement kept while the alert holds and cleared when it resolves; the
// history in alert_events; alerts of removed students; the import report's counts; digest.
#include <catch2/catch.hpp>

#include "agmon/service/alerts.h"
#include "agmon/service/importer.h"
#include "agmon/store/alert_repo.h"
#include "agmon/store/database.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

// One 9th grader at school 101: English 9 in progress and Algebra 1 with a D in S1 (S2 in
// progress). The only alert that holds is AG_DF_UNVALIDATED for "ALG1 S1 2025-2026": the
// projected credit (b 2, c 2 with S2 validating S1) keeps the student on track, and math is
// in progress, so AG_OFF_TRACK and AG_NO_MATH do not fire.
const char* kStudents =
    "student_id,school_code,grade_level,counselor_id,gender,hispanic,race_codes,el_status\n"
    "S1,101,9,C1,F,Y,,EO\n"
    "S2,101,9,C1,M,N,700,EO\n";
const char* kCourses =
    "school_code,local_course_id,course_title,ag_area,math_level,vpa_discipline\n"
    "101,ENG9,English 9,b,,\n"
    "101,ALG1,Algebra 1,c,1,\n"
    "101,ART,Studio Art,f,,visual_arts\n";

std::string marks(const std::string& alg1_s1, bool with_art) {
  std::string m =
      "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark\n"
      "S1,101,2025-2026,FY,ENG9,9,\n"
      "S1,101,2025-2026,S1,ALG1,9," + alg1_s1 + "\n"
      "S1,101,2025-2026,S2,ALG1,9,\n"
      "S2,101,2025-2026,FY,ENG9,9,\n"
      "S2,101,2025-2026,FY,ALG1,9,\n";
  if (with_art) m += "S1,101,2025-2026,S1,ART,9,A\n";
  return m;
}

const char* kIdentity = "AG_DF_UNVALIDATED|S1|ALG1 S1 2025-2026";

struct Fixture {
  test::TempDir dir;
  std::string db = dir.file("agmon.db");
  service::Settings settings;

  service::ImportReport import(const std::string& marks_csv, bool with_students = false,
                               service::ImportOptions options = {}) {
    std::vector<std::string> files;
    if (with_students) {
      test::write_file(dir.file("students.csv"), kStudents);
      test::write_file(dir.file("courses.csv"), kCourses);
      files = {dir.file("students.csv"), dir.file("courses.csv")};
    }
    test::write_file(dir.file("course_marks.csv"), marks_csv);
    files.push_back(dir.file("course_marks.csv"));
    auto r = service::run_import(db, files, options, settings);
    INFO(service::import_report_text(r));
    REQUIRE(r.exit_code == service::kImportApplied);
    return r;
  }
  std::vector<store::AlertRecord> alerts(const std::string& status = "all") {
    auto d = store::Database::open(db);
    REQUIRE(d.ok());
    service::AlertQuery q;
    q.status = status;
    auto list = service::list_alerts(**d, q);
    REQUIRE(list.ok());
    return *list;
  }
  store::AlertRecord the_alert() {
    auto all = alerts();
    REQUIRE(all.size() == 1);
    CHECK(all[0].identity == kIdentity);
    return all[0];
  }
  std::vector<std::string> events(long id) {
    auto d = store::Database::open(db);
    REQUIRE(d.ok());
    std::vector<std::string> out;
    for (const auto& e : store::AlertRepo(**d).events(id)) out.push_back(e.event);
    return out;
  }
};

}  // namespace

TEST_CASE("an alert opens, stays open, resolves and reopens across successive imports") {
  Fixture f;
  auto first = f.import(marks("D", false), true);
  CHECK(first.alerts_opened == 1);
  CHECK(first.alerts_resolved == 0);
  auto a = f.the_alert();
  CHECK(a.status == "open");
  CHECK(a.kind == "AG_DF_UNVALIDATED");
  CHECK(a.audience == "counselor");
  CHECK(a.counselor_id == "C1");
  CHECK(a.school_code == "101");
  CHECK(a.detail == "ALG1 S1 2025-2026");
  CHECK(a.message == "Algebra 1 S1 (2025-2026): D, not yet repeated or validated — needed for area c.");
  CHECK(a.times_opened == 1);

  // A new Art mark re-evaluates S1; the D is still there: same alert, nothing opened.
  auto second = f.import(marks("D", true));
  CHECK(second.students_evaluated == 1);
  CHECK(second.alerts_opened == 0);
  CHECK(second.alerts_resolved == 0);
  auto b = f.the_alert();
  CHECK(b.alert_id == a.alert_id);
  CHECK(b.status == "open");
  CHECK(b.last_seen_at >= a.last_seen_at);

  // The D is corrected to a C: resolved at this import.
  auto third = f.import(marks("C", true));
  CHECK(third.alerts_opened == 0);
  CHECK(third.alerts_resolved == 1);
  auto c = f.the_alert();
  CHECK(c.status == "resolved");
  CHECK_FALSE(c.resolved_at.empty());
  CHECK(f.alerts("open").empty());

  // Back to D: the same alert reopens (not a new one), opened twice.
  auto fourth = f.import(marks("D", true));
  CHECK(fourth.alerts_opened == 1);
  CHECK(fourth.alerts_resolved == 0);
  auto d = f.the_alert();
  CHECK(d.alert_id == a.alert_id);
  CHECK(d.status == "open");
  CHECK(d.resolved_at.empty());
  CHECK(d.times_opened == 2);
  CHECK(f.events(a.alert_id) == std::vector<std::string>{"opened", "resolved", "reopened"});
}

TEST_CASE("re-importing identical files leaves alerts and their history untouched") {
  Fixture f;
  f.import(marks("D", false), true);
  auto again = f.import(marks("D", false), true);
  CHECK(again.students_evaluated == 0);
  CHECK(again.alerts_opened == 0);
  CHECK(again.alerts_resolved == 0);
  CHECK(f.the_alert().status == "open");
  CHECK(f.events(f.the_alert().alert_id) == std::vector<std::string>{"opened"});
}

TEST_CASE("an acknowledgement persists while the alert holds and is cleared when it resolves") {
  Fixture f;
  f.import(marks("D", false), true);
  long id = f.the_alert().alert_id;
  {
    auto d = store::Database::open(f.db);
    REQUIRE(d.ok());
    auto acked = service::acknowledge_alert(**d, id, "ms.rivera", "called the family; tutoring booked");
    REQUIRE(acked.ok());
    CHECK(acked->status == "acknowledged");
    CHECK(acked->acknowledged_by == "ms.rivera");
    CHECK(acked->ack_note == "called the family; tutoring booked");
    CHECK_FALSE(acked->acknowledged_at.empty());
  }
  // Still true at the next import: still acknowledged, note kept, not "opened" again.
  auto second = f.import(marks("D", true));
  CHECK(second.alerts_opened == 0);
  auto held = f.the_alert();
  CHECK(held.status == "acknowledged");
  CHECK(held.acknowledged_by == "ms.rivera");
  CHECK(held.ack_note == "called the family; tutoring booked");
  CHECK(f.alerts("acknowledged").size() == 1);
  CHECK(f.alerts("open").empty());

  // Resolved: the acknowledgement belonged to that episode.
  f.import(marks("C", true));
  auto gone = f.the_alert();
  CHECK(gone.status == "resolved");
  CHECK(gone.acknowledged_by.empty());
  CHECK(gone.ack_note.empty());
  {
    auto d = store::Database::open(f.db);
    REQUIRE(d.ok());
    auto refused = service::acknowledge_alert(**d, id, "ms.rivera", "");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == core::ErrorCode::kConflict);
    auto unknown = service::acknowledge_alert(**d, id + 1000, "ms.rivera", "");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == core::ErrorCode::kNotFound);
  }
  // Reopened: open again, to be seen afresh.
  f.import(marks("D", true));
  auto back = f.the_alert();
  CHECK(back.status == "open");
  CHECK(back.acknowledged_by.empty());
  CHECK(f.events(id) == std::vector<std::string>{"opened", "acknowledged", "resolved", "reopened"});
}

TEST_CASE("the alerts of a student removed by a full import are resolved, with their history") {
  Fixture f;
  f.import(marks("D", false), true);
  long id = f.the_alert().alert_id;
  // A full import of school 101 that no longer lists S1 removes the student.
  test::write_file(f.dir.file("students.csv"),
                   "student_id,school_code,grade_level,counselor_id\nS2,101,9,C1\n");
  service::ImportOptions full;
  full.mode = store::ImportMode::kFull;
  auto r = service::run_import(f.db, {f.dir.file("students.csv")}, full, f.settings);
  INFO(service::import_report_text(r));
  REQUIRE(r.import_id);
  CHECK(r.alerts_resolved == 1);
  auto a = f.the_alert();
  CHECK(a.status == "resolved");
  CHECK(f.events(id) == std::vector<std::string>{"opened", "resolved"});
}

TEST_CASE("a dry run changes no alert") {
  Fixture f;
  f.import(marks("D", false), true);
  service::ImportOptions dry;
  dry.dry_run = true;
  test::write_file(f.dir.file("course_marks.csv"), marks("C", false));
  auto r = service::run_import(f.db, {f.dir.file("course_marks.csv")}, dry, f.settings);
  CHECK(r.outcome == "dry_run");
  CHECK(r.alerts_resolved == 1);  // what the import would do
  CHECK(f.the_alert().status == "open");
}

TEST_CASE("the weekly digest lists what opened and resolved on a caseload since a date") {
  Fixture f;
  f.import(marks("D", false), true);
  f.import(marks("C", true));
  auto d = store::Database::open(f.db);
  REQUIRE(d.ok());
  // Everything happened today; a digest since 2000-01-01 sees the opening and the resolution.
  auto text = service::alerts_digest(**d, "C1", std::string("2000-01-01"));
  REQUIRE(text.ok());
  INFO(*text);
  CHECK(text->find("A-G alerts for counselor C1, 2000-01-01 to ") == 0);
  CHECK(text->find("Opened (1)\n") != std::string::npos);
  CHECK(text->find("Resolved (1)\n") != std::string::npos);
  CHECK(text->find("student S1 (school 101)  AG_DF_UNVALIDATED") != std::string::npos);
  CHECK(text->find("Open now on the caseload: 0") != std::string::npos);
  // Another caseload: nothing.
  auto other = service::alerts_digest(**d, "C9", std::string("2000-01-01"));
  REQUIRE(other.ok());
  CHECK(other->find("Opened (0)\n  none\n") != std::string::npos);
  // Since tomorrow-ish (far future): nothing either.
  auto later = service::alerts_digest(**d, "C1", std::string("2999-01-01"));
  REQUIRE(later.ok());
  CHECK(later->find("Resolved (0)\n  none\n") != std::string::npos);
  auto bad = service::alerts_digest(**d, "C1", std::string("2026-02-30"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == core::ErrorCode::kInvalidArgument);
}

TEST_CASE("the digest's default window starts seven days before today") {
  CHECK(service::date_minus_days("2026-11-23", 7) == "2026-11-16");
  CHECK(service::date_minus_days("2026-03-03", 7) == "2026-02-24");  // 2026 is not a leap year
  CHECK(service::date_minus_days("2024-03-03", 7) == "2024-02-25");  // 2024 is
  CHECK(service::date_minus_days("2027-01-05", 7) == "2026-12-29");
  CHECK(service::date_minus_days("2026-13-01", 7).empty());
}

TEST_CASE("an open alert follows its student to a new counselor") {
  Fixture f;
  f.import(marks("D", false), true);
  long id = f.the_alert().alert_id;
  // S1 moves to counselor C7: re-evaluated, the alert still holds, now on C7's caseload.
  test::write_file(f.dir.file("students.csv"),
                   "student_id,school_code,grade_level,counselor_id,gender,hispanic,race_codes,el_status\n"
                   "S1,101,9,C7,F,Y,,EO\n");
  auto r = service::run_import(f.db, {f.dir.file("students.csv")}, {}, f.settings);
  REQUIRE(r.exit_code == service::kImportApplied);
  CHECK(r.alerts_opened == 0);
  auto a = f.the_alert();
  CHECK(a.alert_id == id);
  CHECK(a.counselor_id == "C7");
  CHECK(a.status == "open");
}
