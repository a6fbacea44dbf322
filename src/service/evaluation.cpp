#include "agmon/service/evaluation.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <memory>
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
  r.uc_area_status = rep.uc.standing_letters();
  r.report_json = core::report_to_json(rep);
  return r;
}

void evaluate_one(Pending& p, const core::Catalog& catalog, const core::RuleSet& rules,
                  const std::string& year, const StudentAlertStager& stager) {
  auto records = core::resolve_records(p.student, p.marks, catalog, year);
  auto report = core::evaluate(p.student, records, rules, year);
  p.row = to_row(p.student, report);
  // Packed here, in parallel, rather than by the single writing thread.
  p.row.report_packed = store::pack_report(p.row.report_json);
  p.alerts = stager.findings(report);
  // Free what the save does not need now, not when the batch is saved: the peak memory of an
  // import is mostly these batches.
  std::string().swap(p.row.report_json);
  std::vector<core::CourseMark>().swap(p.marks);
}

// One batch being evaluated. Any number of threads take small chunks of its students until
// none are left, so the importing thread lends a hand instead of waiting when the workers
// are behind: it does its SQLite share first, then evaluates what remains. (Fixed shares
// left it idle for a third of the phase on two cores.) The evaluator is pure, so students
// evaluate in parallel; SQLite stays on the importing thread.
class BatchEvaluation {
 public:
  BatchEvaluation(std::vector<Pending>& batch, const core::Catalog& catalog,
                  const core::RuleSet& rules, const std::string& year,
                  const StudentAlertStager& stager)
      : batch_(batch), catalog_(catalog), rules_(rules), year_(year), stager_(stager) {}

  void help() {
    constexpr size_t kChunk = 8;
    for (size_t from = next_.fetch_add(kChunk); from < batch_.size();
         from = next_.fetch_add(kChunk))
      for (size_t i = from; i < std::min(batch_.size(), from + kChunk); ++i)
        evaluate_one(batch_[i], catalog_, rules_, year_, stager_);
  }

 private:
  std::vector<Pending>& batch_;
  const core::Catalog& catalog_;
  const core::RuleSet& rules_;
  const std::string& year_;
  const StudentAlertStager& stager_;
  std::atomic<size_t> next_{0};
};

}  // namespace

std::string as_of_year(store::Database& db, const Settings& settings) {
  if (!settings.school_year().empty()) return settings.school_year();
  return store::StudentRepo(db).latest_school_year();
}

long evaluate_touched(store::Database& db, const Settings& settings, const std::string& year,
                      std::optional<long> import_id, const std::string& now) {
  store::AlertRepo(db).snapshot_previous_statuses();
  store::StudentRepo students(db);
  store::EvaluationRepo evaluations(db);
  core::Catalog catalog(students.all_courses());
  const core::RuleSet& rules = settings.rules();
  StudentAlertStager stager(db, settings, year, import_id, now);
  // agmon.eval.threads: worker threads evaluating beside this one, which reads and saves and
  // evaluates only what the workers have not taken (0 = one per core but this thread's, at
  // least 1, at most 4; 1 = everything on this thread, no pipeline). On two cores one worker
  // beats two: with two, three threads shared two cores and this one, the pipeline's SQLite
  // half, got two thirds of one.
  int wanted = settings.get_int("agmon.eval.threads", 0);
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  unsigned threads = wanted > 0 ? static_cast<unsigned>(wanted) : std::clamp(cores - 1, 1u, 4u);
  bool on_this_thread = wanted == 1;
  long count = 0;
  // A pipeline: while batch k+1 is evaluated on worker threads, this thread saves batch k,
  // then reads batch k+2 from SQLite, then helps finish batch k+1. (Saving k before handing
  // k+1 over left the workers idle for every save: a third of a core over the phase.)
  std::vector<Pending> batch, in_flight, evaluated;
  std::unique_ptr<BatchEvaluation> evaluating;  // of in_flight
  std::vector<std::future<void>> workers;       // declared after both: destroyed (joined) first
  // A batch ends at 2048 students or 32768 marks (about 25 MB of marks), so memory stays
  // bounded whatever the transcripts' length. An evaluated batch waiting for its save holds
  // only its rows (packed reports and findings, about 2 MB).
  constexpr size_t kBatch = 2048, kBatchMarks = 32768;
  size_t batch_marks = 0;
  auto finish_in_flight = [&] {  // in_flight -> evaluated
    if (!evaluating) return;
    evaluating->help();
    for (auto& w : workers) w.get();
    workers.clear();
    evaluating.reset();
    evaluated.swap(in_flight);
    in_flight.clear();
  };
  auto save_evaluated = [&] {
    for (const auto& p : evaluated) {
      evaluations.save(p.row, import_id);
      stager.stage(p.alerts);
    }
    count += static_cast<long>(evaluated.size());
    evaluated.clear();
  };
  auto flush = [&] {
    finish_in_flight();
    in_flight.swap(batch);
    batch_marks = 0;
    // Students arrive in ascending id order, so a batch is the id range of its ends. No
    // findings() call runs now (the previous batch was joined above), and the previous
    // batch's findings are in hand, so its rule inputs may be replaced.
    stager.load_students(in_flight.front().student.student_id, in_flight.back().student.student_id);
    evaluating = std::make_unique<BatchEvaluation>(in_flight, catalog, rules, year, stager);
    if (!on_this_thread)
      for (unsigned t = 0; t < threads; ++t)
        workers.push_back(std::async(std::launch::async, [&e = *evaluating] { e.help(); }));
    save_evaluated();  // while the workers evaluate the batch just handed over
  };
  students.for_each_touched([&](core::Student&& s, std::vector<core::CourseMark>&& marks) {
    batch_marks += marks.size();
    batch.push_back(Pending{std::move(s), std::move(marks), {}, {}});
    if (batch.size() >= kBatch || batch_marks >= kBatchMarks) flush();
  });
  if (!batch.empty()) flush();
  finish_in_flight();
  save_evaluated();
  stager.finish();
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
