// gap_tables() end to end: small districts imported through run_import, tables checked against
// hand-worked figures (arithmetic in the comments), year selection, validation, suppression.
#include <catch2/catch.hpp>

#include "service/gap_fixtures.h"

using namespace agmon;
using test::row;
using Approx = Catch::Detail::Approx;

namespace {

service::GapQuery query(const std::string& metric, const std::string& by) {
  service::GapQuery q;
  q.metric = metric;
  q.by = by;
  return q;
}

// Seniors at school 101 built from one 15-course transcript (grades 9-12, every mark B):
//  complete  : everything graded                -> UC and CSU complete
//  uc_only   : Physics instead of Biology       -> UC complete (two of bio/chem/phys), CSU
//                                                  short (no biological science), even projected
//  projected : English 12 and Art in progress   -> complete only if they pass
//  short     : no Art at all                    -> short even projected (area f)
//   EL      (12): complete 3, uc_only 1, projected 3, short 5
//   not EL  (14): complete 8, uc_only 1, projected 2, short 3
const char* kSeniorCourses =
    "school_code,local_course_id,course_title,ag_area,math_level,hss_type,science_discipline,lote_language,"
    "lote_level,vpa_discipline\n"
    "101,WHIST,World History,a,,world_history,,,,\n101,USH,US History,a,,us_history,,,,\n"
    "101,ENG9,English 9,b,,,,,,\n101,ENG10,English 10,b,,,,,,\n101,ENG11,English 11,b,,,,,,\n"
    "101,ENG12,English 12,b,,,,,,\n101,ALG1,Algebra 1,c,1,,,,,\n101,GEOM,Geometry,c,2,,,,,\n"
    "101,ALG2,Algebra 2,c,3,,,,,\n101,BIO,Biology,d,,,biology,,,\n101,PHYS,Physics,d,,,physics,,,\n"
    "101,CHEM,Chemistry,d,,,chemistry,,,\n101,SPAN1,Spanish 1,e,,,,Spanish,1,\n"
    "101,SPAN2,Spanish 2,e,,,,Spanish,2,\n101,ART,Studio Art,f,,,,,,visual_arts\n"
    "101,PSYCH,Psychology,g,,social_science,,,,\n";

std::string senior_marks(const std::string& id, const std::string& variant) {
  std::string science = variant == "uc_only" ? "PHYS" : "BIO";
  struct Year {
    const char* year;
    int grade;
    std::vector<std::string> courses;
  };
  std::vector<Year> years = {{"2022-2023", 9, {"ENG9", "ALG1", science}},
                             {"2023-2024", 10, {"ENG10", "GEOM", "WHIST", "SPAN1"}},
                             {"2024-2025", 11, {"ENG11", "ALG2", "USH", "CHEM", "SPAN2"}},
                             {"2025-2026", 12, {"PSYCH"}}};
  std::string out;
  for (const auto& y : years)
    for (const auto& c : y.courses) out += id + ",101," + y.year + ",FY," + c + "," + std::to_string(y.grade) + ",B\n";
  std::string last = variant == "projected" ? "" : "B";
  out += id + ",101,2025-2026,FY,ENG12,12," + last + "\n";
  if (variant != "short") out += id + ",101,2025-2026,FY,ART,12," + last + "\n";
  return out;
}

void import_seniors(test::GapDb& g) {
  std::string students = "student_id,school_code,grade_level,counselor_id,gender,hispanic,race_codes,el_status\n";
  std::string marks = "student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,mark\n";
  struct Mix {
    const char* el;
    int complete, uc_only, projected, shortfall;
  };
  int next = 1;
  for (Mix m : {Mix{"EL", 3, 1, 3, 5}, Mix{"EO", 8, 1, 2, 3}}) {
    auto add = [&](const std::string& variant, int count) {
      for (int i = 0; i < count; ++i, ++next) {
        std::string id = "T" + test::two_digits(next);
        students += id + ",101,12,C2,M,Y,," + m.el + "\n";
        marks += senior_marks(id, variant);
      }
    };
    add("complete", m.complete);
    add("uc_only", m.uc_only);
    add("projected", m.projected);
    add("short", m.shortfall);
  }
  g.import({{"students.csv", students}, {"courses.csv", kSeniorCourses}, {"course_marks.csv", marks}});
}

}  // namespace

