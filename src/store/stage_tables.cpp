#include "store/stage_tables.h"

#include "agmon/store/import_stage.h"

namespace agmon::store::stage {

const TableSpec kStudents{
    "students",
    {"student_id", "school_code", "grade_level", "ssid", "academic_year", "counselor_id",
     "last_name", "first_name", "birth_date", "gender", "hispanic", "race_codes", "el_status",
     "sed", "swd", "foster", "homeless"},
    {"student_id"}};
const TableSpec kCourses{
    "courses",
    {"school_code", "local_course_id", "academic_year", "course_title", "ag_area", "rigor",
     "state_course_code", "math_level", "lote_language", "lote_level", "hss_type",
     "science_discipline", "vpa_discipline", "transcript_abbrev", "uc_approved", "nsil_code",
     "credit_value", "course_length"},
    {"school_code", "local_course_id", "academic_year"}};
const TableSpec kMarks{
    "course_marks",
    {"student_id", "school_code", "academic_year", "term_code", "local_course_id",
     "grade_level_taken", "mark", "credits_attempted", "credits_earned", "section_id", "ssid",
     "source", "status", "ag_area_override", "repeat_of_term"},
    {"student_id", "school_code", "academic_year", "term_code", "local_course_id"}};
const TableSpec kPrograms{"student_programs",
                          {"student_id", "school_code", "program_code", "start_date", "end_date"},
                          {"student_id", "program_code", "start_date"}};

std::string join(const std::vector<const char*>& cols, const std::string& prefix, const char* sep) {
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i) out += sep;
    out += prefix + cols[i];
  }
  return out;
}

bool is_key(const TableSpec& t, const char* col) {
  for (auto k : t.key)
    if (std::string(k) == col) return true;
  return false;
}

std::string placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

std::string key_params(const TableSpec& t) {
  std::string where;
  for (size_t i = 0; i < t.key.size(); ++i) {
    size_t idx = 0;
    for (size_t c = 0; c < t.columns.size(); ++c)
      if (std::string(t.columns[c]) == t.key[i]) idx = c + 1;
    where += std::string(i ? " AND " : "") + t.key[i] + " = ?" + std::to_string(idx);
  }
  return where;
}

std::optional<std::string> area_text(const std::optional<core::Area>& a) {
  if (!a) return std::nullopt;
  return std::string(1, core::area_letter(*a));
}

void bind_mark(Statement& st, const core::CourseMark& m, int first) {
  const int f = first - 1;
  st.bind_static(f + 1, m.student_id).bind_static(f + 2, m.school_code);
  st.bind_static(f + 3, m.academic_year).bind_static(f + 4, m.term_code);
  st.bind_static(f + 5, m.local_course_id).bind(f + 6, m.grade_level_taken);
  st.bind_static(f + 7, m.mark).bind_static(f + 8, m.credits_attempted);
  st.bind_static(f + 9, m.credits_earned).bind_static(f + 10, m.section_id);
  st.bind_static(f + 11, m.ssid).bind_static(f + 12, m.source).bind_static(f + 13, m.status);
  st.bind(f + 14, area_text(m.ag_area_override)).bind_static(f + 15, m.repeat_of_term);
}

void DeferredObjects::drop(Database& db, const char* table) {
  {
    auto st = db.prepare(
        "SELECT name, sql FROM main.sqlite_master WHERE type = ?1 AND tbl_name = ?2 AND "
        "sql IS NOT NULL");
    st.bind(1, type_).bind(2, table);
    while (st.step()) objects_.emplace_back(st.str(0), st.str(1));
  }
  for (const auto& object : objects_) db.exec("DROP " + type_ + " main.\"" + object.first + "\"");
  dropped_ = true;
}

void DeferredObjects::rebuild(Database& db) {
  for (const auto& object : objects_) db.exec(object.second);
  objects_.clear();
}

}  // namespace agmon::store::stage

namespace agmon::store {

std::string mark_key_text(const core::CourseMark& m) {
  return m.student_id + "|" + m.school_code + "|" + m.academic_year + "|" + m.term_code + "|" +
         m.local_course_id;
}

}  // namespace agmon::store
