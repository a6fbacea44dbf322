#include "agmon/service/evaluation.h"

#include <algorithm>
#include <future>
#include <thread>

#include "agmon/core/ag_evaluator.h"
#include "agmon/core/catalog.h"
#include "agmon/core/groups.h"
#include "agmon/core/report_json.h"
#include "agmon/store/alert_repo.h"
#include "agmon/store/evaluation_repo.h"
#include "agmon/store/report_codec.h"
#include "agmon/store/student_repo.h"
#include "service/alerts_staging.h"

namespace agmon::service {
namespace {

struct Pending {
  core::Student student;
  std::vector<core::CourseMark> marks;
  store::EvaluationRow row;
  std::vector<core::AlertFinding> alerts;  // staged for refresh_alerts()
};

store::EvaluationRow to_row(const core::Student& s, const core::StudentReport& rep) {
  store::EvaluationRow r;
  r.student_id = s.student_id;
  r.school_code = s.school_code;
  r.counselor_id = s.counselor_id;
  r.grade = s.grade_number();
  r.as_of_year = rep.as_of_year;
  r.race_ethnicity = core::race_ethnicity_group(s);
  r.gender = core::group_of(s, core::Grouping::gender);
  r.el = s.el_status == "EL";
  r.sed = s.sed.value_or(false);
  r.swd = s.swd.value_or(false);
  r.foster = s.foster.value_or(false);
  r.homeless = s.homeless.value_or(false);
  r.uc_complete = rep.uc.pattern_complete;
  r.uc_complete_projected = rep.uc.pattern_complete_projected;
  r.csu_complete = rep.csu.pattern_complete;
  r.csu_complete_projected = rep.csu.pattern_complete_projected;
  r.uc_eligible = rep.uc.eligible;
  r.csu_eligible = rep.csu.eligible;
  r.on_track = rep.on_track;
  r.uc_gpa_capped = rep.uc.gpa_weighted_capped;
  r.csu_gpa = rep.csu.gpa;
  r.credited_semesters = rep.credited_semesters;
  r.projected_semesters = rep.projected_semesters;
  r.ap_this_year = rep.ap_enrolled_this_year > 0;
  r.report_json = core::report_to_json(rep);
  return r;
}

void evaluate_batch(std::vector<Pending>& batch, const core::Catalog& catalog,
                    const core::RuleSet& rules, const std::string& year,
                    const StudentAlertStager& stager, unsigned threads) {
  auto work = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      auto records = core::resolve_records(batch[i].student, batch[i].marks, catalog, year);
      auto report = core::evaluate(batch[i].student, records, rules, year);
      batch[i].row = to_row(batch[i].student, report);
      // Packed here, in parallel, rather than by the single writing thread.
      batch[i].row.report_packed = store::pack_report(batch[i].row.report_json);
      batch[i].alerts = stager.findings(report);
      // Free what the save does not need now, not when the batch is saved: the peak memory of
      // an import is mostly these batches.
      std::string().swap(batch[i].row.report_json);
      std::vector<core::CourseMark>().swap(batch[i].marks);
    }
  };
  // The evaluator is pure, so students evaluate in parallel; SQLite stays on the caller's thread.
  if (batch.size() < 64 || threads <= 1) {
    work(0, batch.size());
    return;
  }
  std::vector<std::future<void>> jobs;
  size_t per = (batch.size() + threads - 1) / threads;
  for (size_t from = per; from < batch.size(); from += per)
    jobs.push_back(std::async(std::launch::async, work, from, std::min(batch.size(), from + per)));
  work(0, std::min(batch.size(), per));
  for (auto& j : jobs) j.get();
}

}  // namespace

std::string as_of_year(store::Database& db, const Settings& settings) {
  if (!settings.school_year().empty()) return settings.school_year();
  return store::StudentRepo(db).latest_school_year();
}

long evaluate_touched(store::Database& db, const Settings& settings, const std::string& year,
                      std::optional<long> import_id) {
  store::AlertRepo(db).snapshot_previous_statuses();
  store::StudentRepo students(db);
  store::EvaluationRepo evaluations(db);
  core::Catalog catalog(students.all_courses());
  const core::RuleSet& rules = settings.rules();
  StudentAlertStager stager(db, settings, year);
  // agmon.eval.threads: threads evaluating beside this one, which reads and saves (0 = one per
  // core but this thread's, at least 1, at most 4; 1 = on this thread, no pipeline). On two
  // cores one worker is faster than two: with two, three threads share two cores and this
  // thread, the pipeline's SQLite half, gets two thirds of one.
  int wanted = settings.get_int("agmon.eval.threads", 0);
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  unsigned threads = wanted > 0 ? static_cast<unsigned>(wanted) : std::clamp(cores - 1, 1u, 4u);
  bool on_this_thread = wanted == 1;
  long count = 0;
  // A pipeline: while batch k is evaluated on worker threads, this thread saves batch k-1 and
  // reads batch k+1 from SQLite (the reads and writes are about a third of the work).
  std::vector<Pending> batch, in_flight;
  std::future<void> job;  // evaluates in_flight; declared after it, so destroyed (joined) first
  // A batch ends at 2048 students or 32768 marks (about 25 MB of marks), so memory stays
  // bounded whatever the transcripts' length.
  constexpr size_t kBatch = 2048, kBatchMarks = 32768;
  size_t batch_marks = 0;
  auto save_in_flight = [&] {
    if (!job.valid()) return;
    job.get();
    for (const auto& p : in_flight) {
      evaluations.save(p.row, import_id);
      stager.stage(p.alerts);
    }
    count += static_cast<long>(in_flight.size());
    in_flight.clear();
  };
  auto flush = [&] {
    save_in_flight();
    in_flight.swap(batch);
    batch_marks = 0;
    // Students arrive in ascending id order, so a batch is the id range of its ends. No
    // findings() call runs now (the previous batch was joined above).
    stager.load_students(in_flight.front().student.student_id, in_flight.back().student.student_id);
    if (on_this_thread) {
      evaluate_batch(in_flight, catalog, rules, year, stager, 1);
      job = std::async(std::launch::deferred, [] {});
    } else {
      job = std::async(std::launch::async, [&, threads] {
        evaluate_batch(in_flight, catalog, rules, year, stager, threads);
      });
    }
  };
  students.for_each_touched([&](core::Student&& s, std::vector<core::CourseMark>&& marks) {
    batch_marks += marks.size();
    batch.push_back(Pending{std::move(s), std::move(marks), {}, {}});
    if (batch.size() >= kBatch || batch_marks >= kBatchMarks) flush();
  });
  if (!batch.empty()) flush();
  save_in_flight();
  return count;
}

core::Result<core::StudentReport> evaluate_student(store::Database& db, const Settings& settings,
                                                   const std::string& student_id) {
  store::StudentRepo students(db);
  auto s = students.find(student_id);
  if (!s) return core::make_error(core::ErrorCode::kNotFound, "no student " + student_id);
  auto marks = students.marks_of(student_id);
  std::vector<std::string> schools{s->school_code};
  for (const auto& m : marks)
    if (std::find(schools.begin(), schools.end(), m.school_code) == schools.end())
      schools.push_back(m.school_code);
  core::Catalog catalog(students.courses_of_schools(schools));
  std::string year = as_of_year(db, settings);
  auto records = core::resolve_records(*s, marks, catalog, year);
  return core::evaluate(*s, records, settings.rules(), year);
}

}  // namespace agmon::service
