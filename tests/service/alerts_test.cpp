// Alerts end to end: subgroup alerts from the gap tables (district and per school, widening
// against the kept previous year, never for a suppressed group), AP offer changes, list
// filters and scope, the JSON / CSV / text renderings, and the demo district's planted
// hold-back found by AP_READY_NOT_ENROLLED.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "agmon/service/alerts.h"
#include "agmon/service/demo_data.h"
#include "service/gap_fixtures.h"

using namespace agmon;

namespace {

// 11th graders at school 101 by race group: n, AP in 2024-2025, AP in 2025-2026.
//            n  AP last  AP now
//  hispanic 20       10       4   gap_pp: last 100 (10/20 - 20/71) = +21.83,
//                                          now 100 (4/20 - 16/71) = -2.54: fell 24.37
//  white    20       10      12
//  afr. am. 11        0       0   shown (11), none in AP
//  asian    10        0       0   hidden
//  filipino 10        0       0   hidden
std::vector<test::ApGroup> widening_district() {
  // ApGroup puts AP students among the strong ones: make everyone strong.
  return {{"H", "Y", "", 20, 20, 10, 4, 0, false},
          {"W", "N", "700", 20, 20, 10, 12, 0, false},
          {"B", "N", "600", 11, 11, 0, 0, 0, false},
          {"A", "N", "201", 10, 10, 0, 0, 0, false},
          {"F", "N", "400", 10, 10, 0, 0, 0, false}};
}

std::vector<store::AlertRecord> list(test::GapDb& g, service::AlertQuery q) {
  auto d = store::Database::open(g.db);
  REQUIRE(d.ok());
  auto r = service::list_alerts(**d, q);
  REQUIRE(r.ok());
  return *r;
}

std::set<std::string> identities(const std::vector<store::AlertRecord>& alerts) {
  std::set<std::string> out;
  for (const auto& a : alerts) out.insert(a.identity);
  return out;
}

service::AlertQuery administrators() {
  service::AlertQuery q;
  q.audience = "administrator";
  q.status = "all";
  return q;
}

}  // namespace

TEST_CASE("subgroup alerts fire district-wide and per school, widening against the kept year") {
  test::GapDb g;
  auto f = test::ap_files(widening_district());
  g.import({{"students.csv", f.students}, {"courses.csv", f.courses}, {"course_marks.csv", f.marks_last}});
  // 2024-2025: African American students, 11, none in AP at an AP school: representation
  // index 0 and zero access; nothing to compare with yet.
  CHECK(identities(list(g, administrators())) ==
        std::set<std::string>{"GAP_AP_UNDERREPRESENTED|*|race_ethnicity|african_american|ap",
                              "GAP_AP_UNDERREPRESENTED|101|race_ethnicity|african_american|ap",
                              "GAP_ZERO_ACCESS|*|race_ethnicity|african_american|ap",
                              "GAP_ZERO_ACCESS|101|race_ethnicity|african_american|ap"});

  g.import({{"course_marks.csv", f.marks_now}});
  auto now = list(g, administrators());
  // The hispanic gap fell by 24.37 points: widening; the zero-access alerts still hold.
  CHECK(identities(now) == std::set<std::string>{
                               "GAP_AP_UNDERREPRESENTED|*|race_ethnicity|african_american|ap",
                               "GAP_AP_UNDERREPRESENTED|101|race_ethnicity|african_american|ap",
                               "GAP_WIDENING|*|race_ethnicity|hispanic|ap",
                               "GAP_WIDENING|101|race_ethnicity|hispanic|ap",
                               "GAP_ZERO_ACCESS|*|race_ethnicity|african_american|ap",
                               "GAP_ZERO_ACCESS|101|race_ethnicity|african_american|ap"});
  for (const auto& a : now) {
    INFO(a.identity);
    CHECK(a.status == "open");
    CHECK(a.times_opened == 1);  // the 2024-2025 ones stayed open: not reopened
    CHECK(a.audience == "administrator");
    CHECK(a.student_id.empty());
    CHECK(a.counselor_id.empty());
    if (a.kind == "GAP_WIDENING") {
      CHECK(a.detail == "21.83 -> -2.54 pp");
      CHECK(a.message.find("2024-2025") != std::string::npos);
    }
  }
}

