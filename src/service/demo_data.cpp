// `agmon demo-data`'s generator core: checks the options, lays out the schools and
// counselors, streams the three CSVs student by student, and records what was planted.
#include "agmon/service/demo_data.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <ostream>

#include "service/demo_data_internal.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

constexpr int kMaxStudents = 2'000'000;
constexpr int kMaxSchools = 999;
constexpr int kStudentsPerSchool = 2000;
constexpr int kStudentsPerCounselor = 400;
constexpr std::uint64_t kSchoolStream = 3;

std::optional<int> parse_year_start(const std::string& y) {
  if (y.size() != 9 || y[4] != '-') return std::nullopt;
  int a = 0, b = 0;
  for (int i = 0; i < 4; ++i) {
    if (y[i] < '0' || y[i] > '9' || y[5 + i] < '0' || y[5 + i] > '9') return std::nullopt;
    a = a * 10 + (y[i] - '0');
    b = b * 10 + (y[5 + i] - '0');
  }
  if (b != a + 1) return std::nullopt;
  return a;
}

// Held back, and visible as such to AP_READY_NOT_ENROLLED whichever UC GPA variant it uses:
// no AP, no D/F (so no repeats change the GPA), unweighted GPA >= 3.00 in the UC window.
bool detectable_holdback(const demo::Profile& p, const demo::Transcript& t) {
  if (!p.held_back || p.grade < 10) return false;
  int points = 0, grades = 0;
  for (const demo::MarkRow& r : t.rows) {
    if (demo::is_ap(r.cid)) return false;
    if (r.mark[0] == 0) continue;
    if (demo::is_deficient(r.mark)) return false;
    if (!demo::course(r.cid).area) continue;
    const bool window = r.term == demo::Term::kSS ? (r.grade >= 9 && r.grade <= 11)
                                                  : (r.grade == 10 || r.grade == 11);
    if (!window) continue;
    points += demo::grade_points(r.mark);
    ++grades;
  }
  return grades > 0 && points >= 3 * grades;
}

}  // namespace

int default_demo_schools(int students) {
  return std::max(1, (students + kStudentsPerSchool / 2) / kStudentsPerSchool);
}

core::Status validate_demo_options(const DemoDataOptions& o) {
  if (o.students < 1 || o.students > kMaxStudents) {
    return make_error(ErrorCode::kInvalidArgument,
                      "--students must be between 1 and " + std::to_string(kMaxStudents));
  }
  if (o.schools < 0 || o.schools > kMaxSchools) {
    return make_error(ErrorCode::kInvalidArgument,
                      "--schools must be between 1 and " + std::to_string(kMaxSchools));
  }
  if (o.schools > o.students) {
    return make_error(ErrorCode::kInvalidArgument, "--schools cannot exceed --students");
  }
  const auto start = parse_year_start(o.school_year);
  if (!start || *start < 1990 || *start > 2200) {
    return make_error(ErrorCode::kInvalidArgument,
                      "--year must look like 2025-2026 (consecutive years), got '" +
                          o.school_year + "'");
  }
  if (!(o.ap_holdback >= 0 && o.ap_holdback <= 1)) {
    return make_error(ErrorCode::kInvalidArgument, "AP hold-back rate must be in [0, 1]");
  }
  return core::Status::success();
}