TEST_CASE("AP enrollment by race and ethnicity matches the hand-worked table") {
  test::GapDb g;
  test::import_ap_district(g);
  auto t = g.table(query("ap", "race_ethnicity"));
  CHECK(t.year == "2025-2026");
  CHECK(t.definition.population == "students in grades 9-12 enrolled in 2025-2026");
  CHECK(t.as_of.size() == 10);  // the last import's date
  // all: 61 students, 6 + 5 + 4 + 3 = 18 in AP; 18/61 = 0.2951.
  CHECK(t.all_n == 61);
  CHECK(t.all_count == 18);
  CHECK(*t.all_rate == Approx(0.2951));
  const auto* h = row(t, "hispanic");
  REQUIRE(h);
  CHECK(h->n == 30);
  CHECK(h->count == 6);
  CHECK(*h->rate == Approx(0.2));
  CHECK(*h->gap_pp == Approx(-9.51));               // 100 (6/30 - 18/61)
  CHECK(*h->ppg1 == Approx(-18.71));                // rest 12/31: 100 (0.2 - 0.3871)
  CHECK(*h->representation_index == Approx(0.678)); // 0.2 / 0.29508
  CHECK(*h->risk_ratio == Approx(0.517));           // 0.2 / 0.38710
  CHECK(*h->impact_ratio == Approx(0.44));          // 0.2 / (5/11), the highest shown rate
  CHECK(h->missing == 6);                           // ceil((30*12 - 6*31) / 31) = ceil(5.61)
  CHECK(h->disproportionate == true);
  const auto* w = row(t, "white");
  REQUIRE(w);
  CHECK(w->n == 11);  // 11 is shown
  CHECK(w->count == 5);
  CHECK(*w->gap_pp == Approx(15.95));               // 100 (5/11 - 18/61)
  CHECK(*w->ppg1 == Approx(19.45));                 // rest 13/50
  CHECK(*w->representation_index == Approx(1.540));
  CHECK(*w->risk_ratio == Approx(1.748));           // 0.45455 / 0.26
  CHECK(*w->impact_ratio == Approx(1.0));
  CHECK(w->missing == 0);
  // asian and filipino (10 each) are hidden; their 20 together reach min_n, so nothing more is.
  for (const char* hidden : {"asian", "filipino"}) {
    const auto* r = row(t, hidden);
    REQUIRE(r);
    CHECK(r->suppressed);
    CHECK_FALSE(r->n);
    CHECK_FALSE(r->count);
    CHECK_FALSE(r->rate);
    CHECK_FALSE(r->gap_pp);
  }
  CHECK(t.groups.size() == 4);  // groups with no student are left out
}

TEST_CASE("AP enrollment by English learner status is computed for both groups") {
  test::GapDb g;
  test::import_ap_district(g);
  auto t = g.table(query("ap", "el"));
  // el: the 18 weak hispanic students, 2 in AP; not_el: 43, 16 in AP.
  const auto* el = row(t, "el");
  const auto* other = row(t, "not_el");
  REQUIRE(el);
  REQUIRE(other);
  CHECK(el->n == 18);
  CHECK(el->count == 2);
  CHECK(*el->gap_pp == Approx(-18.40));               // 100 (2/18 - 18/61)
  CHECK(*el->ppg1 == Approx(-26.10));                 // 100 (2/18 - 16/43)
  CHECK(*el->representation_index == Approx(0.377));
  CHECK(*el->risk_ratio == Approx(0.299));            // 0.11111 / 0.37209
  CHECK(el->missing == 5);                            // ceil((18*16 - 2*43) / 43) = ceil(4.70)
  CHECK(other->n == 43);
  CHECK(other->count == 16);
  CHECK(*other->risk_ratio == Approx(3.349));
  CHECK(*other->gap_pp == Approx(7.70));
}

TEST_CASE("a grouping with a single populated group has no comparative figures") {
  test::GapDb g;
  test::import_ap_district(g);
  for (const char* by : {"gender", "grade", "school"}) {
    auto t = g.table(query("ap", by));
    INFO(by);
    REQUIRE(t.groups.size() == 1);  // everyone is F, in grade 11, at school 101
    const auto& r = t.groups[0];
    CHECK(r.n == 61);
    CHECK(r.count == 18);
    CHECK_FALSE(r.gap_pp);
    CHECK_FALSE(r.ppg1);
    CHECK_FALSE(r.representation_index);
    CHECK_FALSE(r.risk_ratio);
    CHECK_FALSE(r.missing);
  }
  CHECK(g.table(query("ap", "grade")).groups[0].group == "11");
  CHECK(g.table(query("ap", "school")).groups[0].group == "101");
}

