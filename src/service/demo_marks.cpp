// Demo marks: a semester letter from the student's ability, the course and noise; and the
// course_marks.csv rows of one student.
#include "service/demo_data_internal.h"

namespace agmon::service::demo {
namespace {

// Score bands, tuned so that about 8% of semester marks are D or F across the district
// (measured by the tests). Within a band the bottom 30% gets "-", the top 30% "+".
struct Band {
  double low;  // inclusive
  const char* minus;
  const char* plain;
  const char* plus;
};
constexpr double kNoiseSd = 0.7;
constexpr Band kBands[] = {
    {2.10, "A+", "A+", "A+"},
    {0.40, "A-", "A", "A"},  // A+ has its own band above
    {-0.80, "B-", "B", "B+"},
    {-2.05, "C-", "C", "C+"},
    {-2.70, "D-", "D", "D+"},
};
constexpr double kBandTop[] = {1e9, 2.10, 0.40, -0.80, -2.05};

}  // namespace

const char* draw_mark(Rng& rng, double ability, double course_effect, Cid cid, double bonus) {
  const double s = ability + course_effect + kNoiseSd * rng.normal() -
                   course(cid).difficulty + bonus;
  for (std::size_t i = 0; i < sizeof kBands / sizeof kBands[0]; ++i) {
    const Band& b = kBands[i];
    if (s < b.low) continue;
    if (i == 0) return b.plain;
    const double pos = (s - b.low) / (kBandTop[i] - b.low);
    return pos < 0.3 ? b.minus : pos >= 0.7 ? b.plus : b.plain;
  }
  return "F";
}

bool is_deficient(const char* mark) { return mark[0] == 'D' || mark[0] == 'F'; }

int grade_points(const char* mark) {
  switch (mark[0]) {
    case 'A': return 4;
    case 'B': return 3;
    case 'C': return 2;
    case 'D': return 1;
    default: return 0;
  }
}

void write_mark_header(CsvOut& out) {
  out.str("student_id,school_code,academic_year,term_code,local_course_id,grade_level_taken,"
          "mark,credits_attempted,credits_earned");
  out.end_row();
}

std::size_t write_mark_rows(const std::string& student, const std::string& school_code,
                            const std::vector<std::string>& years_back, const Transcript& t,
                            CsvOut& out) {
  static constexpr const char* kTerms[] = {"S1", "S2", "SS"};
  for (const MarkRow& r : t.rows) {
    out.str(student).ch(',').str(school_code).ch(',');
    out.str(years_back[static_cast<std::size_t>(r.year_back)]).ch(',');
    out.str(kTerms[static_cast<int>(r.term)]).ch(',').str(course(r.cid).id).ch(',');
    out.num(r.grade).ch(',').str(r.mark).str(",5.00,");
    // A D earns high-school credit (not A-G credit); an F earns none; in progress: blank.
    if (r.mark[0] != 0) out.str(r.mark[0] == 'F' ? "0.00" : "5.00");
    out.end_row();
  }
  return t.rows.size();
}

}  // namespace agmon::service::demo
