#include "service/staging_sink.h"

namespace agmon::service {

using ingest::RowError;
using ingest::RowErrorKind;

void StagingSink::displaced(const std::optional<store::DisplacedRow>& row, const char* what) {
  if (!row) {
    ++accepted_;
    return;
  }
  // The earlier row loses: it is reported, the later one (just staged) is kept.
  RowError e;
  e.file = row->file;
  e.line = row->line;
  e.column = "key";
  e.value = row->key;
  e.kind = RowErrorKind::kDuplicateKey;
  e.message = std::string("duplicate ") + what + " key " + row->key +
              "; a later row in this import replaced this one";
  needs_raw_.push_back(errors_.size());
  errors_.push_back(std::move(e));
  // The later row was accepted in its place: the count of accepted rows is unchanged.
}

bool StagingSink::student_known(const std::string& student_id) {
  if (student_id == last_known_student_) return true;
  if (!stage_.student_known(student_id)) return false;
  last_known_student_ = student_id;
  return true;
}

bool StagingSink::course_known(const core::CourseMark& m) {
  std::string key = m.school_code + '\x1f' + m.local_course_id;
  if (known_courses_.count(key)) return true;
  if (!stage_.course_known(m.school_code, m.local_course_id, m.academic_year)) return false;
  known_courses_.insert(std::move(key));
  return true;
}

void StagingSink::on_student(core::Student&& s, long line) {
  displaced(stage_.add_student(s, file_, line), "student");
}

void StagingSink::on_course(core::Course&& c, long line) {
  displaced(stage_.add_course(c, file_, line), "course");
}

void StagingSink::on_mark(core::CourseMark&& m, long line) {
  RowError e;
  e.file = file_;
  e.line = line;
  e.kind = RowErrorKind::kOrphan;
  if (!student_known(m.student_id)) {
    e.column = "student_id";
    e.value = m.student_id;
    e.message = "no student " + m.student_id + " in this import or the database";
  } else if (!m.ag_area_override &&
             !course_known(m)) {
    // A mark with an ag_area_override (transfer or articulated credit) needs no catalog row.
    e.column = "local_course_id";
    e.value = m.local_course_id;
    e.message = "no course " + m.local_course_id + " in the catalog of school " + m.school_code +
                " (this import or the database)";
  } else {
    displaced(stage_.add_mark(m, file_, line), "course mark");
    return;
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

void StagingSink::on_error(RowError&& error) { errors_.push_back(std::move(error)); }

void StagingSink::on_warning(const std::string& file, long line, const std::string& message) {
  ++warnings_total_;
  if (warnings_.size() < 1000)
    warnings_.push_back(file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message);
}

}  // namespace agmon::service
