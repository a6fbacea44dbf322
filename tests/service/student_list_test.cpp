// The student list: scope restriction in the query, filters, name/id search with literal
// wildcards, keyset paging with opaque cursors, and the JSON summary (GPA truncated, the UC
// areas' standing).
#include <catch2/catch.hpp>

#include "agmon/service/student_list.h"
#include "support/test_support.h"

using namespace agmon;
using service::Role;

namespace {

void add_student(store::Database& db, const std::string& id, const std::string& school,
                 const std::string& counselor, const std::string& last, const std::string& first,
                 std::optional<double> gpa) {
  auto s = db.prepare(
      "INSERT INTO students(student_id, school_code, grade_level, counselor_id, last_name, first_name) "
      "VALUES (?,?,'11',?,?,?)");
  s.bind(1, id).bind(2, school).bind(3, counselor).bind(4, last).bind(5, first);
  s.run();
  auto e = db.prepare(
      "INSERT INTO student_evaluations(student_id, school_code, counselor_id, grade, as_of_year, "
      "race_ethnicity, gender, el, sed, swd, foster, homeless, uc_complete, uc_complete_projected, "
      "csu_complete, csu_complete_projected, uc_eligible, csu_eligible, on_track, uc_gpa_capped, "
      "csu_gpa, credited_semesters, projected_semesters, ap_this_year, report_json) "
      "VALUES (?,?,?,11,'2025-2026','white','F',0,0,0,0,0,1,1,0,1,0,0,1,?,NULL,22,24.5,2,'{}')");
  e.bind(1, id).bind(2, school).bind(3, counselor).bind(4, gpa);
  e.run();
}

struct District {
  test::TempDir dir;
  std::unique_ptr<store::Database> db;
  District() {
    auto opened = store::Database::open(dir.file("d.db"));
    REQUIRE(opened.ok());
    db = std::move(opened.value());
    add_student(*db, "1001", "S1", "C1", "Quill", "Avery", 3.4299999);
    add_student(*db, "1002", "S1", "C2", "Okafor-Bly", "Jordan", std::nullopt);
    add_student(*db, "1003", "S1", "C1", "Tanaka_Ruiz", "Mei", 2.0);
    add_student(*db, "2001", "S2", "C9", "Quintero", "Sam", 3.9);
    db->exec("INSERT INTO alerts(identity, kind, audience, school_code, counselor_id, student_id, message, "
             "status, opened_at, last_seen_at) VALUES "
             "('a1','AG_DF_UNVALIDATED','counselor','S1','C1','1001','m','open','2026-01-10','2026-01-10'),"
             "('a2','AG_OFF_TRACK','counselor','S1','C1','1001','m','open','2026-01-10','2026-01-10'),"
             "('a3','AG_OFF_TRACK','counselor','S1','C1','1003','m','resolved','2026-01-10','2026-01-10')");
  }
};

std::vector<std::string> ids(const service::StudentPage& page) {
  std::vector<std::string> out;
  for (const auto& s : page.students) out.push_back(s.student_id);
  return out;
}

service::Principal counselor(std::vector<std::string> schools, std::string caseload = "") {
  service::Principal p;
  p.token_name = "c";
  p.role = Role::kCounselor;
  p.schools = std::move(schools);
  p.counselor_id = std::move(caseload);
  return p;
}

}  // namespace

TEST_CASE("an admin pages through every student in id order with opaque cursors") {
  District d;
  service::StudentListQuery q;
  q.limit = 2;
  auto first = service::list_students(*d.db, service::admin_principal(), q);
  REQUIRE(first.ok());
  CHECK(ids(*first) == std::vector<std::string>{"1001", "1002"});
  REQUIRE_FALSE(first->next_cursor.empty());
  CHECK(first->next_cursor.find("1002") == std::string::npos);  // opaque, not the raw key
  q.cursor = first->next_cursor;
  auto second = service::list_students(*d.db, service::admin_principal(), q);
  REQUIRE(second.ok());
  CHECK(ids(*second) == std::vector<std::string>{"1003", "2001"});
  CHECK(second->next_cursor.empty());  // exactly 4 students: no third page
}

TEST_CASE("a counselor's list holds only its schools and caseload") {
  District d;
  service::StudentListQuery q;
  CHECK(ids(*service::list_students(*d.db, counselor({"S1"}), q)) ==
        std::vector<std::string>{"1001", "1002", "1003"});
  CHECK(ids(*service::list_students(*d.db, counselor({"S1"}, "C1"), q)) ==
        std::vector<std::string>{"1001", "1003"});
  CHECK(ids(*service::list_students(*d.db, counselor({"S1", "S2"}), q)).size() == 4);
  // A filter cannot widen the scope: searching by a name of school S2 finds nothing.
  q.q = "Quin";
  CHECK(service::list_students(*d.db, counselor({"S1"}), q)->students.empty());
}