TEST_CASE("subgroup alerts never fire for a suppressed group") {
  test::GapDb g;
  auto f = test::ap_files(widening_district());
  g.import({{"students.csv", f.students}, {"courses.csv", f.courses}, {"course_marks.csv", f.marks_last}});
  // asian and filipino (10 each, none in AP) would fire exactly like african_american (11).
  for (const auto& a : list(g, administrators())) {
    CHECK(a.group_name != "asian");
    CHECK(a.group_name != "filipino");
  }
  // With privacy.min_n = 10 they are shown, and then they do fire: the rule is live.
  auto lower = service::Settings::from_config({{"privacy.min_n", "10"}});
  REQUIRE(lower.ok());
  g.settings = *lower;
  g.import({{"course_marks.csv", f.marks_now}});
  auto ids = identities(list(g, administrators()));
  CHECK(ids.count("GAP_ZERO_ACCESS|*|race_ethnicity|asian|ap") == 1);
  CHECK(ids.count("GAP_ZERO_ACCESS|101|race_ethnicity|filipino|ap") == 1);
}

TEST_CASE("a school starting or stopping AP re-judges AP readiness without re-evaluating") {
  test::GapDb g;
  // S1: UC GPA 4.00 (English 10 A), grade 11, never in AP. S2 enrols in AP later.
  const std::string students =
      "student_id,school_code,grade_level,counselor_id\nS1,101,11,C1\nS2,101,11,C1\n";
  const std::string courses =
      "school_code,local_course_id,course_title,ag_area,hss_type,rigor\n101,ENG10,English 10,b,,\n"
      "101,ENG11,English 11,b,,\n101,APUSH,AP US History,a,us_history,AP\n";
  const std::string header = "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark\n";
  const std::string base = header + "S1,101,2024-2025,FY,ENG10,10,A\nS1,101,2025-2026,FY,ENG11,11,\n" +
                           "S2,101,2024-2025,FY,ENG10,10,B\nS2,101,2025-2026,FY,ENG11,11,\n";
  g.import({{"students.csv", students}, {"courses.csv", courses}, {"course_marks.csv", base}});
  service::AlertQuery ready;
  ready.kind = "ap_ready_not_enrolled";  // kinds are case-insensitive
  ready.status = "all";
  CHECK(list(g, ready).empty());  // no AP at school 101 this year

  auto r = g.import({{"course_marks.csv", header + "S2,101,2025-2026,FY,APUSH,11,\n"}});
  CHECK(r.students_evaluated == 1);  // only S2's data changed
  auto alerts = list(g, ready);
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].student_id == "S1");
  CHECK(alerts[0].status == "open");
  CHECK(alerts[0].message == "UC weighted-capped GPA 4.00 and no AP course this year, while the school offers AP.");

  // The AP row disappears from a full import of 2025-2026: the school no longer offers AP.
  test::write_file(g.dir.file("course_marks.csv"), base);
  service::ImportOptions full;
  full.mode = store::ImportMode::kFull;
  auto back = service::run_import(g.db, {g.dir.file("course_marks.csv")}, full, g.settings);
  REQUIRE(back.exit_code == service::kImportApplied);
  CHECK(back.alerts_resolved >= 1);
  alerts = list(g, ready);
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].status == "resolved");
}