TEST_CASE("the on-track metric with nobody on track gives null ratios, not zero or infinity") {
  test::GapDb g;
  test::import_ap_district(g);
  // 11th graders need 22 projected semesters; these have at most 8.
  auto t = g.table(query("ag-on-track", "race_ethnicity"));
  CHECK(t.all_n == 61);
  CHECK(t.all_count == 0);
  const auto* h = row(t, "hispanic");
  REQUIRE(h);
  CHECK(*h->rate == 0);
  CHECK(*h->gap_pp == 0);
  CHECK_FALSE(h->representation_index);  // rate_all = 0
  CHECK_FALSE(h->risk_ratio);            // the rest's rate is 0
  CHECK_FALSE(h->impact_ratio);          // the highest rate is 0
  CHECK_FALSE(h->disproportionate);
}

TEST_CASE("the missing-students metric counts AP-ready students not in AP at AP schools") {
  test::GapDb g;
  test::import_ap_district(g);
  auto t = g.table(query("missing", "race_ethnicity"));
  // Population: the strong students (UC GPA 4.00): 12 + 8 + 6 + 5 = 31. Not in AP now:
  // 12-4 = 8, 8-5 = 3, 6-4 = 2, 5-2 = 3 -> 16. white (8), asian (6), filipino (5) are hidden
  // (19 together, so hispanic stays shown).
  CHECK(t.all_n == 31);
  CHECK(t.all_count == 16);
  const auto* h = row(t, "hispanic");
  REQUIRE(h);
  CHECK(h->n == 12);
  CHECK(h->count == 8);
  CHECK(*h->gap_pp == Approx(15.05));        // 100 (8/12 - 16/31)
  CHECK(*h->ppg1 == Approx(24.56));          // rest 8/19
  CHECK(*h->risk_ratio == Approx(1.583));
  CHECK(h->disproportionate == true);
  for (const char* hidden : {"white", "asian", "filipino"}) CHECK(row(t, hidden)->suppressed);
  // Grade 12 metrics: no senior in this district, so an empty table.
  auto ag = g.table(query("ag", "race_ethnicity"));
  CHECK(ag.groups.empty());
  CHECK((!ag.all_n || *ag.all_n == 0));
}

TEST_CASE("A-G completion, projected completion and the CSU variant by English learner status") {
  test::GapDb g;
  import_seniors(g);
  auto uc = g.table(query("ag", "el"));
  // UC complete: complete + uc_only. el 4/12, not_el 9/14, all 13/26 = 0.5.
  CHECK(*uc.all_rate == Approx(0.5));
  CHECK(row(uc, "el")->count == 4);
  CHECK(*row(uc, "el")->gap_pp == Approx(-16.67));       // 100 (1/3 - 1/2)
  CHECK(*row(uc, "el")->ppg1 == Approx(-30.95));         // 100 (4/12 - 9/14)
  CHECK(*row(uc, "el")->risk_ratio == Approx(0.519));    // 0.33333 / 0.64286
  CHECK(row(uc, "el")->missing == 4);                    // ceil((12*9 - 4*14) / 14) = ceil(3.71)
  CHECK(row(uc, "not_el")->count == 9);

  auto q = query("ag", "el");
  q.system = "csu";
  auto csu = g.table(q);
  // CSU complete: only `complete`. el 3/12, not_el 8/14, all 11/26.
  CHECK(csu.all_count == 11);
  CHECK(row(csu, "el")->count == 3);
  CHECK(row(csu, "not_el")->count == 8);
  CHECK(*row(csu, "el")->gap_pp == Approx(-17.31));      // 100 (0.25 - 0.42308)

  auto projected = g.table(query("ag-projected", "el"));
  // + projected: el 7/12, not_el 11/14, all 18/26.
  CHECK(projected.all_count == 18);
  CHECK(row(projected, "el")->count == 7);
  CHECK(*row(projected, "el")->gap_pp == Approx(-10.90));  // 100 (0.58333 - 0.69231)
  CHECK(*row(projected, "el")->risk_ratio == Approx(0.742));

  q = query("ag-projected", "el");
  q.system = "csu";
  CHECK(g.table(q).all_count == 16);  // uc_only students are short for CSU even projected

  // On track, for seniors: the projected UC pattern.
  CHECK(g.table(query("ag-on-track", "el")).all_count == 18);
}

