// Tests of the demo district generator: determinism, the district's shape, valid marks and
// courses, the mid-year "as of" point, and the planted AP gap with its truth list.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "agmon/service/demo_data.h"
#include "support/test_support.h"

namespace {

using agmon::service::DemoDataOptions;
using agmon::service::DemoDataSummary;

struct Table {
  std::map<std::string, std::size_t> col;
  std::vector<std::vector<std::string>> rows;
  const std::string& at(std::size_t row, const std::string& name) const {
    return rows[row][col.at(name)];
  }
};

// The generator never quotes (no commas in names), so a plain split is a full parser here.
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') out.emplace_back(); else out.back().push_back(c);
  }
  return out;
}

Table parse(const std::string& csv) {
  Table t;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  const auto header = split(line);
  for (std::size_t i = 0; i < header.size(); ++i) t.col[header[i]] = i;
  std::size_t ragged = 0;
  while (std::getline(in, line)) {
    t.rows.push_back(split(line));
    if (t.rows.back().size() != header.size()) ++ragged;
  }
  REQUIRE(ragged == 0);  // every row has the header's column count
  return t;
}

struct District {
  std::string students, courses, marks;
  DemoDataSummary summary;
};

District generate(int students, std::uint64_t seed) {
  DemoDataOptions o;
  o.students = students;
  o.seed = seed;
  o.school_year = "2025-2026";
  std::ostringstream s, c, m;
  auto r = agmon::service::generate_demo_data(o, s, c, m);
  REQUIRE(r.ok());
  return {s.str(), c.str(), m.str(), *r};
}

// One 20,000-student district shared by the shape tests (about 0.2 s to make).
const District& big() {
  static const District d = generate(20000, 7);
  return d;
}
struct Parsed {
  Table students, courses, marks;
};
const Parsed& big_parsed() {
  static const Parsed p{parse(big().students), parse(big().courses), parse(big().marks)};
  return p;
}

// The CDE reporting group (formats.md §1).
std::string group_of(const Table& t, std::size_t r) {
  if (t.at(r, "hispanic") == "Y") return "hispanic";
  std::set<std::string> groups;
  std::istringstream codes(t.at(r, "race_codes"));
  std::string code;
  while (std::getline(codes, code, ';')) {
    const int c = std::stoi(code);
    groups.insert(c == 100 ? "american_indian" : c < 300 ? "asian" : c < 400 ? "pacific_islander"
                  : c == 400 ? "filipino" : c == 600 ? "african_american" : "white");
  }
  if (groups.size() > 1) return "two_or_more";
  return groups.empty() ? "not_reported" : *groups.begin();
}

double percent(std::size_t part, std::size_t whole) { return 100.0 * part / whole; }

}  // namespace

TEST_CASE("demo data is byte-identical for the same seed and differs for another seed",
          "[service]") {
  const District a = generate(1500, 42), b = generate(1500, 42), c = generate(1500, 43);
  CHECK(a.students == b.students);
  CHECK(a.courses == b.courses);
  CHECK(a.marks == b.marks);
  CHECK(a.summary.held_back_from_ap == b.summary.held_back_from_ap);
  CHECK(a.students != c.students);
  CHECK(a.marks != c.marks);
}

TEST_CASE("the demo district has Fresno Unified's 2008-09 shares within 1.5 points",
          "[service]") {
  const Table& st = big_parsed().students;
  REQUIRE(st.rows.size() == 20000);
  std::map<std::string, std::size_t> groups, flags;
  for (std::size_t r = 0; r < st.rows.size(); ++r) {
    ++groups[group_of(st, r)];
    if (st.at(r, "el_status") == "EL") ++flags["el"];
    for (const char* f : {"sed", "swd", "foster", "homeless"}) {
      if (st.at(r, f) == "Y") ++flags[f];
    }
    ++flags["gender_" + st.at(r, "gender")];
  }
  const std::size_t n = st.rows.size();
  CHECK(percent(groups["hispanic"], n) == Approx(60.1).margin(1.5));
  CHECK(percent(groups["african_american"], n) == Approx(10.7).margin(1.5));
  CHECK(percent(groups["white"], n) == Approx(13.9).margin(1.5));
  CHECK(percent(groups["asian"], n) == Approx(13.4).margin(1.5));
  CHECK(percent(groups["filipino"], n) == Approx(0.4).margin(0.3));
  CHECK(percent(groups["pacific_islander"], n) == Approx(0.4).margin(0.3));
  CHECK(percent(groups["american_indian"], n) == Approx(0.7).margin(0.3));
  CHECK(percent(flags["el"], n) == Approx(26.0).margin(1.5));
  CHECK(percent(flags["sed"], n) == Approx(80.4).margin(1.5));
  CHECK(percent(flags["swd"], n) == Approx(11.0).margin(1.5));
  CHECK(percent(flags["homeless"], n) == Approx(3.0).margin(1.0));
  CHECK(percent(flags["foster"], n) == Approx(0.5).margin(0.4));
  CHECK(percent(flags["gender_F"], n) == Approx(49.0).margin(1.5));
  CHECK(flags["gender_X"] > 0);
}

