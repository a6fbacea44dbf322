#include "store/row_mapping.h"

namespace agmon::store {
namespace {

std::optional<bool> flag(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return st.integer(col) != 0;
}

std::vector<int> race_codes(std::string_view text) {
  std::vector<int> out;
  int value = 0;
  bool any = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      any = true;
    } else if (c == ';') {
      if (any) out.push_back(value);
      value = 0;
      any = false;
    }
  }
  if (any) out.push_back(value);
  return out;
}

}  // namespace

core::Student student_from_row(const Statement& st, int f) {
  core::Student s;
  s.student_id = st.str(f + 0);
  s.school_code = st.str(f + 1);
  s.grade_level = st.str(f + 2);
  s.ssid = st.str(f + 3);
  s.academic_year = st.str(f + 4);
  s.counselor_id = st.str(f + 5);
  s.last_name = st.str(f + 6);
  s.first_name = st.str(f + 7);
  s.birth_date = st.str(f + 8);
  s.gender = st.str(f + 9);
  s.hispanic = flag(st, f + 10);
  s.race_codes = race_codes(st.text(f + 11));
  s.el_status = st.str(f + 12);
  s.sed = flag(st, f + 13);
  s.swd = flag(st, f + 14);
  s.foster = flag(st, f + 15);
  s.homeless = flag(st, f + 16);
  return s;
}

void read_mark(const Statement& st, core::CourseMark& m, int f) {
  m.student_id.assign(st.text(f + 0));
  m.school_code.assign(st.text(f + 1));
  m.academic_year.assign(st.text(f + 2));
  m.term_code.assign(st.text(f + 3));
  m.local_course_id.assign(st.text(f + 4));
  m.grade_level_taken = static_cast<int>(st.integer(f + 5));
  m.mark.assign(st.text(f + 6));
  m.credits_attempted.assign(st.text(f + 7));
  m.credits_earned.assign(st.text(f + 8));
  m.section_id.assign(st.text(f + 9));
  m.ssid.assign(st.text(f + 10));
  m.source.assign(st.text(f + 11));
  m.status.assign(st.text(f + 12));
  m.ag_area_override.reset();
  if (!st.is_null(f + 13)) m.ag_area_override = core::parse_area(st.text(f + 13));
  m.repeat_of_term.assign(st.text(f + 14));
}

void read_evaluated_mark(const Statement& st, core::CourseMark& m) {
  m.student_id.assign(st.text(0));
  m.school_code.assign(st.text(1));
  m.academic_year.assign(st.text(2));
  m.term_code.assign(st.text(3));
  m.local_course_id.assign(st.text(4));
  m.grade_level_taken = static_cast<int>(st.integer(5));
  m.mark.assign(st.text(6));
  m.source.assign(st.text(7));
  m.status.assign(st.text(8));
  m.ag_area_override.reset();
  if (!st.is_null(9)) m.ag_area_override = core::parse_area(st.text(9));
  m.repeat_of_term.assign(st.text(10));
}

core::CourseMark mark_from_row(const Statement& st, int f) {
  core::CourseMark m;
  read_mark(st, m, f);
  return m;
}

core::Course course_from_row(const Statement& st, int f) {
  core::Course c;
  c.school_code = st.str(f + 0);
  c.local_course_id = st.str(f + 1);
  c.academic_year = st.str(f + 2);
  c.course_title = st.str(f + 3);
  if (!st.is_null(f + 4)) c.ag_area = core::parse_area(st.text(f + 4));
  c.rigor = core::parse_rigor(st.text(f + 5)).value_or(core::Rigor::none);
  c.state_course_code = st.str(f + 6);
  c.math_level = static_cast<int>(st.integer(f + 7));
  c.lote_language = st.str(f + 8);
  c.lote_level = static_cast<int>(st.integer(f + 9));
  c.hss_type = st.str(f + 10);
  c.science_discipline = st.str(f + 11);
  c.vpa_discipline = st.str(f + 12);
  c.transcript_abbrev = st.str(f + 13);
  c.uc_approved = st.str(f + 14);
  c.nsil_code = st.str(f + 15);
  c.credit_value = st.str(f + 16);
  c.course_length = st.str(f + 17);
  return c;
}

}  // namespace agmon::store