core::Result<DemoDataSummary> generate_demo_data(const DemoDataOptions& options,
                                                 std::ostream& students, std::ostream& courses,
                                                 std::ostream& marks) {
  if (core::Status st = validate_demo_options(options); !st) return st.error();
  DemoDataSummary summary;
  summary.options = options;
  if (summary.options.schools == 0) summary.options.schools = default_demo_schools(options.students);
  const int n_schools = summary.options.schools;
  const int start_year = *parse_year_start(options.school_year);

  // Schools of unequal size: weights 0.75..1.25.
  std::vector<double> cumulative;
  demo::Rng school_rng(options.seed, kSchoolStream, 0);
  double total = 0;
  for (int k = 0; k < n_schools; ++k) {
    total += 0.75 + 0.5 * school_rng.uniform();
    cumulative.push_back(total);
    summary.school_codes.push_back(std::to_string(1010001 + k));
  }
  std::vector<std::string> years_back;
  for (int b = 0; b < 4; ++b) {
    years_back.push_back(std::to_string(start_year - b) + "-" + std::to_string(start_year - b + 1));
  }

  // Pass 1: school sizes, for the counselor count (a profile is cheap to draw again).
  std::vector<int> school_size(static_cast<std::size_t>(n_schools), 0);
  for (int i = 0; i < options.students; ++i) {
    ++school_size[static_cast<std::size_t>(
        demo::make_profile(options.seed, i, start_year, options.ap_holdback, cumulative).school)];
  }
  std::vector<std::vector<std::string>> counselors(static_cast<std::size_t>(n_schools));
  for (int k = 0; k < n_schools; ++k) {
    const int n = std::max(1, (school_size[static_cast<std::size_t>(k)] +
                               kStudentsPerCounselor / 2) / kStudentsPerCounselor);
    for (int j = 0; j < n; ++j) {
      char id[32];
      std::snprintf(id, sizeof id, "C%02d%02d", k + 1, j + 1);
      counselors[static_cast<std::size_t>(k)].push_back(id);
    }
  }

  demo::CsvOut course_out(courses);
  summary.course_rows = demo::write_catalog(summary.school_codes, course_out);
  course_out.flush();

  // Pass 2: each student's row and transcript.
  demo::CsvOut student_out(students);
  demo::CsvOut mark_out(marks);
  demo::write_student_header(student_out);
  demo::write_mark_header(mark_out);
  demo::Transcript transcript;
  for (int i = 0; i < options.students; ++i) {
    const demo::Profile p =
        demo::make_profile(options.seed, i, start_year, options.ap_holdback, cumulative);
    const auto school = static_cast<std::size_t>(p.school);
    const auto& caseloads = counselors[school];
    // Counselors split the alphabet of last names.
    const std::size_t c = static_cast<std::size_t>(p.last_name) * caseloads.size() /
                          static_cast<std::size_t>(demo::last_name_count());
    const std::string id = demo::student_id(i);
    demo::write_student_row(p, summary.school_codes[school], caseloads[c], options.school_year,
                            student_out);
    demo::plan_transcript(p, options.seed, options.current_s1_graded, transcript);
    summary.mark_rows += demo::write_mark_rows(id, summary.school_codes[school], years_back,
                                               transcript, mark_out);
    if (p.held_back) ++summary.held_back_planted;
    if (detectable_holdback(p, transcript)) summary.held_back_from_ap.push_back(id);
  }
  summary.student_rows = static_cast<std::size_t>(options.students);
  student_out.flush();
  mark_out.flush();
  if (!student_out.good() || !course_out.good() || !mark_out.good()) {
    return make_error(ErrorCode::kIoError, "could not write the demo data");
  }
  return summary;
}

std::string demo_truth_json(const DemoDataSummary& s) {
  const DemoDataOptions& o = s.options;
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.4g", o.ap_holdback);
  std::string j = "{\n  \"generator\": \"agmon demo-data\",\n  \"parameters\": {\n";
  j += "    \"students\": " + std::to_string(o.students) + ",\n";
  j += "    \"seed\": " + std::to_string(o.seed) + ",\n";
  j += "    \"year\": \"" + o.school_year + "\",\n";
  j += "    \"schools\": " + std::to_string(o.schools) + ",\n";
  j += "    \"ap_holdback\": " + std::string(rate) + ",\n";
  j += "    \"ap_holdback_groups\": [\"hispanic\", \"african_american\", \"english_learner\"],\n";
  j += std::string("    \"as_of\": \"") +
       (o.current_s1_graded ? "mid-year: current-year S1 graded, S2 in progress"
                            : "start of year: current year in progress") +
       "\"\n  },\n";
  j += "  \"school_codes\": [";
  for (std::size_t i = 0; i < s.school_codes.size(); ++i) {
    j += (i ? ", \"" : "\"") + s.school_codes[i] + "\"";
  }
  j += "],\n  \"rows\": {\"students\": " + std::to_string(s.student_rows) +
       ", \"courses\": " + std::to_string(s.course_rows) +
       ", \"course_marks\": " + std::to_string(s.mark_rows) + "},\n";
  j += "  \"held_back_planted\": " + std::to_string(s.held_back_planted) + ",\n";
  j += "  \"held_back_from_ap\": [";
  for (std::size_t i = 0; i < s.held_back_from_ap.size(); ++i) {
    j += (i % 10 == 0 ? "\n    \"" : " \"") + s.held_back_from_ap[i] +
         (i + 1 < s.held_back_from_ap.size() ? "\"," : "\"");
  }
  j += s.held_back_from_ap.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return j;
}

}  // namespace agmon::service
