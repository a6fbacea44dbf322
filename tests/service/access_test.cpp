// Scoped single-record access: the stored-report fast path with live alerts spliced in, its
// scope check, the alert scope check, and the health figures.
#include <catch2/catch.hpp>

#include "agmon/service/access.h"
#include "agmon/service/health.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

struct Store {
  test::TempDir dir;
  std::unique_ptr<store::Database> db;
  Store() {
    auto opened = store::Database::open(dir.file("s.db"));
    REQUIRE(opened.ok());
    db = std::move(opened.value());
    db->exec(
        "INSERT INTO student_evaluations(student_id, school_code, counselor_id, grade, as_of_year, "
        "race_ethnicity, gender, el, sed, swd, foster, homeless, uc_complete, uc_complete_projected, "
        "csu_complete, csu_complete_projected, uc_eligible, csu_eligible, on_track, credited_semesters, "
        "projected_semesters, ap_this_year, report_json) VALUES "
        "('1001','S1','C1',11,'2025-2026','white','F',0,0,0,0,0,0,0,0,0,0,0,1,10,12,0,"
        "'{\"student_id\":\"1001\",\"alerts\":[],\"on_track\":true}'),"
        "('2001','S2','C9',11,'2025-2026','white','F',0,0,0,0,0,0,0,0,0,0,0,1,10,12,0,"
        "'{\"student_id\":\"2001\",\"alerts\":[]}')");
    db->exec("INSERT INTO alerts(alert_id, identity, kind, audience, school_code, counselor_id, student_id, "
             "detail, message, status, opened_at, last_seen_at) VALUES "
             "(7,'a','AG_DF_UNVALIDATED','counselor','S1','C1','1001','MTH201 S1','m','open',"
             "'2026-01-10T02:00:00Z','2026-01-10T02:00:00Z'),"
             "(8,'b','GAP_WIDENING','administrator','S1','','','','m','open','2026-01-10T02:00:00Z','2026-01-10T02:00:00Z'),"
             "(9,'c','AG_OFF_TRACK','counselor','S1','C1','1001','','m','resolved','2026-01-10T02:00:00Z','2026-01-10T02:00:00Z')");
  }
};

service::Principal counselor(std::vector<std::string> schools, std::string caseload = "") {
  service::Principal p;
  p.role = service::Role::kCounselor;
  p.schools = std::move(schools);
  p.counselor_id = std::move(caseload);
  return p;
}

}  // namespace

TEST_CASE("the stored report is returned with the student's active alerts spliced in") {
  Store s;
  service::StudentReader reader(*s.db);
  auto json = reader.report_json(counselor({"S1"}, "C1"), "1001");
  REQUIRE(json.ok());
  // Alert 7 is open; 9 is resolved and left out; 8 belongs to no student.
  CHECK(*json ==
        "{\"student_id\":\"1001\",\"alerts\":[{\"id\":7,\"kind\":\"AG_DF_UNVALIDATED\","
        "\"detail\":\"MTH201 S1\",\"message\":\"m\",\"status\":\"open\",\"opened\":\"2026-01-10\"}],"
        "\"on_track\":true}");
  auto plain = reader.report_json(service::admin_principal(), "2001");
  REQUIRE(plain.ok());
  CHECK(*plain == "{\"student_id\":\"2001\",\"alerts\":[]}");
}

TEST_CASE("a report outside the scope is refused and an unknown student is not found") {
  Store s;
  service::StudentReader reader(*s.db);
  CHECK(reader.report_json(counselor({"S1"}), "2001").error().code == core::ErrorCode::kPermissionDenied);
  CHECK(reader.report_json(counselor({"S1"}, "C2"), "1001").error().code ==
        core::ErrorCode::kPermissionDenied);
  CHECK(reader.report_json(counselor({"S1"}), "999").error().code == core::ErrorCode::kNotFound);
  service::Principal importer;
  importer.role = service::Role::kImporter;
  CHECK(reader.report_json(importer, "1001").error().code == core::ErrorCode::kPermissionDenied);
  // The reader still works after refusals (its statements were reset).
  CHECK(reader.report_json(counselor({"S1", "S2"}), "2001").ok());
}

TEST_CASE("alert scope: a caseload-bound counselor cannot act on administrator alerts") {
  Store s;
  CHECK(service::check_alert_scope(*s.db, counselor({"S1"}, "C1"), 7).ok());
  CHECK(service::check_alert_scope(*s.db, counselor({"S1"}, "C1"), 8).error().code ==
        core::ErrorCode::kPermissionDenied);
  CHECK(service::check_alert_scope(*s.db, counselor({"S1"}), 8).ok());
  CHECK(service::check_alert_scope(*s.db, counselor({"S2"}), 7).error().code ==
        core::ErrorCode::kPermissionDenied);
  CHECK(service::check_alert_scope(*s.db, service::admin_principal(), 42).error().code ==
        core::ErrorCode::kNotFound);
}

TEST_CASE("health reports the schema, the evaluated students and the last import; alerts by kind") {
  Store s;
  auto h = service::health(*s.db);
  CHECK(h.db_ok);
  CHECK(h.schema_version >= 1);
  CHECK(h.students_evaluated == 2);
  CHECK_FALSE(h.last_import.has_value());
  CHECK(service::health_json(h).find("\"last_import\":null") != std::string::npos);
  s.db->exec("INSERT INTO imports(started_at, finished_at, mode, origin, outcome) VALUES "
             "('2026-01-10T02:00:00Z','2026-01-10T02:00:09Z','incremental','inbox','applied')");
  h = service::health(*s.db);
  REQUIRE(h.last_import.has_value());
  CHECK(service::health_json(h).find("\"last_import\":{\"import_id\":1,\"started_at\":\"2026-01-10T02:00:00Z\","
                                     "\"finished_at\":\"2026-01-10T02:00:09Z\",\"outcome\":\"applied\","
                                     "\"origin\":\"inbox\"}") != std::string::npos);
  auto kinds = service::open_alerts_by_kind(*s.db);
  REQUIRE(kinds.ok());
  CHECK(kinds->size() == 2);  // AG_OFF_TRACK's only alert is resolved
  CHECK(kinds->at("AG_DF_UNVALIDATED") == 1);
  CHECK(kinds->at("GAP_WIDENING") == 1);
}
