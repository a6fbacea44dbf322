// `agmon gaps` and `agmon alerts` through the CLI dispatcher: no output path (table, JSON, CSV)
// shows a suppressed figure, bad usage exits 64 with a one-line reason, and ack / digest work.
#include <catch2/catch.hpp>

#include <sstream>

#include "agmon/cli/command.h"
#include "service/gap_fixtures.h"

using namespace agmon;

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run agmon_cli(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", db});
  std::ostringstream out, err;
  int code = cli::run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::string line_starting(const std::string& text, const std::string& prefix) {
  for (const auto& l : lines(text))
    if (l.rfind(prefix, 0) == 0) return l;
  return "";
}

// The JSON object of one group: from {"group": "<name>" to its closing brace.
std::string json_group(const std::string& json, const std::string& name) {
  auto at = json.find("{\"group\": \"" + name + "\"");
  if (at == std::string::npos) return "";
  return json.substr(at, json.find('}', at) - at + 1);
}

}  // namespace

TEST_CASE("agmon gaps shows hidden groups as stars, nulls and empty cells in every format") {
  test::GapDb g;
  test::import_ap_district(g);
  // asian: n 10, count 4, rate 0.4; filipino: n 10, count 3, rate 0.3 -- all hidden.
  auto text = agmon_cli(g.db, {"gaps"});
  REQUIRE(text.code == 0);
  INFO(text.out);
  auto rows = lines(text.out);
  auto all = std::find_if(rows.begin(), rows.end(), [](const std::string& l) { return l.rfind("all ", 0) == 0; });
  auto hisp = std::find_if(rows.begin(), rows.end(), [](const std::string& l) { return l.rfind("hispanic ", 0) == 0; });
  REQUIRE(all != rows.end());
  CHECK(all < hisp);  // the all row comes first
  for (const char* hidden : {"asian", "filipino"}) {
    std::string l = line_starting(text.out, hidden);
    REQUIRE_FALSE(l.empty());
    // Nothing but the name and stars.
    CHECK(l.find_first_not_of("* ", std::string(hidden).size()) == std::string::npos);
  }

  auto json = agmon_cli(g.db, {"gaps", "--json"});
  REQUIRE(json.code == 0);
  CHECK(json.out.rfind("{\"metric\": \"ap\", \"by\": \"race_ethnicity\"", 0) == 0);
  for (const char* hidden : {"asian", "filipino"}) {
    std::string obj = json_group(json.out, hidden);
    INFO(obj);
    REQUIRE_FALSE(obj.empty());
    CHECK(obj.find("\"suppressed\": true") != std::string::npos);
    for (const char* figure : {": 0", ": 1", ": 2", ": 3", ": 4", ": 5", ": 6", ": 7", ": 8", ": 9", ": -", ": \"<"})
      CHECK(obj.find(figure) == std::string::npos);  // no value is a number (or a bound)
  }
  CHECK(json_group(json.out, "white").find("\"n\": 11") != std::string::npos);

  auto csv = agmon_cli(g.db, {"gaps", "--csv"});
  REQUIRE(csv.code == 0);
  CHECK(line_starting(csv.out, "ap,race_ethnicity,,2025-2026,asian,") ==
        "ap,race_ethnicity,,2025-2026,asian,,,,,,,,,,,true");
  CHECK(line_starting(csv.out, "ap,race_ethnicity,,2025-2026,filipino,") ==
        "ap,race_ethnicity,,2025-2026,filipino,,,,,,,,,,,true");
  CHECK(line_starting(csv.out, "ap,race_ethnicity,,2025-2026,all,") ==
        "ap,race_ethnicity,,2025-2026,all,61,18,0.2951,,,,,,,,false");
}

TEST_CASE("agmon gaps --years prints one table per year in each format") {
  test::GapDb g;
  test::import_ap_district(g);
  auto json = agmon_cli(g.db, {"gaps", "--years", "2024-2025..2025-2026", "--json"});
  REQUIRE(json.code == 0);
  CHECK(json.out.front() == '[');
  CHECK(json.out.find("\"year\": \"2024-2025\"") < json.out.find("\"year\": \"2025-2026\""));
  auto csv = agmon_cli(g.db, {"gaps", "--years=2024-2025..2025-2026", "--csv", "--by", "el"});
  REQUIRE(csv.code == 0);
  auto rows = lines(csv.out);
  CHECK(std::count_if(rows.begin(), rows.end(), [](const std::string& l) { return l.rfind("metric,", 0) == 0; }) == 1);
  CHECK(rows.size() == 1 + 2 * 3);  // header, then all + el + not_el for each year
  auto text = agmon_cli(g.db, {"gaps", "--metric", "ag", "--by", "el", "--system", "csu", "--min-n", "5"});
  CHECK(text.code == 0);
}