TEST_CASE("demo students are in grades 09-12 at 10 schools with a counselor per ~400",
          "[service]") {
  const Table& st = big_parsed().students;
  std::map<std::string, std::size_t> grades;
  std::map<std::string, std::set<std::string>> counselors;
  std::map<std::string, std::size_t> school_size;
  for (std::size_t r = 0; r < st.rows.size(); ++r) {
    ++grades[st.at(r, "grade_level")];
    counselors[st.at(r, "school_code")].insert(st.at(r, "counselor_id"));
    ++school_size[st.at(r, "school_code")];
  }
  REQUIRE(grades.size() == 4);
  for (const char* g : {"09", "10", "11", "12"}) {
    CHECK(percent(grades[g], st.rows.size()) == Approx(25).margin(3));
  }
  // 20,000 / 2,000 = 10 schools, codes 1010001..1010010.
  REQUIRE(school_size.size() == 10);
  CHECK(school_size.begin()->first == "1010001");
  CHECK(school_size.rbegin()->first == "1010010");
  for (const auto& [school, size] : school_size) {
    // round(size / 400), at least 1: e.g. 2,381 students -> 6 counselors.
    CHECK(counselors[school].size() == std::max<std::size_t>(1, (size + 200) / 400));
  }
}

TEST_CASE("every demo mark is a formats.md mark and every course is in courses.csv",
          "[service]") {
  const Parsed& p = big_parsed();
  // 10 schools x 39 catalog courses.
  CHECK(p.courses.rows.size() == 390);
  std::set<std::string> catalog;
  for (std::size_t r = 0; r < p.courses.rows.size(); ++r) {
    catalog.insert(p.courses.at(r, "school_code") + "/" + p.courses.at(r, "local_course_id"));
    CHECK(p.courses.at(r, "academic_year").empty());
  }
  const std::set<std::string> marks = {"A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-",
                                       "D+", "D", "D-", "F", ""};
  std::size_t unknown_mark = 0, unknown_course = 0;
  for (std::size_t r = 0; r < p.marks.rows.size(); ++r) {
    if (!marks.count(p.marks.at(r, "mark"))) ++unknown_mark;
    if (!catalog.count(p.marks.at(r, "school_code") + "/" + p.marks.at(r, "local_course_id"))) {
      ++unknown_course;
    }
  }
  CHECK(unknown_mark == 0);
  CHECK(unknown_course == 0);
  CHECK(p.marks.rows.size() == big().summary.mark_rows);
}

TEST_CASE("demo data are as of mid-year: current S1 graded, current S2 blank, past graded",
          "[service]") {
  const Table& m = big_parsed().marks;
  std::size_t s2_marked = 0, s1_blank = 0, past_blank = 0, semester = 0, deficient = 0;
  std::set<std::string> years;
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    const std::string& year = m.at(r, "academic_year");
    const std::string& term = m.at(r, "term_code");
    const std::string& mark = m.at(r, "mark");
    years.insert(year);
    if (year == "2025-2026") {
      if (term == "S2" && !mark.empty()) ++s2_marked;
      if (term == "S1" && mark.empty()) ++s1_blank;
    } else if (mark.empty()) {
      ++past_blank;
    }
    if (term != "SS" && !mark.empty()) {
      ++semester;
      if (mark[0] == 'D' || mark[0] == 'F') ++deficient;
    }
  }
  CHECK(s2_marked == 0);
  CHECK(s1_blank == 0);
  CHECK(past_blank == 0);
  // A 12th grader's transcript reaches back to 9th grade: four school years.
  CHECK(years == std::set<std::string>{"2022-2023", "2023-2024", "2024-2025", "2025-2026"});
  // About 8% of semester marks are D or F.
  CHECK(percent(deficient, semester) == Approx(8).margin(2.5));
}

