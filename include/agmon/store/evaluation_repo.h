// EvaluationRepo: the stored result of evaluating each student, kept flat for SQL
// aggregation (gaps, alerts, lists) alongside the full report JSON for lookups.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/store/database.h"

namespace agmon::store {

struct EvaluationRow {
  std::string student_id;
  std::string school_code;
  std::string counselor_id;
  int grade = 0;
  std::string as_of_year;
  std::string race_ethnicity;
  std::string gender;
  bool el = false, sed = false, swd = false, foster = false, homeless = false;
  bool uc_complete = false, uc_complete_projected = false;
  bool csu_complete = false, csu_complete_projected = false;
  bool uc_eligible = false, csu_eligible = false;
  bool on_track = false;
  std::optional<double> uc_gpa_capped;
  std::optional<double> csu_gpa;
  double credited_semesters = 0;
  double projected_semesters = 0;
  bool ap_this_year = false;
  std::string report_json;
  // report_json packed by pack_report() (report_codec.h). When set, save() stores it as is
  // (the evaluator packs on its worker threads); when empty, save() packs report_json.
  std::string report_packed;
  // The UC areas' standing, one letter per area a..g: m met, p met once the in-progress
  // courses pass, s short (core::SystemResult::standing_letters()). "" = not known.
  std::string uc_area_status;
};

class EvaluationRepo {
 public:
  explicit EvaluationRepo(Database& db);
  // Upserts the current evaluation and its per-year snapshot.
  void save(const EvaluationRow& row, std::optional<long> import_id);
  std::optional<EvaluationRow> find(const std::string& student_id);
  std::optional<std::string> report_json(const std::string& student_id);
  // The school year the stored evaluations were made for ("" when none).
  std::string evaluated_year();
  // Recomputes school_ap_offer: a school offers AP in a year when any AP course of its
  // catalog applies to that year or any AP mark exists there.
  void refresh_school_ap_offer();
  bool school_offers_ap(const std::string& school_code, const std::string& year);

 private:
  Database& db_;
  Statement upsert_, history_;
};

}  // namespace agmon::store
