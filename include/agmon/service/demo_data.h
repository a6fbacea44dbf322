// The synthetic district generator behind `agmon demo-data`: students, a course catalog per
// school and transcripts, written as canonical CSV (formats.md §1), plus a record of what was
// planted (the students held back from AP). Shaped on Fresno Unified 2008-09. Synthetic only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "agmon/core/result.h"

namespace agmon::service {

struct DemoDataOptions {
  int students = 0;            // how many students, 1..10,000,000
  std::uint64_t seed = 1;      // same seed + same options -> byte-identical output
  std::string school_year;     // "YYYY-YYYY": the current year, the "as of" point
  int schools = 0;             // 0 = one high school per ~2,000 students, at least 1
  double ap_holdback = 0.45;   // chance that an AP-ready Hispanic, African American or EL
                               // student is kept out of AP (the planted inequity)
  // The data are "as of" mid-year: current-year S1 marks are given and S2 rows are blank
  // (in progress). false = the whole current year is in progress.
  bool current_s1_graded = true;
};

// What was written and what was planted.
struct DemoDataSummary {
  DemoDataOptions options;  // as resolved (schools filled in)
  std::vector<std::string> school_codes;
  std::size_t student_rows = 0;
  std::size_t course_rows = 0;
  std::size_t mark_rows = 0;
  // Every student whose AP placement was withheld by the planted rule (any grade).
  std::size_t held_back_planted = 0;
  // The held-back students an AP_READY_NOT_ENROLLED check must find: grades 10-12, no AP in
  // any year, no D/F anywhere on the transcript and an unweighted A-G GPA >= 3.00 over the
  // UC window (grades 10-11, summers after 9-11) — so every UC GPA variant is >= 3.00 too.
  // Ascending student id.
  std::vector<std::string> held_back_from_ap;
};

// The default number of schools for `students`: one per ~2,000, at least 1.
int default_demo_schools(int students);

// Checks ranges and the year's shape; kInvalidArgument with a one-line reason.
core::Status validate_demo_options(const DemoDataOptions& options);

// Writes students.csv, courses.csv and course_marks.csv contents (header first) to the three
// streams. Deterministic: depends only on `options`. Fails with kIoError when a stream fails.
core::Result<DemoDataSummary> generate_demo_data(const DemoDataOptions& options,
                                                 std::ostream& students, std::ostream& courses,
                                                 std::ostream& marks);

// The truth file: parameters, row counts and held_back_from_ap, as JSON.
std::string demo_truth_json(const DemoDataSummary& summary);

// Creates `out_dir` if needed and writes students.csv, courses.csv, course_marks.csv and
// demo_truth.json there (each via a temporary name, renamed when complete). Existing files
// of those names are replaced; nothing else in the folder is touched.
core::Result<DemoDataSummary> write_demo_data(const DemoDataOptions& options,
                                              const std::string& out_dir);

}  // namespace agmon::service