TEST_CASE("a demo 12th grader has about 40-60 mark rows, some repeated in summer",
          "[service]") {
  const Parsed& p = big_parsed();
  std::map<std::string, std::size_t> rows;
  std::size_t summer = 0;
  for (std::size_t r = 0; r < p.marks.rows.size(); ++r) {
    ++rows[p.marks.at(r, "student_id")];
    if (p.marks.at(r, "term_code") == "SS") ++summer;
  }
  std::size_t seniors = 0, senior_rows = 0;
  for (std::size_t r = 0; r < p.students.rows.size(); ++r) {
    if (p.students.at(r, "grade_level") != "12") continue;
    ++seniors;
    senior_rows += rows[p.students.at(r, "student_id")];
  }
  const double mean = static_cast<double>(senior_rows) / seniors;
  CHECK(mean >= 40);
  CHECK(mean <= 60);
  CHECK(summer > 0);
}

TEST_CASE("high-GPA Hispanic students in grades 10-12 take AP less often than White and Asian",
          "[service]") {
  const Parsed& p = big_parsed();
  std::map<std::string, bool> ap_course;
  std::map<std::string, bool> is_ag;
  for (std::size_t r = 0; r < p.courses.rows.size(); ++r) {
    ap_course[p.courses.at(r, "local_course_id")] = p.courses.at(r, "rigor") == "AP";
    is_ag[p.courses.at(r, "local_course_id")] = !p.courses.at(r, "ag_area").empty();
  }
  std::map<std::string, int> points, grades;
  std::set<std::string> ap_now;
  for (std::size_t r = 0; r < p.marks.rows.size(); ++r) {
    const std::string& id = p.marks.at(r, "student_id");
    const std::string& course = p.marks.at(r, "local_course_id");
    const std::string& mark = p.marks.at(r, "mark");
    if (ap_course[course] && p.marks.at(r, "academic_year") == "2025-2026") ap_now.insert(id);
    if (mark.empty() || !is_ag[course]) continue;
    points[id] += mark[0] == 'A' ? 4 : mark[0] == 'B' ? 3 : mark[0] == 'C' ? 2 : mark[0] == 'D';
    ++grades[id];
  }
  std::map<std::string, std::pair<int, int>> rate;  // group -> (in AP now, high GPA)
  for (std::size_t r = 0; r < p.students.rows.size(); ++r) {
    const std::string& id = p.students.at(r, "student_id");
    if (p.students.at(r, "grade_level") == "09" || grades[id] == 0) continue;
    if (points[id] < 3.3 * grades[id]) continue;  // GPA >= 3.3 on every A-G mark so far
    auto& [in_ap, all] = rate[group_of(p.students, r)];
    in_ap += ap_now.count(id) ? 1 : 0;
    ++all;
  }
  auto share = [&](const char* g) { return 1.0 * rate[g].first / rate[g].second; };
  REQUIRE(rate["hispanic"].second > 500);
  REQUIRE(rate["white"].second + rate["asian"].second > 300);
  const double white_asian = 1.0 * (rate["white"].first + rate["asian"].first) /
                             (rate["white"].second + rate["asian"].second);
  // The planted 45% hold-back of AP-ready Hispanic students: a clear gap, the right sign.
  CHECK(share("hispanic") < white_asian - 0.10);
  CHECK(share("african_american") < white_asian - 0.10);
}

