#include "agmon/store/evaluation_repo.h"

#include <sqlite3.h>

#include "agmon/store/report_codec.h"

namespace agmon::store {
namespace {

constexpr const char* kColumns =
    "student_id, school_code, counselor_id, grade, as_of_year, race_ethnicity, gender, el, sed, "
    "swd, foster, homeless, uc_complete, uc_complete_projected, csu_complete, "
    "csu_complete_projected, uc_eligible, csu_eligible, on_track, uc_gpa_capped, csu_gpa, "
    "credited_semesters, projected_semesters, ap_this_year, report_json, report_packed, "
    "uc_area_status";

}  // namespace

EvaluationRepo::EvaluationRepo(Database& db)
    : db_(db),
      upsert_(db.prepare(std::string("INSERT OR REPLACE INTO student_evaluations(") + kColumns +
                         ", evaluated_import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
      history_(db.prepare(
          "INSERT OR REPLACE INTO evaluation_history(as_of_year, student_id, school_code, grade, "
          "race_ethnicity, gender, el, sed, swd, foster, homeless, uc_complete, "
          "uc_complete_projected, csu_complete, csu_complete_projected, on_track, uc_gpa_capped, "
          "ap_this_year) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {}

void EvaluationRepo::save(const EvaluationRow& r, std::optional<long> import_id) {
  // Texts and the report bound in place, not copied (a first import saves every student, with
  // a report of ~1.5 KB); the bindings are cleared before `r` can go.
  ResetOnExit upsert_cleared(upsert_), history_cleared(history_);
  upsert_.bind_static(1, r.student_id).bind_static(2, r.school_code);
  upsert_.bind_static(3, r.counselor_id).bind(4, r.grade).bind_static(5, r.as_of_year);
  upsert_.bind_static(6, r.race_ethnicity).bind_static(7, r.gender).bind(8, r.el);
  upsert_.bind(9, r.sed).bind(10, r.swd).bind(11, r.foster).bind(12, r.homeless);
  upsert_.bind(13, r.uc_complete).bind(14, r.uc_complete_projected).bind(15, r.csu_complete);
  upsert_.bind(16, r.csu_complete_projected).bind(17, r.uc_eligible).bind(18, r.csu_eligible);
  upsert_.bind(19, r.on_track).bind(20, r.uc_gpa_capped).bind(21, r.csu_gpa);
  upsert_.bind(22, r.credited_semesters).bind(23, r.projected_semesters).bind(24, r.ap_this_year);
  // Packed only: the text would be ten times the bytes to write, checkpoint and cache.
  upsert_.bind_static(25, "");
  const std::string packed = r.report_packed.empty() ? pack_report(r.report_json) : std::string();
  upsert_.bind_blob_static(26, r.report_packed.empty() ? packed : r.report_packed);
  if (r.uc_area_status.empty()) upsert_.bind_null(27);
  else upsert_.bind_static(27, r.uc_area_status);
  if (import_id) upsert_.bind(28, static_cast<std::int64_t>(*import_id));
  else upsert_.bind_null(28);
  upsert_.run();

  history_.bind_static(1, r.as_of_year).bind_static(2, r.student_id);
  history_.bind_static(3, r.school_code).bind(4, r.grade);
  history_.bind_static(5, r.race_ethnicity).bind_static(6, r.gender).bind(7, r.el).bind(8, r.sed);
  history_.bind(9, r.swd).bind(10, r.foster).bind(11, r.homeless).bind(12, r.uc_complete);
  history_.bind(13, r.uc_complete_projected).bind(14, r.csu_complete);
  history_.bind(15, r.csu_complete_projected).bind(16, r.on_track).bind(17, r.uc_gpa_capped);
  history_.bind(18, r.ap_this_year);
  history_.run();
}

std::optional<EvaluationRow> EvaluationRepo::find(const std::string& student_id) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns +
                        " FROM student_evaluations WHERE student_id = ?");
  st.bind(1, student_id);
  if (!st.step()) return std::nullopt;
  EvaluationRow r;
  r.student_id = st.str(0);
  r.school_code = st.str(1);
  r.counselor_id = st.str(2);
  r.grade = static_cast<int>(st.integer(3));
  r.as_of_year = st.str(4);
  r.race_ethnicity = st.str(5);
  r.gender = st.str(6);
  bool* flags[] = {&r.el, &r.sed, &r.swd, &r.foster, &r.homeless, &r.uc_complete,
                   &r.uc_complete_projected, &r.csu_complete, &r.csu_complete_projected,
                   &r.uc_eligible, &r.csu_eligible, &r.on_track};
  for (int i = 0; i < 12; ++i) *flags[i] = st.integer(7 + i) != 0;
  r.uc_gpa_capped = st.optional_real(19);
  r.csu_gpa = st.optional_real(20);
  r.credited_semesters = st.real(21);
  r.projected_semesters = st.real(22);
  r.ap_this_year = st.integer(23) != 0;
  r.report_json = stored_report(st.text(24), st.blob(25)).value_or("");
  r.uc_area_status = st.str(26);
  return r;
}

std::optional<std::string> EvaluationRepo::report_json(const std::string& student_id) {
  auto st = db_.prepare("SELECT report_json, report_packed FROM student_evaluations WHERE student_id = ?");
  st.bind(1, student_id);
  if (!st.step()) return std::nullopt;
  auto text = stored_report(st.text(0), st.blob(1));
  if (!text) throw StoreError(SQLITE_CORRUPT, "the stored report of student " + student_id + " cannot be unpacked");
  return text;
}

std::string EvaluationRepo::evaluated_year() {
  auto st = db_.prepare("SELECT coalesce(max(as_of_year), '') FROM student_evaluations");
  st.step();
  return st.str(0);
}

void EvaluationRepo::refresh_school_ap_offer() {
  db_.exec("DELETE FROM school_ap_offer");
  // A (school, year) offers AP when a course marked there that year is an AP course (its
  // catalog row for that year, or its row for every year). course_mark_years lists each course
  // marked in each school and year once: a few thousand rows, where a scan of the marks read a
  // million (0.24 s for 1M marks through the index this table replaces).
  db_.exec(
      "INSERT OR IGNORE INTO school_ap_offer(school_code, academic_year) "
      "SELECT DISTINCT y.school_code, y.academic_year FROM course_mark_years y JOIN courses c "
      "ON c.school_code = y.school_code AND c.local_course_id = y.local_course_id "
      "AND c.academic_year IN (y.academic_year, '') WHERE c.rigor = 'AP'");
}

bool EvaluationRepo::school_offers_ap(const std::string& school_code, const std::string& year) {
  auto st = db_.prepare("SELECT 1 FROM school_ap_offer WHERE school_code = ? AND academic_year = ?");
  st.bind(1, school_code).bind(2, year);
  return st.step();
}

}  // namespace agmon::store