TEST_CASE("a past year is read from its snapshot and --years gives one table per year") {
  test::GapDb g;
  test::import_ap_district(g);
  auto q = query("ap", "race_ethnicity");
  q.year = "2024-2025";
  auto last = g.table(q);
  // AP World History in 2024-2025: 3 + 5 + 2 + 1 = 11 of 61.
  CHECK(last.year == "2024-2025");
  CHECK(last.all_count == 11);
  CHECK(row(last, "hispanic")->count == 3);
  CHECK(*row(last, "hispanic")->gap_pp == Approx(-8.03));  // 100 (0.1 - 11/61)
  CHECK(row(last, "white")->count == 5);
  CHECK(row(last, "asian")->suppressed);

  q.year.reset();
  q.years = "2023-2024..2025-2026";
  auto trend = g.tables(q);
  REQUIRE(trend.ok());
  REQUIRE(trend->size() == 2);  // no evaluation was kept for 2023-2024
  CHECK((*trend)[0].year == "2024-2025");
  CHECK((*trend)[0].all_count == 11);
  CHECK((*trend)[1].year == "2025-2026");
  CHECK((*trend)[1].all_count == 18);

  q.years = "2020-2021..2022-2023";
  auto none = g.tables(q);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().code == core::ErrorCode::kNotFound);
  q.years.reset();
  q.year = "2023-2024";
  auto missing = g.tables(q);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == core::ErrorCode::kNotFound);
}

TEST_CASE("min_n is a query parameter and hides more groups when raised") {
  test::GapDb g;
  test::import_ap_district(g);
  auto q = query("ap", "race_ethnicity");
  q.min_n = 12;
  auto t = g.table(q);
  CHECK(t.min_n == 12);
  CHECK(row(t, "white")->suppressed);  // 11 < 12
  CHECK_FALSE(row(t, "hispanic")->suppressed);
  q.min_n = 10;
  t = g.table(q);
  CHECK_FALSE(row(t, "asian")->suppressed);
  CHECK(row(t, "asian")->count == 4);
}

TEST_CASE("every malformed query field is refused naming the parameter") {
  test::GapDb g;
  test::import_ap_district(g);
  struct Bad {
    const char* field;
    service::GapQuery q;
  };
  std::vector<Bad> bad;
  auto with = [&](const char* field, auto change) {
    service::GapQuery q;
    change(q);
    bad.push_back({field, q});
  };
  with("metric", [](auto& q) { q.metric = "sat"; });
  with("metric", [](auto& q) { q.metric = "AP"; });
  with("by", [](auto& q) { q.by = "ethnicity"; });
  with("system", [](auto& q) { q.system = "ucla"; });
  with("min_n", [](auto& q) { q.min_n = 0; });
  with("year", [](auto& q) { q.year = "2025"; });
  with("year", [](auto& q) { q.year = "2025-2027"; });
  with("years", [](auto& q) { q.years = "2025-2026"; });
  with("years", [](auto& q) { q.years = "2025-2026..2024-2025"; });
  with("year and years", [](auto& q) {
    q.year = "2025-2026";
    q.years = "2024-2025..2025-2026";
  });
  with("school", [](auto& q) { q.school = ""; });
  for (const auto& b : bad) {
    auto r = g.tables(b.q);
    INFO(b.field);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == core::ErrorCode::kInvalidArgument);
    CHECK(r.error().message.find(b.field) == 0);
  }
  service::GapQuery unknown_school;
  unknown_school.school = "999";
  auto r = g.tables(unknown_school);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kNotFound);
}

TEST_CASE("a database with no evaluations answers not found rather than an empty table") {
  test::GapDb g;
  auto r = g.tables(service::GapQuery{});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kNotFound);
}

TEST_CASE("one school's table counts only that school's students") {
  test::GapDb g;
  test::import_ap_district(g);
  auto q = query("ap", "race_ethnicity");
  q.school = "101";
  auto t = g.table(q);
  CHECK(t.school == std::optional<std::string>("101"));
  CHECK(t.all_n == 61);
}
