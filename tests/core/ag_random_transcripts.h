// A seeded generator of synthetic transcripts (~40 records) for the evaluator's property
// tests and its throughput measurement: realistic course mixes, every term system, repeats,
// honors, college courses, P/NP, withdrawals and in-progress work. Synthetic data only.
#pragma once

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "agmon/core/model.h"

namespace agmon::test {

struct CourseTemplate {
  const char* id;
  char area;
  int math_level;
  const char* lang;
  int lote_level;
  const char* hss;
  const char* sci;
  const char* vpa;
  core::Rigor rigor;
};

inline const std::vector<CourseTemplate>& course_templates() {
  using core::Rigor;
  static const std::vector<CourseTemplate> t = {
      {"ENG9", 'b', 0, "", 0, "", "", "", Rigor::none},
      {"ENG10", 'b', 0, "", 0, "", "", "", Rigor::none},
      {"ENG10H", 'b', 0, "", 0, "", "", "", Rigor::uc_honors},
      {"ENG11", 'b', 0, "", 0, "", "", "", Rigor::none},
      {"APLANG", 'b', 0, "", 0, "", "", "", Rigor::ap},
      {"ENG12", 'b', 0, "", 0, "", "", "", Rigor::none},
      {"ELD2", 'b', 0, "", 0, "", "", "", Rigor::none},
      {"ALG1", 'c', 1, "", 0, "", "", "", Rigor::none},
      {"GEO", 'c', 2, "", 0, "", "", "", Rigor::none},
      {"ALG2", 'c', 3, "", 0, "", "", "", Rigor::none},
      {"PREC", 'c', 4, "", 0, "", "", "", Rigor::none},
      {"STATS", 'c', 4, "", 0, "", "", "", Rigor::none},
      {"APCALC", 'c', 4, "", 0, "", "", "", Rigor::ap},
      {"MATHX", 'c', 0, "", 0, "", "", "", Rigor::none},
      {"BIO", 'd', 0, "", 0, "", "biology", "", Rigor::none},
      {"CHEM", 'd', 0, "", 0, "", "chemistry", "", Rigor::none},
      {"CHEMH", 'd', 0, "", 0, "", "chemistry", "", Rigor::uc_honors},
      {"PHYS", 'd', 0, "", 0, "", "physics", "", Rigor::none},
      {"ESS", 'd', 0, "", 0, "", "earth_space", "", Rigor::none},
      {"ISCI", 'd', 0, "", 0, "", "interdisciplinary", "", Rigor::none},
      {"SCIX", 'd', 0, "", 0, "", "", "", Rigor::none},
      {"SPN1", 'e', 0, "spanish", 1, "", "", "", Rigor::none},
      {"SPN2", 'e', 0, "spanish", 2, "", "", "", Rigor::none},
      {"SPN3", 'e', 0, "spanish", 3, "", "", "", Rigor::none},
      {"APSPN", 'e', 0, "spanish", 5, "", "", "", Rigor::ap},
      {"FRN1", 'e', 0, "french", 1, "", "", "", Rigor::none},
      {"FRN2", 'e', 0, "french", 2, "", "", "", Rigor::none},
      {"ART1", 'f', 0, "", 0, "", "", "visual_arts", Rigor::none},
      {"CHOIR", 'f', 0, "", 0, "", "", "music", Rigor::none},
      {"DRAMA", 'f', 0, "", 0, "", "", "theater", Rigor::none},
      {"WHIST", 'a', 0, "", 0, "world_history", "", "", Rigor::none},
      {"APWH", 'a', 0, "", 0, "world_history", "", "", Rigor::ap},
      {"USH", 'a', 0, "", 0, "us_history", "", "", Rigor::none},
      {"APUSH", 'a', 0, "", 0, "us_history", "", "", Rigor::ap},
      {"GOV", 'a', 0, "", 0, "civics", "", "", Rigor::none},
      {"ECON", 'g', 0, "", 0, "social_science", "", "", Rigor::none},
      {"PSY", 'g', 0, "", 0, "social_science", "", "", Rigor::none},
      {"PHYSCI", 'g', 0, "", 0, "", "physical_science", "", Rigor::none},
      {"CS1", 'g', 0, "", 0, "", "", "", Rigor::none},
      {"PSY101", 'g', 0, "", 0, "social_science", "", "", Rigor::college_credit},
      {"MATH110", 'c', 4, "", 0, "", "", "", Rigor::college_credit},
      {"PE", '-', 0, "", 0, "", "", "", Rigor::none},
      {"HEALTH", '-', 0, "", 0, "", "", "", Rigor::none},
  };
  return t;
}

class TranscriptGenerator {
 public:
  explicit TranscriptGenerator(unsigned seed) : rng_(seed) {}

