#include "service/staging_sink.h"

namespace agmon::service {

using ingest::RowError;
using ingest::RowErrorKind;

void StagingSink::displaced(const std::optional<store::DisplacedRow>& row, const char* what) {
  if (!row) {
    ++accepted_;
    return;
  }
  // The earlier row loses: it is reported, the later one (just staged) is kept in its place,
  // so the count of accepted rows is unchanged.
  report_displaced(*row, what);
}

void StagingSink::report_late_displaced(const store::DisplacedRow& row, const char* what) {
  report_displaced(row, what);
  --accepted_;  // its later row was counted as a new one
}

void StagingSink::report_displaced(const store::DisplacedRow& row, const char* what) {
  RowError e;
  e.file = row.file;
  e.line = row.line;
  e.column = "key";
  e.value = row.key;
  e.kind = RowErrorKind::kDuplicateKey;
  e.message = std::string("duplicate ") + what + " key " + row.key +
              "; a later row in this import replaced this one";
  needs_raw_.push_back(errors_.size());
  errors_.push_back(std::move(e));
}

bool StagingSink::student_known(const std::string& student_id) {
  if (student_id == last_known_student_) return true;
  if (!stage_.student_known(student_id)) return false;
  last_known_student_ = student_id;
  return true;
}

bool StagingSink::course_known(const core::CourseMark& m) {
  return stage_.course_known(m.school_code, m.local_course_id, m.academic_year);
}

void StagingSink::on_student(core::Student&& s, long line) {
  displaced(stage_.add_student(s, file_, line), "student");
}

void StagingSink::on_course(core::Course&& c, long line) {
  displaced(stage_.add_course(c, file_, line), "course");
}

void StagingSink::on_mark(core::CourseMark&& m, long line) {
  if (student_known(m.student_id) && (m.ag_area_override || course_known(m))) {
    displaced(stage_.add_mark(m, file_, line), "course mark");
    return;
  }
  // An orphan (rare): the error is built only now, not for every mark.
  RowError e;
  e.file = file_;
  e.line = line;
  e.kind = RowErrorKind::kOrphan;
  if (!student_known(m.student_id)) {
    e.column = "student_id";
    e.value = m.student_id;
    e.message = "no student " + m.student_id + " in this import or the database";
  } else {
    // Known student, unknown course. (A mark with an ag_area_override, transfer or
    // articulated credit, needs no catalog row: it was accepted above.)
    e.column = "local_course_id";
    e.value = m.local_course_id;
    e.message = "no course " + m.local_course_id + " in the catalog of school " + m.school_code +
                " (this import or the database)";
  }
  needs_raw_.push_back(errors_.size());
  errors_.push_back(std::move(e));
}

void StagingSink::on_program(ingest::StudentProgram&& p, long line) {
  if (!student_known(p.student_id)) {
    RowError e{file_, line, "student_id", p.student_id, RowErrorKind::kOrphan,
               "no student " + p.student_id + " in this import or the database", ""};
    needs_raw_.push_back(errors_.size());
    errors_.push_back(std::move(e));
    return;
  }
  displaced(stage_.add_program(p.student_id, p.school_code, p.program_code, p.start_date,
                               p.end_date, file_, line),
            "program");
}

void StagingSink::on_ag_course(ingest::AgCourseListEntry&& entry, long /*line*/) {
  ++accepted_;
  ag_course_list_.push_back(std::move(entry));
}

void StagingSink::on_student_update(ingest::StudentUpdate&& u, long line) {
  store::StudentAmendment a;
  a.student_id = u.student_id;
  a.fill_blanks_only = u.mode == ingest::StudentUpdate::Mode::kFillBlanks;
  auto given = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional(v); };
  a.school_code = given(u.school_code);
  a.grade_level = given(u.grade_level);
  a.ssid = given(u.ssid);
  a.academic_year = given(u.academic_year);
  a.last_name = given(u.last_name);
  a.first_name = given(u.first_name);
  a.birth_date = given(u.birth_date);
  a.gender = given(u.gender);
  a.el_status = given(u.el_status);
  if (u.race_codes) {
    std::string text;
    for (int c : *u.race_codes) text += (text.empty() ? "" : ";") + std::to_string(c);
    a.race_codes = text;
  }
  a.hispanic = u.hispanic;
  a.sed = u.sed;
  a.swd = u.swd;
  a.foster = u.foster;
  a.homeless = u.homeless;
  if (stage_.amend_student(a)) {
    if (!u.ignore_if_unknown) ++accepted_;  // a derived update is not a row of its own
    return;
  }
  if (u.create_if_unknown && !u.school_code.empty() && !u.grade_level.empty()) {
    core::Student s;
    s.student_id = u.student_id;
    s.school_code = u.school_code;
    s.grade_level = u.grade_level;
    s.ssid = u.ssid;
    s.academic_year = u.academic_year;
    s.last_name = u.last_name;
    s.first_name = u.first_name;
    s.birth_date = u.birth_date;
    s.gender = u.gender;
    s.hispanic = u.hispanic;
    if (u.race_codes) s.race_codes = *u.race_codes;
    s.el_status = u.el_status;
    s.sed = u.sed;
    s.swd = u.swd;
    s.foster = u.foster;
    s.homeless = u.homeless;
    on_student(std::move(s), line);
    return;
  }
  if (u.ignore_if_unknown) return;
  RowError e{file_, line, "student_id", u.student_id, RowErrorKind::kOrphan,
             "no student " + u.student_id + " in this import or the database", ""};
  if (u.create_if_unknown) {
    e.kind = RowErrorKind::kMissingKey;
    e.message = "student " + u.student_id + " is new but this file gives no " +
                (u.school_code.empty() ? "school" : "grade level") +
                " for them (add them to a students.csv of this import)";
  }
  needs_raw_.push_back(errors_.size());
  errors_.push_back(std::move(e));
}

void StagingSink::on_course_default(core::Course&& c, long line) {
  // A roster's course gives way to any catalog row the call or the database has.
  if (stage_.course_known(c.school_code, c.local_course_id, c.academic_year)) {
    ++accepted_;
    return;
  }
  on_course(std::move(c), line);
}

void StagingSink::on_error(RowError&& error) { errors_.push_back(std::move(error)); }

void StagingSink::on_warning(const std::string& file, long line, const std::string& message) {
  ++warnings_total_;
  if (warnings_.size() < 1000)
    warnings_.push_back(file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message);
}

}  // namespace agmon::service