TEST_CASE("alert lists filter by school, counselor, kind, status and the caller's scope") {
  test::GapDb g;
  auto f = test::ap_files(widening_district());
  g.import({{"students.csv", f.students}, {"courses.csv", f.courses}, {"course_marks.csv", f.marks_last}});
  service::AlertQuery all;
  all.status = "all";
  auto every = list(g, all);
  REQUIRE(every.size() > 4);
  CHECK(std::is_sorted(every.begin(), every.end(),
                       [](const auto& a, const auto& b) { return a.alert_id < b.alert_id; }));

  service::AlertQuery counselor;
  counselor.counselor = "C1";
  for (const auto& a : list(g, counselor)) CHECK(a.counselor_id == "C1");
  // A counselor's scope never shows district-wide subgroup alerts.
  service::AlertQuery scoped;
  scoped.scope_schools = {"101"};
  scoped.scope_counselor = "C1";
  auto mine = list(g, scoped);
  CHECK_FALSE(mine.empty());
  for (const auto& a : mine) CHECK(a.audience == "counselor");
  scoped.scope_counselor.reset();
  auto school = list(g, scoped);
  CHECK(identities(school).count("GAP_ZERO_ACCESS|101|race_ethnicity|african_american|ap") == 1);
  CHECK(identities(school).count("GAP_ZERO_ACCESS|*|race_ethnicity|african_american|ap") == 0);

  service::AlertQuery paged;
  paged.status = "all";
  paged.limit = 3;
  auto first = list(g, paged);
  REQUIRE(first.size() == 3);
  paged.after_id = first.back().alert_id;
  auto second = list(g, paged);
  REQUIRE_FALSE(second.empty());
  CHECK(second.front().alert_id == every[3].alert_id);

  auto d = store::Database::open(g.db);
  REQUIRE(d.ok());
  for (auto change : {+[](service::AlertQuery& q) { q.kind = "NOT_A_KIND"; },
                      +[](service::AlertQuery& q) { q.status = "closed"; },
                      +[](service::AlertQuery& q) { q.audience = "parents"; },
                      +[](service::AlertQuery& q) { q.limit = -1; }}) {
    service::AlertQuery q;
    change(q);
    auto r = service::list_alerts(**d, q);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == core::ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("alerts render as JSON with every field, as CSV and as text grouped by counselor") {
  store::AlertRecord s;
  s.alert_id = 7;
  s.kind = "AG_DF_UNVALIDATED";
  s.audience = "counselor";
  s.school_code = "101";
  s.counselor_id = "C1";
  s.student_id = "S1";
  s.detail = "ALG1 S1 2025-2026";
  s.message = "Algebra 1 S1 (2025-2026): D, not yet repeated or validated — needed for area c.";
  s.status = "acknowledged";
  s.opened_at = "2026-01-10T02:00:00Z";
  s.last_seen_at = "2026-01-12T02:00:00Z";
  s.acknowledged_by = "ms.rivera";
  s.acknowledged_at = "2026-01-11T15:00:00Z";
  s.ack_note = "said \"yes\"";
  store::AlertRecord older = s;
  older.alert_id = 3;
  older.kind = "AG_OFF_TRACK";
  older.detail = "";
  older.message = "Projected 6 credited A-G semesters, below the on-track expectation for grade 10.";
  older.status = "open";
  older.opened_at = "2025-12-01T02:00:00Z";
  store::AlertRecord group;
  group.alert_id = 9;
  group.kind = "GAP_ZERO_ACCESS";
  group.audience = "administrator";
  group.grouping = "race_ethnicity";
  group.group_name = "african_american";
  group.metric = "ap";
  group.detail = "0 of 11";
  group.message = "African American: none of the 11 students is enrolled in AP, though AP is offered in 2025-2026 across all schools.";
  group.status = "open";
  group.opened_at = "2026-01-10T02:00:00Z";
  group.last_seen_at = group.opened_at;

  CHECK(service::alert_json(s) ==
        "{\"id\":7,\"kind\":\"AG_DF_UNVALIDATED\",\"audience\":\"counselor\",\"school\":\"101\",\"counselor\":\"C1\","
        "\"student_id\":\"S1\",\"grouping\":null,\"group\":null,\"metric\":null,\"detail\":\"ALG1 S1 2025-2026\","
        "\"message\":\"Algebra 1 S1 (2025-2026): D, not yet repeated or validated — needed for area c.\","
        "\"status\":\"acknowledged\",\"opened\":\"2026-01-10T02:00:00Z\",\"last_seen\":\"2026-01-12T02:00:00Z\","
        "\"resolved\":null,\"acknowledged_by\":\"ms.rivera\",\"acknowledged_at\":\"2026-01-11T15:00:00Z\","
        "\"ack_note\":\"said \\\"yes\\\"\",\"times_opened\":1}");
  CHECK(service::alerts_json({}) == "[]");
  auto group_json = service::alert_json(group);
  CHECK(group_json.find("\"school\":null,\"counselor\":null,\"student_id\":null,\"grouping\":\"race_ethnicity\","
                        "\"group\":\"african_american\",\"metric\":\"ap\"") != std::string::npos);

  auto csv = service::alerts_csv({s});
  CHECK(csv ==
        "id,kind,audience,school,counselor,student_id,grouping,group,metric,detail,message,status,opened,"
        "last_seen,resolved,acknowledged_by,acknowledged_at,ack_note,times_opened\n"
        "7,AG_DF_UNVALIDATED,counselor,101,C1,S1,,,,ALG1 S1 2025-2026,"
        "\"Algebra 1 S1 (2025-2026): D, not yet repeated or validated — needed for area c.\",acknowledged,"
        "2026-01-10T02:00:00Z,2026-01-12T02:00:00Z,,ms.rivera,2026-01-11T15:00:00Z,\"said \"\"yes\"\"\",1\n");

  auto text = service::alerts_text({group, s, older});
  INFO(text);
  CHECK(text ==
        "Counselor C1 (2 alerts)\n"
        "  Student S1 (school 101)\n"
        "    #3 AG_OFF_TRACK (open since 2025-12-01)\n"
        "        Projected 6 credited A-G semesters, below the on-track expectation for grade 10.\n"
        "    #7 AG_DF_UNVALIDATED (open since 2026-01-10, acknowledged by ms.rivera on 2026-01-11: "
        "\"said \"yes\"\")\n"
        "        Algebra 1 S1 (2025-2026): D, not yet repeated or validated — needed for area c.\n"
        "\n"
        "Subgroup alerts (administrators)\n"
        "  All schools\n"
        "    #9 GAP_ZERO_ACCESS (open since 2026-01-10)\n"
        "        African American: none of the 11 students is enrolled in AP, though AP is offered in 2025-2026 "
        "across all schools.\n");
  CHECK(service::alerts_text({}) == "No alerts.\n");
}

TEST_CASE("on the demo district the planted AP gap has its sign and AP_READY_NOT_ENROLLED finds the held-back") {
  test::GapDb g;
  service::DemoDataOptions o;
  o.students = 3000;
  o.seed = 11;
  o.school_year = "2025-2026";
  auto summary = service::write_demo_data(o, g.dir.file("demo"));
  REQUIRE(summary.ok());
  REQUIRE(summary->held_back_from_ap.size() > 50);
  auto r = service::run_import(g.db, {g.dir.file("demo/students.csv"), g.dir.file("demo/courses.csv"),
                                      g.dir.file("demo/course_marks.csv")},
                               {}, g.settings);
  REQUIRE(r.exit_code == service::kImportApplied);

  service::GapQuery q;  // ap by race_ethnicity
  auto t = g.table(q);
  const auto* hispanic = test::row(t, "hispanic");
  const auto* white = test::row(t, "white");
  REQUIRE(hispanic);
  REQUIRE(white);
  INFO(core::render_gap_text(t));
  CHECK(*hispanic->gap_pp < 0);  // the planted sign: Hispanic students under-enrolled in AP
  CHECK(*white->gap_pp > 0);
  CHECK(*hispanic->rate < *white->rate);

  service::AlertQuery ready;
  ready.kind = "AP_READY_NOT_ENROLLED";
  std::set<std::string> flagged;
  for (const auto& a : list(g, ready)) flagged.insert(a.student_id);
  size_t found = std::count_if(summary->held_back_from_ap.begin(), summary->held_back_from_ap.end(),
                               [&](const std::string& id) { return flagged.count(id) > 0; });
  double recall = static_cast<double>(found) / summary->held_back_from_ap.size();
  INFO("recall " << found << " of " << summary->held_back_from_ap.size());
  CHECK(recall >= 0.95);
}
