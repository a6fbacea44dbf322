// Scope enforcement in the service layer (scope.h): counselor alert and gap queries are
// narrowed to the token's schools and caseload, refused when they ask outside it, whatever
// scope the caller put in the query; importers read nothing; admins read everything.
#include "agmon/service/scope.h"

#include <catch2/catch.hpp>

#include <set>

#include "agmon/service/importer.h"
#include "agmon/store/database.h"
#include "support/test_support.h"

namespace {

using namespace agmon;
using service::Principal;
using service::Role;

// School A (9900011): S1 (caseload C1) and S2 (caseload C2) each have a D in English 11, so
// each gets one AG_DF_UNVALIDATED alert; school B (9900022): S3 (caseload C9) has an F.
struct District {
  test::TempDir dir;
  std::unique_ptr<store::Database> db;
  service::Settings settings;
  District() {
    test::write_file(dir.file("students.csv"),
                     "student_id,school_code,grade_level,counselor_id\n"
                     "S1,9900011,11,C1\nS2,9900011,11,C2\nS3,9900022,11,C9\n");
    test::write_file(dir.file("courses.csv"),
                     "school_code,local_course_id,course_title,ag_area\n"
                     "9900011,ENG11,English 11,b\n9900022,ENG11,English 11,b\n");
    test::write_file(dir.file("course_marks.csv"),
                     "student_id,school_code,academic_year,term_code,local_course_id,mark\n"
                     "S1,9900011,2024-2025,S1,ENG11,D\nS2,9900011,2024-2025,S1,ENG11,D\n"
                     "S3,9900022,2024-2025,S1,ENG11,F\n");
    auto r = service::run_import(dir.file("agmon.db"),
                                 {dir.file("students.csv"), dir.file("courses.csv"), dir.file("course_marks.csv")},
                                 {}, settings);
    INFO(r.message);
    REQUIRE(r.exit_code == service::kImportApplied);
    db = std::move(store::Database::open(dir.file("agmon.db")).value());
  }
};

Principal counselor(std::vector<std::string> schools, std::string caseload = "") {
  Principal p;
  p.token_name = "c";
  p.role = Role::kCounselor;
  p.schools = std::move(schools);
  p.counselor_id = std::move(caseload);
  return p;
}

std::set<std::string> students_of(const std::vector<store::AlertRecord>& alerts) {
  std::set<std::string> out;
  for (const auto& a : alerts) out.insert(a.student_id);
  return out;
}

}  // namespace

TEST_CASE("a counselor's alert list is narrowed to its school and caseload by the service") {
  District d;
  auto all = service::list_alerts_for(*d.db, service::admin_principal(), {});
  REQUIRE(all.ok());
  CHECK(students_of(*all) == std::set<std::string>{"S1", "S2", "S3"});
  auto school_a = service::list_alerts_for(*d.db, counselor({"9900011"}), {});
  REQUIRE(school_a.ok());
  CHECK(students_of(*school_a) == std::set<std::string>{"S1", "S2"});
  auto caseload = service::list_alerts_for(*d.db, counselor({"9900011"}, "C2"), {});
  REQUIRE(caseload.ok());
  CHECK(students_of(*caseload) == std::set<std::string>{"S2"});
}

TEST_CASE("a scope the caller put in the alert query is replaced by the principal's") {
  District d;
  service::AlertQuery q;
  q.scope_schools = {"9900022"};  // as if a handler had got it wrong
  auto r = service::list_alerts_for(*d.db, counselor({"9900011"}, "C1"), q);
  REQUIRE(r.ok());
  CHECK(students_of(*r) == std::set<std::string>{"S1"});
  // And an admin's query is not narrowed by a stray scope either.
  auto admin = service::list_alerts_for(*d.db, service::admin_principal(), q);
  REQUIRE(admin.ok());
  CHECK(students_of(*admin) == std::set<std::string>{"S1", "S2", "S3"});
}

TEST_CASE("alert filters outside the scope are refused and not narrowed") {
  District d;
  service::AlertQuery other_school;
  other_school.school = "9900022";
  auto r = service::list_alerts_for(*d.db, counselor({"9900011"}), other_school);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kPermissionDenied);
  service::AlertQuery other_caseload;
  other_caseload.counselor = "C1";
  auto c = service::list_alerts_for(*d.db, counselor({"9900011"}, "C2"), other_caseload);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().code == core::ErrorCode::kPermissionDenied);
  Principal importer;
  importer.role = Role::kImporter;
  auto i = service::list_alerts_for(*d.db, importer, {});
  REQUIRE_FALSE(i.ok());
  CHECK(i.error().code == core::ErrorCode::kPermissionDenied);
  Principal no_schools = counselor({});
  auto n = service::list_alerts_for(*d.db, no_schools, {});
  REQUIRE_FALSE(n.ok());
  CHECK(n.error().code == core::ErrorCode::kPermissionDenied);
}

TEST_CASE("gap tables for a counselor are its own school and no other") {
  District d;
  auto own = service::gap_tables_for(*d.db, d.settings, counselor({"9900011"}, "C1"), {});
  REQUIRE(own.ok());
  REQUIRE(own->size() == 1);
  CHECK(own->front().school == std::optional<std::string>("9900011"));
  service::GapQuery b;
  b.school = "9900022";
  auto other = service::gap_tables_for(*d.db, d.settings, counselor({"9900011"}), b);
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().code == core::ErrorCode::kPermissionDenied);
  auto several = service::gap_tables_for(*d.db, d.settings, counselor({"9900011", "9900022"}), {});
  REQUIRE_FALSE(several.ok());
  CHECK(several.error().code == core::ErrorCode::kInvalidArgument);
  Principal importer;
  importer.role = Role::kImporter;
  auto i = service::gap_tables_for(*d.db, d.settings, importer, b);
  REQUIRE_FALSE(i.ok());
  CHECK(i.error().code == core::ErrorCode::kPermissionDenied);
  auto admin = service::gap_tables_for(*d.db, d.settings, service::admin_principal(), b);
  REQUIRE(admin.ok());
  CHECK(admin->front().school == std::optional<std::string>("9900022"));
}

TEST_CASE("acknowledging an alert outside the scope is refused and changes nothing") {
  District d;
  auto all = service::list_alerts_for(*d.db, service::admin_principal(), {});
  REQUIRE(all.ok());
  long s1 = 0, s3 = 0;
  for (const auto& a : *all) {
    if (a.student_id == "S1") s1 = a.alert_id;
    if (a.student_id == "S3") s3 = a.alert_id;
  }
  REQUIRE(s1 > 0);
  REQUIRE(s3 > 0);
  auto c2 = counselor({"9900011"}, "C2");
  auto other_school = service::acknowledge_alert_for(*d.db, c2, s3, "x");  // school B
  REQUIRE_FALSE(other_school.ok());
  CHECK(other_school.error().code == core::ErrorCode::kPermissionDenied);
  auto other_caseload = service::acknowledge_alert_for(*d.db, c2, s1, "x");  // school A, caseload C1
  REQUIRE_FALSE(other_caseload.ok());
  CHECK(other_caseload.error().code == core::ErrorCode::kPermissionDenied);
  auto st = d.db->prepare("SELECT count(*) FROM alerts WHERE acknowledged_by IS NOT NULL");
  REQUIRE(st.step());
  CHECK(st.integer(0) == 0);
  auto c1 = counselor({"9900011"}, "C1");
  c1.token_name = "counselor-c1";
  auto own = service::acknowledge_alert_for(*d.db, c1, s1, "called home");
  REQUIRE(own.ok());
  CHECK(own->acknowledged_by == "counselor-c1");
}