TEST_CASE("every held-back demo student is in grades 10-12, in a targeted group, and not in AP",
          "[service]") {
  const Parsed& p = big_parsed();
  const auto& held = big().summary.held_back_from_ap;
  REQUIRE(held.size() > 100);
  CHECK(big().summary.held_back_planted >= held.size());
  std::set<std::string> ap;
  for (std::size_t r = 0; r < p.courses.rows.size(); ++r) {
    if (p.courses.at(r, "rigor") == "AP") ap.insert(p.courses.at(r, "local_course_id"));
  }
  const std::set<std::string> held_set(held.begin(), held.end());
  std::size_t ap_rows = 0;
  for (std::size_t r = 0; r < p.marks.rows.size(); ++r) {
    if (held_set.count(p.marks.at(r, "student_id")) && ap.count(p.marks.at(r, "local_course_id")))
      ++ap_rows;
  }
  CHECK(ap_rows == 0);
  std::size_t found = 0;
  for (std::size_t r = 0; r < p.students.rows.size(); ++r) {
    if (!held_set.count(p.students.at(r, "student_id"))) continue;
    ++found;
    CHECK(p.students.at(r, "grade_level") != "09");
    const std::string g = group_of(p.students, r);
    CHECK((g == "hispanic" || g == "african_american" || p.students.at(r, "el_status") == "EL"));
  }
  CHECK(found == held.size());
}

TEST_CASE("demo-data options out of range are refused with a reason", "[service]") {
  DemoDataOptions o;
  o.students = 100;
  o.school_year = "2025-2026";
  CHECK(agmon::service::validate_demo_options(o).ok());
  o.school_year = "2025-2027";
  CHECK_FALSE(agmon::service::validate_demo_options(o).ok());
  o.school_year = "2025";
  CHECK_FALSE(agmon::service::validate_demo_options(o).ok());
  o.school_year = "2025-2026";
  o.students = 0;
  CHECK_FALSE(agmon::service::validate_demo_options(o).ok());
  o.students = 5;
  o.schools = 6;
  CHECK(agmon::service::validate_demo_options(o).error().message ==
        "--schools cannot exceed --students");
  // 1 -> 1 school; 2,999 -> round(1.4995) = 1; 3,000 -> 2; 100,000 -> 50.
  CHECK(agmon::service::default_demo_schools(1) == 1);
  CHECK(agmon::service::default_demo_schools(2999) == 1);
  CHECK(agmon::service::default_demo_schools(3000) == 2);
  CHECK(agmon::service::default_demo_schools(100000) == 50);
}

TEST_CASE("agmon demo-data writes three CSVs and a non-CSV truth file", "[service]") {
  agmon::test::TempDir dir;
  const auto r = agmon::test::run_agmon("demo-data --students 300 --seed 3 --year 2024-2025 "
                                        "--schools 2 --out " + dir.file("d"));
  REQUIRE(r.exit_code == 0);
  const District same = [] {
    DemoDataOptions o;
    o.students = 300;
    o.seed = 3;
    o.school_year = "2024-2025";
    o.schools = 2;
    std::ostringstream s, c, m;
    auto res = agmon::service::generate_demo_data(o, s, c, m);
    REQUIRE(res.ok());
    return District{s.str(), c.str(), m.str(), *res};
  }();
  CHECK(agmon::test::read_file(dir.file("d/students.csv")) == same.students);
  CHECK(agmon::test::read_file(dir.file("d/courses.csv")) == same.courses);
  CHECK(agmon::test::read_file(dir.file("d/course_marks.csv")) == same.marks);
  const std::string truth = agmon::test::read_file(dir.file("d/demo_truth.json"));
  CHECK(truth.find("\"held_back_from_ap\": [") != std::string::npos);
  CHECK(truth.find("\"seed\": 3,") != std::string::npos);
  CHECK(agmon::test::read_file(dir.file("d/students.csv.tmp")).empty());
}

TEST_CASE("agmon demo-data with bad usage exits 64 with a one-line reason", "[service]") {
  agmon::test::TempDir dir;
  const std::vector<std::string> cases = {"demo-data --out " + dir.path(),
                                 "demo-data --students ten --out " + dir.path(),
                                 "demo-data --students 10 --year 2025/26 --out " + dir.path(),
                                 "demo-data --students 10", "demo-data --students 10 --bogus 1"};
  for (const std::string& args : cases) {
    const auto r = agmon::test::run_agmon(args);
    CHECK(r.exit_code == 64);
    CHECK(r.err.rfind("agmon: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}
