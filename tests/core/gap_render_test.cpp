// Tests for the gap table renderings: the JSON shape of equity.md §3, CSV and text, and that
// none of them leaks a suppressed n, count or rate.
#include <catch2/catch.hpp>

#include <sstream>

#include "agmon/core/equity.h"
#include "equity_fixtures.h"

using namespace agmon::core;
using agmon::test::spec_example;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string line_starting(const std::string& text, const std::string& start) {
  for (const auto& l : lines(text)) {
    if (l.rfind(start, 0) == 0) return l;
  }
  return "";
}

bool has_digit(const std::string& s) { return s.find_first_of("0123456789") != std::string::npos; }

// Digits in JSON values only: the key "ppg1" is the one key holding a digit.
bool json_has_digit(std::string s) {
  for (size_t at; (at = s.find("\"ppg1\"")) != std::string::npos;) s.erase(at, 6);
  return has_digit(s);
}

// A table whose hidden figures are distinctive: pacific_islander 7/3 (rate 0.4286) is primary;
// filipino 13/5 (0.3846) is complementary; shown: hispanic 180/40, white 250/90.
GapTable leak_fixture() {
  auto r = compute_gap_table({Metric::ap, System::uc}, Grouping::race_ethnicity, "2025-2026", std::string("0042"),
                             {{"hispanic", 180, 40}, {"white", 250, 90}, {"pacific_islander", 7, 3},
                              {"filipino", 13, 5}},
                             GapOptions{});
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("JSON has the exact shape and figures of the spec's example", "[core]") {
  std::string json = render_gap_json(spec_example());
  CHECK(json.rfind("{\"metric\": \"ap\", \"by\": \"race_ethnicity\", \"school\": null, \"year\": \"2025-2026\", "
                   "\"min_n\": 11, \"definition\": {\"population\": \"students in grades 9-12 enrolled in "
                   "2025-2026\", \"measure\": \"enrolled in at least one AP course in 2025-2026\", \"as_of\": null}, "
                   "\"all\": {\"n\": 21870, \"count\": 5103, \"rate\": 0.2333, \"suppressed\": false}, \"groups\": [",
                   0) == 0);
  CHECK(json.find("{\"group\": \"hispanic\", \"n\": 13144, \"count\": 2310, \"rate\": 0.1757, \"gap_pp\": -5.76, "
                  "\"ppg1\": -14.43, \"representation_index\": 0.753, \"risk_ratio\": 0.549, "
                  "\"impact_ratio\": 0.412, \"missing\": 1898, \"disproportionate\": true, "
                  "\"suppressed\": false}") != std::string::npos);
  CHECK(json.find("{\"group\": \"pacific_islander\", \"suppressed\": true, \"n\": null, \"count\": null, "
                  "\"rate\": null, \"gap_pp\": null, \"ppg1\": null, \"representation_index\": null, "
                  "\"risk_ratio\": null, \"impact_ratio\": null, \"missing\": null, "
                  "\"disproportionate\": null}") != std::string::npos);
  CHECK(json.substr(json.size() - 2) == "]}");
}

TEST_CASE("JSON names the system of ag metrics, the school, and escapes strings", "[core]") {
  auto r = compute_gap_table({Metric::ag, System::csu}, Grouping::school, "2024-2025", std::string("A\"1"),
                             {{"A\"1", 30, 12}}, GapOptions{});
  REQUIRE(r.ok());
  GapTable t = r.value();
  t.as_of = "2025-06-30";
  std::string json = render_gap_json(t);
  CHECK(json.rfind("{\"metric\": \"ag\", \"system\": \"csu\", \"by\": \"school\", \"school\": \"A\\\"1\"", 0) == 0);
  CHECK(json.find("\"as_of\": \"2025-06-30\"") != std::string::npos);
  // 12/30 = 0.4 prints as 0.4, not 0.4000; the lone group has no comparisons.
  CHECK(json.find("\"rate\": 0.4, \"gap_pp\": null") != std::string::npos);
}

TEST_CASE("A top-coded rate is a bound string in JSON and CSV", "[core]") {
  GapOptions o;
  o.top_code = true;
  auto r = compute_gap_table({Metric::ap, System::uc}, Grouping::el, "2025-2026", std::nullopt,
                             {{"el", 15, 0}, {"not_el", 40, 10}}, o);
  REQUIRE(r.ok());
  CHECK(render_gap_json(r.value()).find("{\"group\": \"el\", \"n\": 15, \"count\": null, \"rate\": \"<5%\"") !=
        std::string::npos);
  CHECK(line_starting(render_gap_csv(r.value()), "ap,el,,2025-2026,el,") ==
        "ap,el,,2025-2026,el,15,,<5%,,,,,,,,false");
}

TEST_CASE("CSV has one row per group, all first, empty suppressed cells", "[core]") {
  std::string csv = render_gap_csv(spec_example());
  auto rows = lines(csv);
  REQUIRE(rows.size() == 1 + 1 + 6);  // header, all, six groups
  CHECK(rows[0] == "metric,by,school,year,group,n,count,rate,gap_pp,ppg1,representation_index,risk_ratio,"
                   "impact_ratio,missing,disproportionate,suppressed");
  CHECK(rows[1] == "ap,race_ethnicity,,2025-2026,all,21870,5103,0.2333,,,,,,,,false");
  CHECK(rows[2] == "ap,race_ethnicity,,2025-2026,hispanic,13144,2310,0.1757,-5.76,-14.43,0.753,0.549,0.412,1898,"
                   "true,false");
  CHECK(line_starting(csv, "ap,race_ethnicity,,2025-2026,pacific_islander,") ==
        "ap,race_ethnicity,,2025-2026,pacific_islander,,,,,,,,,,,true");
  CHECK(render_gap_csv(spec_example(), false).rfind("ap,race_ethnicity,,2025-2026,all,", 0) == 0);
}

TEST_CASE("The text table puts all first, stars suppressed cells and explains them", "[core]") {
  std::string text = render_gap_text(spec_example());
  auto rows = lines(text);
  CHECK(rows[0] == "Metric ap by race_ethnicity, all schools, 2025-2026");
  CHECK(rows[1] == "Population: students in grades 9-12 enrolled in 2025-2026");
  std::string header = line_starting(text, "group");
  REQUIRE_FALSE(header.empty());
  // The first row after the header is `all`.
  size_t h = 0;
  while (rows[h] != header) ++h;
  CHECK(rows[h + 1].rfind("all ", 0) == 0);
  std::string pi = line_starting(text, "pacific_islander");
  CHECK(pi.find('*') != std::string::npos);
  CHECK_FALSE(has_digit(pi));
  // Columns line up: every table row is as wide as the header.
  CHECK(rows[h + 1].size() == header.size());
  CHECK(pi.size() == header.size());
  CHECK(text.find("* suppressed to protect student privacy: groups under 11 students") != std::string::npos);
}

TEST_CASE("No rendering leaks a suppressed n, count or rate", "[core]") {
  GapTable t = leak_fixture();
  REQUIRE(t.groups.size() == 4);
  // Hidden: pacific_islander 7/3 = 0.428571, filipino 13/5 = 0.384615; they add up to 20.
  const std::vector<std::string> hidden_figures = {"0.4286", "42.86", "0.3846", "38.46", "0.4285", "0.3845"};
  std::string json = render_gap_json(t), csv = render_gap_csv(t), text = render_gap_text(t);
  for (const std::string& out : {json, csv, text}) {
    for (const auto& fig : hidden_figures) CHECK(out.find(fig) == std::string::npos);
  }
  for (const char* group : {"pacific_islander", "filipino"}) {
    // JSON: the group's object holds no digit at all.
    size_t at = json.find(std::string("{\"group\": \"") + group);
    REQUIRE(at != std::string::npos);
    CHECK_FALSE(json_has_digit(json.substr(at, json.find('}', at) - at)));
    // CSV: only the key columns (school 0042, year) carry digits.
    CHECK(line_starting(csv, std::string("ap,race_ethnicity,0042,2025-2026,") + group) ==
          std::string("ap,race_ethnicity,0042,2025-2026,") + group + ",,,,,,,,,,,true");
    // Text: a row of stars.
    std::string row = line_starting(text, group);
    CHECK_FALSE(has_digit(row));
  }
  // And n 7 / 13 appear nowhere as a value: JSON has no `"n": 7` or `"n": 13`.
  CHECK(json.find("\"n\": 7,") == std::string::npos);
  CHECK(json.find("\"n\": 13,") == std::string::npos);
  CHECK(json.find("\"count\": 3,") == std::string::npos);
  CHECK(json.find("\"count\": 5,") == std::string::npos);
}

TEST_CASE("A population under min_n renders with nothing but nulls and stars", "[core]") {
  auto r = compute_gap_table({Metric::ap, System::uc}, Grouping::el, "2025-2026", std::nullopt,
                             {{"el", 3, 1}, {"not_el", 5, 2}}, GapOptions{});
  REQUIRE(r.ok());
  std::string json = render_gap_json(r.value());
  CHECK(json.find("\"all\": {\"n\": null, \"count\": null, \"rate\": null, \"suppressed\": true}") !=
        std::string::npos);
  size_t groups_at = json.find("\"groups\"");
  CHECK_FALSE(json_has_digit(json.substr(groups_at)));
  CHECK(line_starting(render_gap_csv(r.value()), "ap,el,,2025-2026,all,") == "ap,el,,2025-2026,all,,,,,,,,,,,true");
  CHECK_FALSE(has_digit(line_starting(render_gap_text(r.value()), "all ")));
}
