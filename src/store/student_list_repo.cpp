// The student list query, built per call: the scope and filters decide its WHERE clause.
#include "agmon/store/student_list_repo.h"

namespace agmon::store {
namespace {

std::string like_prefix(const std::string& q) {
  std::string out;
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

StudentListRow row_from(const Statement& st) {
  StudentListRow s;
  s.student_id = st.str(0);
  s.school_code = st.str(1);
  s.counselor_id = st.str(2);
  s.last_name = st.str(3);
  s.first_name = st.str(4);
  s.grade = static_cast<int>(st.integer(5));
  s.as_of_year = st.str(6);
  s.uc_complete = st.integer(7);
  s.uc_complete_projected = st.integer(8);
  s.csu_complete = st.integer(9);
  s.csu_complete_projected = st.integer(10);
  s.uc_eligible = st.integer(11);
  s.csu_eligible = st.integer(12);
  s.on_track = st.integer(13);
  s.uc_gpa_capped = st.optional_real(14);
  s.csu_gpa = st.optional_real(15);
  s.credited_semesters = st.real(16);
  s.projected_semesters = st.real(17);
  s.ap_this_year = static_cast<long>(st.integer(18));
  s.open_alerts = static_cast<long>(st.integer(19));
  s.uc_area_status = st.str(20);
  return s;
}

}  // namespace

std::vector<StudentListRow> StudentListRepo::page(const StudentListFilter& f) {
  std::string sql =
      "SELECT e.student_id, e.school_code, e.counselor_id, coalesce(s.last_name, ''), "
      "coalesce(s.first_name, ''), e.grade, e.as_of_year, e.uc_complete, e.uc_complete_projected, "
      "e.csu_complete, e.csu_complete_projected, e.uc_eligible, e.csu_eligible, e.on_track, "
      "e.uc_gpa_capped, e.csu_gpa, e.credited_semesters, e.projected_semesters, e.ap_this_year, "
      "(SELECT count(*) FROM alerts a WHERE a.student_id = e.student_id AND a.status = 'open'), "
      "coalesce(e.uc_area_status, '') FROM student_evaluations e LEFT JOIN students s ON s.student_id = e.student_id "
      "WHERE e.student_id > ?";
  std::vector<std::string> binds{f.after_id};
  if (f.scope_schools) {
    sql += " AND e.school_code IN (";
    for (size_t i = 0; i < f.scope_schools->size(); ++i) {
      sql += i ? ",?" : "?";
      binds.push_back((*f.scope_schools)[i]);
    }
    sql += ")";
  }
  if (f.scope_counselor) {
    sql += " AND e.counselor_id = ?";
    binds.push_back(*f.scope_counselor);
  }
  if (f.school) {
    sql += " AND e.school_code = ?";
    binds.push_back(*f.school);
  }
  if (f.counselor) {
    sql += " AND e.counselor_id = ?";
    binds.push_back(*f.counselor);
  }
  if (!f.prefix.empty()) {
    sql +=
        " AND (e.student_id LIKE ? ESCAPE '\\' OR s.last_name LIKE ? ESCAPE '\\' "
        "OR s.first_name LIKE ? ESCAPE '\\')";
    std::string pattern = like_prefix(f.prefix);
    binds.insert(binds.end(), {pattern, pattern, pattern});
  }
  sql += " ORDER BY e.student_id LIMIT ?";

  auto st = db_.prepare(sql);
  int i = 1;
  for (const auto& b : binds) st.bind(i++, b);
  st.bind(i, f.limit);
  std::vector<StudentListRow> out;
  while (st.step()) out.push_back(row_from(st));
  return out;
}

}  // namespace agmon::store
