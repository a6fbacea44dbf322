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

  // A student in grade 9..12 of `as_of_start` with a plausible four-year plan (English, a
  // math sequence, science, a language, history, arts, electives) and random detours: skipped
  // or failed courses, summer repeats, honors, college courses, other term systems, P/NP, W.
  // A senior has about 40 records.
  std::vector<core::CourseRecord> next(int* grade_now, int as_of_start = 2024, int min_grade = 9) {
    *grade_now = min_grade + pick(13 - min_grade);
    ability_ = pick(4);  // 0 strongest .. 3 weakest
    int sys = pick(20);
    terms_ = sys < 16 ? Terms::semester : sys < 18 ? Terms::trimester : sys < 19 ? Terms::quarter : Terms::full_year;
    std::vector<core::CourseRecord> out;
    const auto& t = course_templates();
    auto find = [&](const char* id) -> const CourseTemplate& {
      for (const auto& c : t) {
        if (std::string(c.id) == id) return c;
      }
      return t.front();
    };
    int math = pick(4) == 0 ? 2 : 1;  // a quarter took Algebra 1 in 8th grade
    if (math == 2) add_course(out, find("ALG1"), 8, as_of_start - (*grade_now - 8), false);
    int lang = 1;
    const char* math_ids[] = {"", "ALG1", "GEO", "ALG2", "PREC", "APCALC"};
    for (int grade = 9; grade <= *grade_now; ++grade) {
      int year = as_of_start - (*grade_now - grade);
      bool now = grade == *grade_now;
      auto take = [&](const char* id, int percent = 100) {
        if (pick(100) < percent) add_course(out, find(id), grade, year, now);
      };
      const char* english[] = {"ENG9", pick(3) ? "ENG10" : "ENG10H", pick(3) ? "ENG11" : "APLANG", "ENG12"};
      take(english[grade - 9], 97);
      if (math <= 5 && pick(10) < 9) take(grade == 12 && math == 4 && pick(2) ? "STATS" : math_ids[math]);
      ++math;
      const char* science[] = {"BIO", pick(4) ? "CHEM" : "CHEMH", pick(2) ? "PHYS" : "ESS", "ISCI"};
      take(science[grade - 9], grade <= 10 ? 95 : 50);
      const char* spanish[] = {"", "SPN1", "SPN2", "SPN3", "APSPN"};
      if (lang <= 4 && pick(10) < (lang <= 2 ? 8 : 4)) take(spanish[lang++]);
      if (grade == 10) take(pick(4) ? "WHIST" : "APWH", 95);
      if (grade == 11) take(pick(4) ? "USH" : "APUSH", 95);
      if (grade == 12) {
        take("GOV", 90);
        take("ECON", 90);
      }
      if (grade == 9) take(pick(3) ? "ART1" : "CHOIR", 80);
      if (grade == 9) take("PE");
      if (grade >= 10) take(pick(3) ? "PSY" : "CS1", 40);
      if (grade >= 11) take(pick(2) ? "PSY101" : "MATH110", 10);
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
  enum class Terms { semester, trimester, quarter, full_year };

  // Marks lean on the student's ability; a few odd marks for every student.
  std::string graded_mark() {
    int roll = pick(100);
    if (roll < 2) return mark();
    static const char* by_ability[4][10] = {
        {"A", "A", "A", "A-", "A", "B+", "A", "B", "A", "A"},
        {"A", "B+", "B", "B", "A-", "B", "C+", "B", "A", "B-"},
        {"B", "C", "C+", "B-", "C", "C", "D", "B", "C-", "C"},
        {"C", "D", "F", "C-", "D", "C", "B", "F", "C", "D+"}};
    return by_ability[ability_][pick(10)];
  }

  void add_course(std::vector<core::CourseRecord>& out, const CourseTemplate& c, int grade,
                  int year, bool current) {
    core::CourseRecord r;
    r.course_id = c.id;
    r.school_code = "101";
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
    std::vector<const char*> terms;
    bool semester_course = r.course_id == "GOV" || r.course_id == "ECON" || core::is_college_course(c.rigor);
    if (semester_course) terms = {r.course_id == "ECON" ? "S2" : "S1"};
    else if (terms_ == Terms::trimester) terms = {"T1", "T2", "T3"};
    else if (terms_ == Terms::quarter) terms = {"Q1", "Q2", "Q3", "Q4"};
    else if (terms_ == Terms::full_year) terms = {"FY"};
    else terms = {"S1", "S2"};
    for (const char* term : terms) {
      core::CourseRecord x = r;
      x.term = term;
      if (current && pick(4) != 0) {
        x.mark = "";
        x.status = "in_progress";
      } else {
        x.mark = graded_mark();
        x.status = x.mark == "W" ? "withdrawn" : "completed";
      }
      // Half of the failed first semesters are repeated in the summer.
      if (x.term == std::string("S1") && !current && (x.mark == "F" || x.mark[0] == 'D') && pick(2) == 0) {
        core::CourseRecord rep = x;
        rep.term = "SS";
        rep.repeat_of_term = "S1";
        rep.mark = graded_mark();
        out.push_back(rep);
      }
      out.push_back(x);
    }
  }

  std::mt19937 rng_;
  int ability_ = 0;
  Terms terms_ = Terms::semester;
};

}  // namespace agmon::test