TEST_CASE("agmon gaps and agmon alerts refuse bad usage with exit 64 and one line") {
  test::GapDb g;
  test::import_ap_district(g);
  std::vector<std::vector<std::string>> bad = {
      {"gaps", "--metric", "sat"},       {"gaps", "--by", "height"},
      {"gaps", "--year", "2025"},        {"gaps", "--years", "2025-2026"},
      {"gaps", "--min-n", "x"},          {"gaps", "--min-n", "0"},
      {"gaps", "--system", "ivy"},       {"gaps", "--json", "--csv"},
      {"gaps", "extra"},                 {"gaps", "--year", "2025-2026", "--years", "2024-2025..2025-2026"},
      {"gaps", "--colour"},              {"alerts", "--status", "closed"},
      {"alerts", "--kind", "NOPE"},      {"alerts", "ack"},
      {"alerts", "ack", "abc"},          {"alerts", "digest"},
      {"alerts", "digest", "--counselor", "C1", "--since", "yesterday"},
      {"alerts", "mute"},                {"alerts", "--json", "--csv"}};
  for (const auto& args : bad) {
    auto r = agmon_cli(g.db, args);
    INFO(args[0] << " " << (args.size() > 1 ? args[1] : "") << " -> " << r.err);
    CHECK(r.code == 64);
    CHECK(lines(r.err).size() == 1);
    CHECK(r.err.rfind("agmon: ", 0) == 0);
  }
  // Not usage errors: a year without data, a school nobody attends, an unknown alert.
  CHECK(agmon_cli(g.db, {"gaps", "--year", "2019-2020"}).code == 1);
  CHECK(agmon_cli(g.db, {"gaps", "--school", "999"}).code == 1);
  CHECK(agmon_cli(g.db, {"alerts", "ack", "999999"}).code == 1);
}

TEST_CASE("agmon alerts lists, acknowledges and digests a caseload") {
  test::GapDb g;
  test::import_ap_district(g);
  auto list = agmon_cli(g.db, {"alerts", "--counselor", "C1", "--kind", "AP_READY_NOT_ENROLLED", "--json"});
  REQUIRE(list.code == 0);
  // Strong students (GPA 4.00) not in AP now: 8 + 3 + 2 + 3 = 16.
  auto count = [](const std::string& s, const std::string& what) {
    size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count(list.out, "\"kind\":\"AP_READY_NOT_ENROLLED\"") == 16);
  auto id_at = list.out.find("\"id\":") + 5;
  std::string id = list.out.substr(id_at, list.out.find(',', id_at) - id_at);

  auto ack = agmon_cli(g.db, {"alerts", "ack", id, "--note", "scheduling meeting", "--by", "ms.rivera"});
  INFO(ack.err);
  REQUIRE(ack.code == 0);
  CHECK(ack.out == "alert " + id + " (AP_READY_NOT_ENROLLED) acknowledged by ms.rivera\n");
  auto acked = agmon_cli(g.db, {"alerts", "--status", "acknowledged", "--csv"});
  REQUIRE(acked.code == 0);
  CHECK(lines(acked.out).size() == 2);
  CHECK(acked.out.find(",ms.rivera,") != std::string::npos);
  CHECK(acked.out.find(",scheduling meeting,") != std::string::npos);

  auto text = agmon_cli(g.db, {"alerts", "--counselor", "C1"});
  REQUIRE(text.code == 0);
  CHECK(text.out.rfind("Counselor C1 (", 0) == 0);
  auto digest = agmon_cli(g.db, {"alerts", "digest", "--counselor", "C1", "--since", "2000-01-01"});
  REQUIRE(digest.code == 0);
  CHECK(digest.out.find("A-G alerts for counselor C1, 2000-01-01 to ") == 0);
  CHECK(digest.out.find("AP_READY_NOT_ENROLLED") != std::string::npos);
}