  // A student in grade 9..12 of `as_of_start` and their records (about 40 for a senior).
  std::vector<core::CourseRecord> next(int* grade_now, int as_of_start = 2024) {
    *grade_now = 9 + pick(4);
    std::vector<core::CourseRecord> out;
    const auto& templates = course_templates();
    for (int grade = 8; grade <= *grade_now; ++grade) {
      int year = as_of_start - (*grade_now - grade);
      int courses = grade == 8 ? pick(2) : 5 + pick(2);
      std::vector<int> used;  // one record per (course, term) and year, like the store's key
      for (int k = 0; k < courses; ++k) {
        int idx = pick(static_cast<int>(templates.size()));
        if (std::find(used.begin(), used.end(), idx) != used.end()) continue;
        used.push_back(idx);
        add_course(out, templates[idx], grade, year, grade == *grade_now);
      }
    }
    return out;
  }

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  std::mt19937& rng() { return rng_; }

  std::string mark() {
    static const char* marks[] = {"A", "A", "A-", "B+", "B", "B", "B-", "C+", "C", "C",
                                  "C-", "D", "D+", "F", "A", "B", "P", "NP", "W", "I"};
    return marks[pick(20)];
  }

 private:
  void add_course(std::vector<core::CourseRecord>& out, const CourseTemplate& c, int grade,
                  int year, bool current) {
    core::CourseRecord r;
    r.course_id = c.id;
    r.school_code = pick(20) == 0 ? "102" : "101";
    r.title = c.id;
    if (c.area != '-') r.ag_area = core::parse_area(std::string(1, c.area));
    r.honors = c.rigor;
    r.math_level = c.math_level;
    r.lote_language = c.lang;
    r.lote_level = c.lote_level;
    r.hss_type = c.hss;
    r.science_discipline = c.sci;
    r.vpa_discipline = c.vpa;
    r.grade_level = grade;
    r.school_year = std::to_string(year) + "-" + std::to_string(year + 1);
    static const std::vector<std::vector<const char*>> systems = {
        {"S1", "S2"}, {"S1", "S2"}, {"S1", "S2"}, {"S1", "S2"}, {"S1"}, {"FY"},
        {"T1", "T2", "T3"}, {"Q1", "Q2", "Q3", "Q4"}, {"SS"}};
    const auto& terms = systems[pick(static_cast<int>(systems.size()))];
    for (const char* term : terms) {
      core::CourseRecord x = r;
      x.term = term;
      if (current && pick(3) != 0) {
        x.mark = "";
        x.status = "in_progress";
      } else {
        x.mark = mark();
        x.status = x.mark == "W" ? "withdrawn" : "completed";
      }
      // Now and then an explicit repeat in the summer.
      if (x.term == "S1" && terms.size() == 2 && (x.mark == "F" || x.mark == "D") && pick(2) == 0) {
        core::CourseRecord rep = x;
        rep.term = "SS";
        rep.repeat_of_term = "S1";
        rep.mark = mark();
        out.push_back(rep);
      }
      out.push_back(x);
    }
  }

  std::mt19937 rng_;
};

}  // namespace agmon::test