TEST_CASE("asking for a school or caseload outside the scope is refused, not filtered") {
  District d;
  service::StudentListQuery q;
  q.school = "S2";
  auto other_school = service::list_students(*d.db, counselor({"S1"}), q);
  REQUIRE_FALSE(other_school.ok());
  CHECK(other_school.error().code == core::ErrorCode::kPermissionDenied);
  q.school.reset();
  q.counselor = "C2";
  CHECK(service::list_students(*d.db, counselor({"S1"}, "C1"), q).error().code ==
        core::ErrorCode::kPermissionDenied);
  service::Principal importer;
  importer.role = Role::kImporter;
  CHECK(service::list_students(*d.db, importer, {}).error().code == core::ErrorCode::kPermissionDenied);
}

TEST_CASE("q matches an id prefix or the start of a name, case-insensitively, wildcards literal") {
  District d;
  auto admin = service::admin_principal();
  service::StudentListQuery q;
  q.q = "100";
  CHECK(ids(*service::list_students(*d.db, admin, q)).size() == 3);
  q.q = "qu";  // Quill and Quintero
  CHECK(ids(*service::list_students(*d.db, admin, q)) == std::vector<std::string>{"1001", "2001"});
  q.q = "jor";  // a first name
  CHECK(ids(*service::list_students(*d.db, admin, q)) == std::vector<std::string>{"1002"});
  q.q = "%";
  CHECK(service::list_students(*d.db, admin, q)->students.empty());
  q.q = "Tanaka_";  // '_' is literal: only the name that has one
  CHECK(ids(*service::list_students(*d.db, admin, q)) == std::vector<std::string>{"1003"});
  q.q = "Tanaka%";
  CHECK(service::list_students(*d.db, admin, q)->students.empty());
  q.q.reset();
  q.school = "S1";
  q.counselor = "C2";
  CHECK(ids(*service::list_students(*d.db, admin, q)) == std::vector<std::string>{"1002"});
}

TEST_CASE("bad limits and cursors are invalid arguments") {
  District d;
  service::StudentListQuery q;
  q.limit = 0;
  CHECK(service::list_students(*d.db, service::admin_principal(), q).error().code ==
        core::ErrorCode::kInvalidArgument);
  q.limit = 1001;
  CHECK(service::list_students(*d.db, service::admin_principal(), q).error().code ==
        core::ErrorCode::kInvalidArgument);
  q.limit = 10;
  // std::string, not const char*: a c_str() of a temporary would dangle in the loop (ASan).
  for (const std::string& bad : {std::string("!!"), std::string("abc"), std::string("x"),
                                 service::encode_cursor("imports", "5")}) {
    q.cursor = bad;
    INFO(bad);
    CHECK(service::list_students(*d.db, service::admin_principal(), q).error().code ==
          core::ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("cursors round-trip and carry their kind") {
  auto c = service::encode_cursor("students", "900001");
  CHECK(service::decode_cursor("students", c) == std::optional<std::string>("900001"));
  CHECK_FALSE(service::decode_cursor("imports", c).has_value());
}

TEST_CASE("the list JSON carries the A-G summary with GPAs truncated and open alerts counted") {
  District d;
  service::StudentListQuery q;
  q.limit = 2;
  d.db->exec("UPDATE student_evaluations SET uc_area_status = 'mmpsmms' WHERE student_id = '1002'");
  auto page = service::list_students(*d.db, service::admin_principal(), q);
  REQUIRE(page.ok());
  CHECK(page->students[0].open_alerts == 2);  // a1 and a2 open; a3 is resolved
  auto json = service::student_page_json(*page);
  // 3.4299999 truncates to 3.42; a missing GPA is null, never 0.
  CHECK(json.find("\"student_id\":\"1001\",\"school_id\":\"S1\",\"counselor_id\":\"C1\","
                  "\"last_name\":\"Quill\",\"first_name\":\"Avery\",\"grade_level\":11,"
                  "\"as_of_year\":\"2025-2026\",\"uc\":{\"pattern_complete\":true,"
                  "\"projected_complete\":true,\"eligible\":false,\"gpa\":3.42,"
                  "\"area_status\":null}") != std::string::npos);  // evaluated before schema 5
  // One word per UC area, a to g, from the letters kept with the evaluation.
  CHECK(json.find("\"gpa\":null,\"area_status\":{\"a\":\"met\",\"b\":\"met\",\"c\":\"in_progress\","
                  "\"d\":\"short\",\"e\":\"met\",\"f\":\"met\",\"g\":\"short\"}}") != std::string::npos);
  CHECK(json.find("\"credited_semesters\":22,\"projected_semesters\":24.5,\"ap_this_year\":2,"
                  "\"open_alerts\":2}") != std::string::npos);
  CHECK(json.find("\"csu\":{\"pattern_complete\":false,\"projected_complete\":true,\"eligible\":false,"
                  "\"gpa\":null}") != std::string::npos);
  CHECK(json.find("\"next_cursor\":\"" + page->next_cursor + "\"}") != std::string::npos);
}
