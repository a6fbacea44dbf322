// GapRepo: the SQL aggregation behind the equity tables. Populations and measures arrive as
// data (core::MetricPopulation, core::MetricSpec) and become one CASE expression each, so a
// whole set of metrics is counted in a single pass over the evaluations.
#include "agmon/store/gap_repo.h"

#include <algorithm>
#include <cstdio>

namespace agmon::store {
namespace {

std::string number(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", x);
  return buf;
}

// The population as a SQL condition over `e` (the evaluation) and `o` (school_ap_offer).
std::string population_sql(const core::MetricPopulation& p) {
  std::string sql = "e.grade BETWEEN " + std::to_string(p.min_grade) + " AND " + std::to_string(p.max_grade);
  // GPAs are stored truncated to 2 decimals; the tolerance keeps 3.00 >= 3.00 exact (as core does).
  if (p.min_uc_gpa) sql += " AND e.uc_gpa_capped >= " + number(*p.min_uc_gpa - 1e-9);
  if (p.requires_ap_school) sql += " AND o.school_code IS NOT NULL";
  return "(" + sql + ")";
}

// The measure (core::meets_measure) as a SQL condition.
std::string measure_sql(const core::MetricSpec& spec) {
  bool csu = spec.system == core::System::csu;
  switch (spec.metric) {
    case core::Metric::ap: return "e.ap_this_year > 0";
    case core::Metric::ag: return csu ? "e.csu_complete <> 0" : "e.uc_complete <> 0";
    case core::Metric::ag_projected:
      return csu ? "e.csu_complete_projected <> 0" : "e.uc_complete_projected <> 0";
    case core::Metric::ag_on_track: return "e.on_track <> 0";
    case core::Metric::missing: return "e.ap_this_year = 0";
  }
  return "0";
}

}  // namespace

const char* grouping_column(core::Grouping grouping) {
  switch (grouping) {
    case core::Grouping::race_ethnicity: return "race_ethnicity";
    case core::Grouping::gender: return "gender";
    case core::Grouping::el: return "el";
    case core::Grouping::sed: return "sed";
    case core::Grouping::swd: return "swd";
    case core::Grouping::foster: return "foster";
    case core::Grouping::homeless: return "homeless";
    case core::Grouping::grade: return "grade";
    case core::Grouping::school: return "school_code";
  }
  return "school_code";
}

std::vector<GapCell> GapRepo::count(const GapSource& source, const std::vector<core::Grouping>& by,
                                    const std::vector<GapMeasure>& measures) {
  std::vector<GapCell> out;
  if (measures.empty()) return out;
  std::string keys;
  for (auto g : by) keys += std::string(keys.empty() ? "" : ", ") + "e." + grouping_column(g);
  bool needs_offer = std::any_of(measures.begin(), measures.end(),
                                 [](const GapMeasure& m) { return m.population.requires_ap_school; });

  std::string sql = "SELECT " + keys;
  for (const auto& m : measures) {
    std::string pop = population_sql(m.population);
    sql += std::string(sql.size() > 7 ? ", " : "") + "sum(CASE WHEN " + pop + " THEN 1 ELSE 0 END), " +
           "sum(CASE WHEN " + pop + " AND " + measure_sql(m.spec) + " THEN 1 ELSE 0 END)";
  }
  sql += source.current ? " FROM student_evaluations e" : " FROM evaluation_history e";
  if (needs_offer)
    sql += " LEFT JOIN school_ap_offer o ON o.school_code = e.school_code AND o.academic_year = ?1";
  sql += " WHERE e.as_of_year = ?1";
  if (source.school) sql += " AND e.school_code = ?2";
  if (measures.size() == 1) {
    sql += " AND " + population_sql(measures[0].population);
  } else {
    // The grade range covering every population lets the covering index narrow the scan.
    int lo = 99, hi = -99;
    for (const auto& m : measures) {
      lo = std::min(lo, m.population.min_grade);
      hi = std::max(hi, m.population.max_grade);
    }
    sql += " AND e.grade BETWEEN " + std::to_string(lo) + " AND " + std::to_string(hi);
  }
  if (!by.empty()) sql += " GROUP BY " + keys;

  auto st = db_.prepare(sql);
  st.bind(1, source.year);
  if (source.school) st.bind(2, *source.school);
  const int nkeys = static_cast<int>(by.size());
  while (st.step()) {
    GapCell cell;
    for (int i = 0; i < nkeys; ++i) cell.keys.push_back(st.str(i));
    bool any = false;
    for (size_t m = 0; m < measures.size(); ++m) {
      int col = nkeys + 2 * static_cast<int>(m);
      cell.n.push_back(static_cast<long>(st.integer(col)));
      cell.k.push_back(static_cast<long>(st.integer(col + 1)));
      any = any || cell.n.back() > 0;
    }
    if (any) out.push_back(std::move(cell));
  }
  return out;
}

std::string GapRepo::current_year() {
  auto st = db_.prepare("SELECT coalesce(max(as_of_year), '') FROM student_evaluations");
  st.step();
  return st.str(0);
}

bool GapRepo::has_history(const std::string& year) {
  auto st = db_.prepare("SELECT 1 FROM evaluation_history WHERE as_of_year = ? LIMIT 1");
  st.bind(1, year);
  return st.step();
}

bool GapRepo::school_known(const std::string& school_code) {
  auto st = db_.prepare(
      "SELECT EXISTS (SELECT 1 FROM students WHERE school_code = ?1) OR "
      "EXISTS (SELECT 1 FROM student_evaluations WHERE school_code = ?1) OR "
      "EXISTS (SELECT 1 FROM evaluation_history WHERE school_code = ?1)");
  st.bind(1, school_code);
  st.step();
  return st.integer(0) != 0;
}

std::set<std::string> GapRepo::schools_offering_ap(const std::string& year) {
  auto st = db_.prepare("SELECT school_code FROM school_ap_offer WHERE academic_year = ?");
  st.bind(1, year);
  std::set<std::string> out;
  while (st.step()) out.insert(st.str(0));
  return out;
}

std::string GapRepo::last_import_date() {
  auto st = db_.prepare(
      "SELECT coalesce(substr(max(finished_at), 1, 10), '') FROM imports WHERE outcome IN "
      "('applied', 'applied_with_quarantine')");
  st.step();
  return st.str(0);
}

}  // namespace agmon::store
