// Compact transcript builders for the A-G evaluator tests: a course in one line, a baseline
// student who completes the whole pattern, and short accessors for the report.
#pragma once

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "agmon/core/ag_evaluator.h"
#include "agmon/core/model.h"
#include "agmon/core/report.h"
#include "agmon/core/rule_set.h"

namespace agmon::test {

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

inline std::string school_year(int start) {
  return std::to_string(start) + "-" + std::to_string(start + 1);
}

// A student's transcript. 9th grade is `first_year` (default 2021-2022), so 12th grade is
// 2024-2025, the default as-of year.
class Transcript {
 public:
  int first_year = 2021;
  int grade_now = 12;
  std::string as_of;  // blank: the year of grade_now
  std::vector<core::CourseRecord> records;

  std::string year_of(int grade) const { return school_year(first_year + grade - 9); }
  std::string as_of_year() const { return as_of.empty() ? year_of(grade_now) : as_of; }

  // Adds one record per mark. `marks` "A,B" -> S1 A, S2 B (one mark -> S1 only).
  // attrs (space separated): math=N lang=NAME:N hss=TYPE sci=DISC vpa=DISC honors=ap|ib|uc|college
  // terms=T1,T2,T3 year=YYYY-YYYY repeat=S1 title=TEXT_WITH_UNDERSCORES school=CODE source=TEXT
  // (a summer record: terms=SS; grade is the grade just completed).
  Transcript& add(const std::string& id, char area, int grade, const std::string& marks,
                  const std::string& attrs = "") {
    core::CourseRecord base;
    base.course_id = id;
    base.school_code = "101";
    base.title = id;
    if (area != '-') base.ag_area = core::parse_area(std::string(1, area));
    base.grade_level = grade;
    base.school_year = year_of(grade);
    std::vector<std::string> terms;
    for (const std::string& kv : split(attrs, ' ')) {
      auto eq = kv.find('=');
      std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
      if (k == "math") base.math_level = std::stoi(v);
      else if (k == "lang") {
        auto parts = split(v, ':');
        base.lote_language = parts[0];
        base.lote_level = std::stoi(parts[1]);
      } else if (k == "hss") base.hss_type = v;
      else if (k == "sci") base.science_discipline = v;
      else if (k == "vpa") base.vpa_discipline = v;
      else if (k == "honors") {
        base.honors = v == "ap" ? core::Rigor::ap
                    : v == "ib" ? core::Rigor::ib
                    : v == "uc" ? core::Rigor::uc_honors
                    : v == "local" ? core::Rigor::local_honors
                                   : core::Rigor::college_credit;
      } else if (k == "terms") terms = split(v, ',');
      else if (k == "year") base.school_year = v;
      else if (k == "repeat") base.repeat_of_term = v;
      else if (k == "title") {
        base.title = v;  // underscores stand for spaces
        for (char& ch : base.title) ch = ch == '_' ? ' ' : ch;
      }
      else if (k == "school") base.school_code = v;
      else if (k == "source") base.source = v;
    }
    std::vector<std::string> ms = split(marks, ',');
    if (terms.empty()) terms = ms.size() == 1 ? std::vector<std::string>{"S1"} : std::vector<std::string>{"S1", "S2"};
    for (std::size_t i = 0; i < ms.size(); ++i) {
      core::CourseRecord r = base;
      r.term = terms.at(i);
      r.mark = ms[i] == "IP" ? "" : ms[i];
      r.status = ms[i] == "IP" ? "in_progress" : (ms[i] == "W" ? "withdrawn" : "completed");
      records.push_back(r);
    }
    return *this;
  }

  // Removes every record of a course.
  Transcript& drop(const std::string& id) {
    std::vector<core::CourseRecord> kept;
    for (auto& r : records) {
      if (r.course_id != id) kept.push_back(r);
    }
    records = kept;
    return *this;
  }

  core::StudentReport eval(const core::RuleSet& rules = core::RuleSet::defaults()) const {
    core::Student s;
    s.student_id = "T1";
    s.school_code = "101";
    s.grade_level = (grade_now < 10 ? "0" : "") + std::to_string(grade_now);
    return core::evaluate(s, records, rules, as_of_year());
  }
};

// The ag-001 student: every area met, 28 semesters before 12th grade, UC GPA 65/18 = 3.61.
// 10th: ENG10 A,A 8 + GEO B,B 6 + CHEM B,A 7 + SPN2 A,A 8 + WHIST A,B 7 = 36 (10 grades)
// 11th: ENG11 A,A 8 + ALG2 B,B 6 + USH A,A 8 + SPN3 B,A 7 = 29 (8 grades)
inline Transcript baseline() {
  Transcript t;
  t.add("ENG9", 'b', 9, "A,B").add("ALG1", 'c', 9, "B,C", "math=1").add("BIO", 'd', 9, "A,A", "sci=biology");
  t.add("SPN1", 'e', 9, "A,A", "lang=spanish:1").add("ART1", 'f', 9, "A,A", "vpa=visual_arts");
  t.add("ENG10", 'b', 10, "A,A").add("GEO", 'c', 10, "B,B", "math=2").add("CHEM", 'd', 10, "B,A", "sci=chemistry");
  t.add("SPN2", 'e', 10, "A,A", "lang=spanish:2").add("WHIST", 'a', 10, "A,B", "hss=world_history");
  t.add("ENG11", 'b', 11, "A,A").add("ALG2", 'c', 11, "B,B", "math=3").add("USH", 'a', 11, "A,A", "hss=us_history");
  t.add("SPN3", 'e', 11, "B,A", "lang=spanish:3");
  t.add("ENG12", 'b', 12, "A,A").add("PREC", 'c', 12, "B,B", "math=4").add("GOV", 'a', 12, "A", "hss=civics");
  t.add("ECON", 'g', 12, "A", "hss=social_science terms=S2");
  return t;
}

inline double earned(const core::SystemResult& s, char area) {
  return s.area(static_cast<core::Area>(area - 'a')).earned;
}
inline double in_progress(const core::SystemResult& s, char area) {
  return s.area(static_cast<core::Area>(area - 'a')).in_progress;
}

// The outcome of the first record matching course and term (and year when given).
inline const core::CourseOutcome& outcome(const core::StudentReport& r, const std::string& id,
                                          const std::string& term, const std::string& year = "") {
  for (const auto& c : r.courses) {
    if (c.course_id == id && c.term == term && (year.empty() || c.school_year == year)) return c;
  }
  throw std::runtime_error("no course " + id + " " + term);
}

inline core::RuleSet rules_with(const std::map<std::string, std::string>& config) {
  core::RuleSet r = core::RuleSet::defaults();
  auto st = core::apply_rule_overrides(r, config);
  if (!st.ok()) throw std::runtime_error(st.error().message);
  return r;
}

}  // namespace agmon::test
