// Throughput of the evaluator (hidden from ctest: run `core_tests "[.bench]"`). Generates
// 100,000 synthetic students (~40 records each) first, then times evaluate() alone,
// single-threaded, and prints students per second. No timed assertion.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <iostream>

#include "agmon/core/ag_evaluator.h"
#include "agmon/core/report_json.h"
#include "core/ag_random_transcripts.h"

using namespace agmon;

TEST_CASE("evaluate 100,000 synthetic students single-threaded", "[.bench]") {
  constexpr int kStudents = 100000;
  test::TranscriptGenerator gen(1);
  std::vector<core::Student> students(kStudents);
  std::vector<std::vector<core::CourseRecord>> transcripts(kStudents);
  std::size_t records = 0;
  for (int i = 0; i < kStudents; ++i) {
    int grade = 0;
    // Seniors: the longest transcripts (about 40 records).
    transcripts[i] = gen.next(&grade, 2024, 12);
    students[i].student_id = std::to_string(900000 + i);
    students[i].school_code = "101";
    students[i].grade_level = std::to_string(grade);
    records += transcripts[i].size();
  }
  const auto rules = core::RuleSet::defaults();
  std::size_t eligible = 0, bytes = 0;
  // CPU time too: the machine is shared, so wall time includes waiting for a core.
  std::clock_t c0 = std::clock();
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kStudents; ++i) {
    auto rep = core::evaluate(students[i], transcripts[i], rules, "2024-2025");
    eligible += rep.uc.eligible_projected;
  }
  auto t1 = std::chrono::steady_clock::now();
  double cpu_s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  std::chrono::steady_clock::duration encoding{};  // report_to_json alone
  for (int i = 0; i < kStudents; ++i) {
    const auto rep = core::evaluate(students[i], transcripts[i], rules, "2024-2025");
    auto e0 = std::chrono::steady_clock::now();
    bytes += core::report_to_json(rep).size();
    encoding += std::chrono::steady_clock::now() - e0;
  }
  auto t2 = std::chrono::steady_clock::now();
  double eval_s = std::chrono::duration<double>(t1 - t0).count();
  double json_s = std::chrono::duration<double>(t2 - t1).count();
  double encode_s = std::chrono::duration<double>(encoding).count();
  std::cout << "students: " << kStudents << ", records: " << records << " ("
            << static_cast<double>(records) / kStudents << " per student)\n"
            << "evaluate: " << eval_s << " s wall, " << cpu_s << " s CPU, " << kStudents / eval_s
            << " students/s (UC eligible if in-progress courses pass: " << eligible << ")\n"
            << "evaluate + report_to_json: " << json_s << " s, " << kStudents / json_s
            << " students/s, " << bytes / kStudents << " bytes/report\n"
            << "report_to_json alone: " << encode_s << " s, " << encode_s * 1e6 / kStudents
            << " us/report, " << static_cast<double>(bytes) / encode_s / 1e6 << " MB/s\n";
  CHECK(eligible > 0);
}

TEST_CASE("evaluate 100,000 synthetic students as the importer does, one at a time", "[.bench]") {
  // Each transcript is generated (untimed) right before its evaluation, so its records are in
  // cache as they are after being read from the database.
  constexpr int kStudents = 100000;
  test::TranscriptGenerator gen(2);
  const auto rules = core::RuleSet::defaults();
  core::Student student;
  student.school_code = "101";
  std::size_t eligible = 0, records = 0;
  std::chrono::steady_clock::duration spent{};
  std::clock_t cpu = 0;
  for (int i = 0; i < kStudents; ++i) {
    int grade = 0;
    auto transcript = gen.next(&grade, 2024, 12);
    records += transcript.size();
    student.student_id = std::to_string(900000 + i);
    student.grade_level = std::to_string(grade);
    std::clock_t c0 = std::clock();
    auto t0 = std::chrono::steady_clock::now();
    auto rep = core::evaluate(student, transcript, rules, "2024-2025");
    spent += std::chrono::steady_clock::now() - t0;
    cpu += std::clock() - c0;
    eligible += rep.uc.eligible_projected;
  }
  double s = std::chrono::duration<double>(spent).count();
  std::cout << "one at a time: " << kStudents << " students, " << records << " records, evaluate "
            << s << " s wall (" << static_cast<double>(cpu) / CLOCKS_PER_SEC << " s CPU, coarse), "
            << kStudents / s << " students/s\n";
  CHECK(eligible > 0);
}
