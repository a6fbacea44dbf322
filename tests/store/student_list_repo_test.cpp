// StudentListRepo: the scope always narrows (schools, caseload; an empty school list sees
// nothing), filters and the name or id prefix narrow further (wildcards literal), pages are
// keyset by id, and each row carries names and open alerts.
#include "agmon/store/student_list_repo.h"

#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "agmon/store/evaluation_repo.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

void add(store::Database& db, const std::string& id, const std::string& school,
         const std::string& counselor, const std::string& last_name) {
  store::EvaluationRow row;
  row.student_id = id;
  row.school_code = school;
  row.counselor_id = counselor;
  row.grade = 11;
  row.as_of_year = "2025-2026";
  row.uc_complete_projected = true;
  row.uc_gpa_capped = 3.5;
  row.credited_semesters = 12;
  row.ap_this_year = true;
  store::EvaluationRepo(db).save(row, std::nullopt);
  auto st = db.prepare(
      "INSERT INTO students(student_id, school_code, grade_level, counselor_id, last_name, "
      "first_name) "
      "VALUES (?1, ?2, '11', ?3, ?4, 'Ana')");
  st.bind(1, id).bind(2, school).bind(3, counselor).bind(4, last_name).run();
}

std::vector<std::string> ids(const std::vector<store::StudentListRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.student_id);
  return out;
}

store::StudentListFilter all(int limit = 100) {
  store::StudentListFilter f;
  f.limit = limit;
  return f;
}

}  // namespace

TEST_CASE("the student list keeps to the scope and filters and pages by id") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("l.db"));
  REQUIRE(db.ok());
  store::Database& d = **db;
  add(d, "1001", "S1", "C1", "Garcia");
  add(d, "1002", "S1", "C2", "Gar_cia");
  add(d, "1003", "S2", "C1", "Lopez");
  add(d, "2001", "S3", "C3", "Nguyen");
  d.exec(
      "INSERT INTO alerts(identity, kind, audience, student_id, message, status, opened_at, "
      "last_seen_at) "
      "VALUES ('a1', 'K', 'counselor', '1001', 'm', 'open', 'x', 'x'), "
      "('a2', 'K2', 'counselor', '1001', 'm', 'open', 'x', 'x'), "
      "('a3', 'K3', 'counselor', '1001', 'm', 'resolved', 'x', 'x')");
  store::StudentListRepo repo(d);

  CHECK(ids(repo.page(all())) == std::vector<std::string>{"1001", "1002", "1003", "2001"});

  auto rows = repo.page(all());
  CHECK(rows[0].school_code == "S1");
  CHECK(rows[0].counselor_id == "C1");
  CHECK(rows[0].last_name == "Garcia");
  CHECK(rows[0].first_name == "Ana");
  CHECK(rows[0].grade == 11);
  CHECK(rows[0].as_of_year == "2025-2026");
  CHECK(rows[0].uc_complete_projected);
  CHECK_FALSE(rows[0].uc_complete);
  CHECK(rows[0].uc_gpa_capped == Approx(3.5));
  CHECK_FALSE(rows[0].csu_gpa);
  CHECK(rows[0].credited_semesters == Approx(12));
  CHECK(rows[0].ap_this_year == 1);
  CHECK(rows[0].open_alerts == 2);  // the resolved one is not counted
  CHECK(rows[1].open_alerts == 0);

  SECTION("keyset pages") {
    auto f = all(2);
    CHECK(ids(repo.page(f)) == std::vector<std::string>{"1001", "1002"});
    f.after_id = "1002";
    CHECK(ids(repo.page(f)) == std::vector<std::string>{"1003", "2001"});
  }
  SECTION("the scope: schools, then the caseload, and an empty school list sees nothing") {
    auto f = all();
    f.scope_schools = std::vector<std::string>{"S1", "S2"};
    CHECK(ids(repo.page(f)) == std::vector<std::string>{"1001", "1002", "1003"});
    f.scope_counselor = "C1";
    CHECK(ids(repo.page(f)) == std::vector<std::string>{"1001", "1003"});
    f.school = "S3";  // a filter outside the scope widens nothing
    CHECK(repo.page(f).empty());
    auto none = all();
    none.scope_schools = std::vector<std::string>{};
    CHECK(repo.page(none).empty());
  }
  SECTION("filters and the prefix search, wildcards literal") {
    auto f = all();
    f.school = "S1";
    f.counselor = "C2";
    CHECK(ids(repo.page(f)) == std::vector<std::string>{"1002"});
    auto q = all();
    q.prefix = "gar";  // last name, case-insensitive
    CHECK(ids(repo.page(q)) == std::vector<std::string>{"1001", "1002"});
    q.prefix = "Gar_";  // '_' is a letter here, not "any character"
    CHECK(ids(repo.page(q)) == std::vector<std::string>{"1002"});
    q.prefix = "20";  // id prefix
    CHECK(ids(repo.page(q)) == std::vector<std::string>{"2001"});
    q.prefix = "an";  // first name
    CHECK(repo.page(q).size() == 4);
    q.prefix = "%";
    CHECK(repo.page(q).empty());
  }
}
