#include "agmon/store/import_stage.h"

#include <map>

#include "store/course_tally.h"
#include "store/first_load_marks.h"
#include "store/mark_runs.h"
#include "store/stage_tables.h"

namespace agmon::store {
namespace {

using stage::area_text;
using stage::is_key;
using stage::join;
using stage::kCourses;
using stage::kMarks;
using stage::kPrograms;
using stage::kStudents;
using stage::TableSpec;

std::string stage_name(const TableSpec& t) { return std::string("stage_") + t.table; }

// "a.k1 = b.k1 AND a.k2 = b.k2"
std::string key_match(const TableSpec& t, const std::string& a, const std::string& b) {
  std::string out;
  for (size_t i = 0; i < t.key.size(); ++i) {
    if (i) out += " AND ";
    out += a + "." + t.key[i] + " = " + b + "." + t.key[i];
  }
  return out;
}

// "t.c1 IS NOT s.c1 OR ..." over the non-key columns.
std::string differs(const TableSpec& t, const std::string& a, const std::string& b) {
  std::string out;
  for (auto c : t.columns) {
    if (is_key(t, c)) continue;
    if (!out.empty()) out += " OR ";
    out += a + "." + c + " IS NOT " + b + "." + c;
  }
  return out.empty() ? "0" : out;
}

// The stage is keyed by the natural key (WITHOUT ROWID): one B-tree write a row instead of a
// table row plus a unique-index entry, and the merge reads it in key order as it lies. Each
// column keeps the real table's declared type, so the diff compares values alike.
void create_stage(Database& db, const TableSpec& t) {
  std::map<std::string, std::string> types;
  {
    auto info = db.prepare("SELECT name, type FROM pragma_table_info(?1, 'main')");
    info.bind(1, t.table);
    while (info.step()) types[info.str(0)] = info.str(1);
  }
  std::string columns;
  for (auto c : t.columns) columns += std::string(c) + " " + types[c] + ", ";
  db.exec("CREATE TEMP TABLE " + stage_name(t) + " (" + columns +
          "src_file TEXT, src_line INTEGER, PRIMARY KEY (" + join(t.key) + ")) WITHOUT ROWID");
}

// "VERB INTO stage_t(columns, src_file, src_line) VALUES ": a staging insert before its rows.
std::string insert_head(const TableSpec& t, const char* verb) {
  return std::string(verb) + " INTO " + stage_name(t) + "(" + join(t.columns) +
         ", src_file, src_line) VALUES ";
}

std::string insert_sql(const TableSpec& t, const char* verb) {
  return insert_head(t, verb) + "(" + stage::placeholders(t.columns.size() + 2) + ")";
}

// Inserts a staged row; on a key collision replaces it and reports the row it displaced.
// The binders bind the record's own strings without copying them (bind_static): the record
// outlives every statement run here. `key_text` is only called for a displaced row.
template <typename BindFn, typename KeyFn>
std::optional<DisplacedRow> stage_row(Database& db, Statement& ins, const TableSpec& t,
                                      BindFn bind_columns, const std::string& file, long line,
                                      KeyFn key_text) {
  bind_columns(ins);
  int n = static_cast<int>(t.columns.size());
  ins.bind_static(n + 1, file).bind(n + 2, line);
  ins.run();
  if (db.changes() == 1) return std::nullopt;
  // Duplicate key within the call: keep the last, report the first. The lookup numbers its
  // parameters like the insert (?N = column N), so the same binder fills it.
  std::string where = stage::key_params(t);
  where += " AND (?" + std::to_string(n + 2) + " IS NULL OR 1)";
  auto prev = db.prepare("SELECT src_file, src_line FROM " + stage_name(t) + " WHERE " + where);
  bind_columns(prev);
  prev.bind(n + 1, file).bind(n + 2, line);
  DisplacedRow displaced;
  displaced.key = key_text();
  if (prev.step()) {
    displaced.file = prev.str(0);
    displaced.line = static_cast<long>(prev.integer(1));
  }
  auto replace = db.prepare(insert_sql(t, "INSERT OR REPLACE"));
  bind_columns(replace);
  replace.bind(n + 1, file).bind(n + 2, line);
  replace.run();
  return displaced;
}

std::optional<std::int64_t> flag(const std::optional<bool>& b) {
  if (!b) return std::nullopt;
  return *b ? 1 : 0;
}

std::string race_codes_text(const std::vector<int>& codes) {
  std::string out;
  for (size_t i = 0; i < codes.size(); ++i) out += (i ? ";" : "") + std::to_string(codes[i]);
  return out;
}

// Upserts staged rows into the real table, updating only rows that differ. Returns changes.
long upsert(Database& db, const TableSpec& t, const std::string& extra_where = "") {
  std::string sets;
  for (auto c : t.columns) {
    if (is_key(t, c)) continue;
    sets += std::string(sets.empty() ? "" : ", ") + c + " = excluded." + c;
  }
  std::string sql = "INSERT INTO " + std::string(t.table) + "(" + join(t.columns) + ") SELECT " +
                    join(t.columns) + " FROM " + stage_name(t) + " WHERE " +
                    (extra_where.empty() ? "1" : extra_where) + " ORDER BY " + join(t.key) +
                    " ON CONFLICT(" + join(t.key) + ") DO UPDATE SET " + sets + " WHERE " +
                    differs(t, t.table, "excluded");
  db.exec(sql);
  return db.changes();
}

}  // namespace

ImportStage::ImportStage(Database& db) : db_(db), courses_(std::make_unique<CourseTally>()) {
  bool nothing_stored = false;
  {
    auto empty = db_.prepare("SELECT NOT EXISTS(SELECT 1 FROM main.students) AND "
                             "NOT EXISTS(SELECT 1 FROM main.course_marks)");
    nothing_stored = empty.step() && empty.integer(0) != 0;
  }  // finalised here: a statement still pending would lock the table whose index the first
     // load drops
  if (nothing_stored) first_load_ = std::make_unique<FirstLoadMarks>(db_, *courses_);
  for (const TableSpec* t : {&kStudents, &kCourses, &kMarks, &kPrograms}) {
    db_.exec("DROP TABLE IF EXISTS temp." + stage_name(*t));
    create_stage(db_, *t);
  }
  db_.exec("DROP TABLE IF EXISTS temp.touched_students");
  db_.exec("CREATE TEMP TABLE touched_students (student_id TEXT PRIMARY KEY) WITHOUT ROWID");
  db_.exec("DROP TABLE IF EXISTS temp.removed_students");
  db_.exec("CREATE TEMP TABLE removed_students (student_id TEXT PRIMARY KEY) WITHOUT ROWID");
  ins_student_ = db_.prepare(insert_sql(kStudents, "INSERT OR IGNORE"));
  ins_course_ = db_.prepare(insert_sql(kCourses, "INSERT OR IGNORE"));
  ins_mark_ = db_.prepare(insert_sql(kMarks, "INSERT OR IGNORE"));
  if (!first_load_) {
    staged_runs_ = std::make_unique<MarkRuns>();
    staged_batch_ = std::make_unique<MarkBatch>(db_, insert_head(kMarks, "INSERT OR IGNORE"), true);
  }
  ins_program_ = db_.prepare(insert_sql(kPrograms, "INSERT OR IGNORE"));
  known_student_ = db_.prepare(
      "SELECT EXISTS(SELECT 1 FROM stage_students WHERE student_id = ?1) OR "
      "EXISTS(SELECT 1 FROM main.students WHERE student_id = ?1)");
  // A course is known when the school's catalog has it for any year: the evaluator picks
  // the catalog row nearest the mark's year (a current-year mark often arrives before the
  // new year's catalog does).
  known_course_ = db_.prepare(
      "SELECT EXISTS(SELECT 1 FROM stage_courses WHERE school_code = ?1 AND local_course_id = ?2) "
      "OR EXISTS(SELECT 1 FROM main.courses WHERE school_code = ?1 AND local_course_id = ?2)");
}

// Statements must be finalised before the temp tables can be dropped; the TEMP tables die
// with the connection or the next ImportStage.
ImportStage::~ImportStage() = default;

std::vector<std::string> ImportStage::late_duplicate_marks() const {
  return first_load_ ? first_load_->late_duplicates() : std::vector<std::string>{};
}

std::optional<DisplacedRow> ImportStage::add_student(const core::Student& s, const std::string& file,
                                                     long line) {
  auto bind = [&](Statement& st) {
    st.bind_static(1, s.student_id).bind_static(2, s.school_code).bind_static(3, s.grade_level);
    st.bind_static(4, s.ssid).bind_static(5, s.academic_year).bind_static(6, s.counselor_id);
    st.bind_static(7, s.last_name).bind_static(8, s.first_name).bind_static(9, s.birth_date);
    st.bind_static(10, s.gender).bind(11, flag(s.hispanic));
    st.bind(12, race_codes_text(s.race_codes)).bind_static(13, s.el_status).bind(14, flag(s.sed));
    st.bind(15, flag(s.swd)).bind(16, flag(s.foster)).bind(17, flag(s.homeless));
  };
  return stage_row(db_, ins_student_, kStudents, bind, file, line, [&] { return s.student_id; });
}

std::optional<DisplacedRow> ImportStage::add_course(const core::Course& c, const std::string& file,
                                                    long line) {
  auto bind = [&](Statement& st) {
    st.bind_static(1, c.school_code).bind_static(2, c.local_course_id).bind_static(3, c.academic_year);
    st.bind_static(4, c.course_title).bind(5, area_text(c.ag_area)).bind(6, core::rigor_name(c.rigor));
    st.bind_static(7, c.state_course_code).bind(8, c.math_level).bind_static(9, c.lote_language);
    st.bind(10, c.lote_level).bind_static(11, c.hss_type).bind_static(12, c.science_discipline);
    st.bind_static(13, c.vpa_discipline).bind_static(14, c.transcript_abbrev);
    st.bind_static(15, c.uc_approved).bind_static(16, c.nsil_code).bind_static(17, c.credit_value);
    st.bind_static(18, c.course_length);
  };
  return stage_row(db_, ins_course_, kCourses, bind, file, line,
                   [&] { return c.school_code + "|" + c.local_course_id + "|" + c.academic_year; });
}

std::optional<DisplacedRow> ImportStage::add_mark(const core::CourseMark& m, const std::string& file,
                                                  long line) {
  if (first_load_)
    return first_load_->add(m, file, line, courses_->course(m.school_code, m.local_course_id));
  staged_runs_->next(m.student_id);
  size_t file_at = staged_runs_->file_index(file);
  const std::uint64_t hash = MarkRuns::key_hash(m);
  if (staged_runs_->first_run() && !staged_runs_->find(m, hash)) {
    // A new key (a first run collides only with itself): written with the next 15.
    staged_runs_->remember(m, hash, file_at, line);
    if (staged_batch_->add(m, &staged_runs_->file(file_at), line)) staged_batch_->write();
    return std::nullopt;
  }
  // A key repeated in the run, or a student met again: the staging table, holding every
  // earlier row, says which row is displaced. (The run needs no update: it only answers
  // "repeated in this run?", and the key is in it already or the run is not a first.)
  staged_batch_->write();
  return stage_row(db_, ins_mark_, kMarks, [&](Statement& st) { stage::bind_mark(st, m); }, file,
                   line, [&] { return mark_key_text(m); });
}

std::optional<DisplacedRow> ImportStage::add_program(const std::string& student_id,
                                                     const std::string& school_code,
                                                     const std::string& program_code,
                                                     const std::string& start_date,
                                                     const std::string& end_date,
                                                     const std::string& file, long line) {
  auto bind = [&](Statement& st) {
    st.bind_static(1, student_id).bind_static(2, school_code).bind_static(3, program_code);
    st.bind_static(4, start_date).bind_static(5, end_date);
  };
  return stage_row(db_, ins_program_, kPrograms, bind, file, line,
                   [&] { return student_id + "|" + program_code + "|" + start_date; });
}

bool ImportStage::amend_student(const StudentAmendment& a) {
  // ?1 student, ?2 fill-only flag, then one parameter per column below, in order.
  static const char* kText[] = {"school_code", "grade_level", "ssid", "academic_year",
                                "last_name", "first_name", "birth_date", "gender",
                                "race_codes", "el_status"};
  static const char* kFlags[] = {"hispanic", "sed", "swd", "foster", "homeless"};
  auto sql_for = [](const std::string& table) {
    std::string sets;
    int p = 3;
    for (const char* c : kText) {
      std::string n = "?" + std::to_string(p++);
      sets += std::string(sets.empty() ? "" : ", ") + c + " = CASE WHEN " + n + " IS NULL OR (?2 AND " +
              c + " <> '') THEN " + c + " ELSE " + n + " END";
    }
    for (const char* c : kFlags) {
      std::string n = "?" + std::to_string(p++);
      sets += std::string(", ") + c + " = CASE WHEN " + n + " IS NULL OR (?2 AND " + c +
              " IS NOT NULL) THEN " + c + " ELSE " + n + " END";
    }
    return "UPDATE " + table + " SET " + sets + " WHERE student_id = ?1";
  };
  if (!amend_prepared_) {
    amend_staged_ = db_.prepare(sql_for("temp.stage_students"));
    amend_stored_ = db_.prepare(sql_for("main.students"));
    amend_prepared_ = true;
  }
  auto run = [&](Statement& st) {
    st.bind(1, a.student_id).bind(2, a.fill_blanks_only);
    int p = 3;
    for (const auto* v : {&a.school_code, &a.grade_level, &a.ssid, &a.academic_year, &a.last_name,
                          &a.first_name, &a.birth_date, &a.gender, &a.race_codes, &a.el_status})
      st.bind(p++, *v);
    for (const auto* v : {&a.hispanic, &a.sed, &a.swd, &a.foster, &a.homeless})
      st.bind(p++, flag(*v));
    st.run();
    return db_.changes() > 0;
  };
  if (run(amend_staged_)) return true;
  if (!run(amend_stored_)) return false;
  auto touch = db_.prepare("INSERT OR IGNORE INTO touched_students VALUES (?1)");
  touch.bind(1, a.student_id).run();
  return true;
}

bool ImportStage::student_known(const std::string& student_id) {
  known_student_.bind(1, student_id);
  known_student_.step();
  bool known = known_student_.integer(0) != 0;
  known_student_.reset();
  return known;
}

bool ImportStage::course_known(const std::string& school_code, const std::string& local_course_id,
                               const std::string& academic_year) {
  (void)academic_year;
  CourseTally::Course& course = courses_->course(school_code, local_course_id);
  if (course.known) return true;  // a known course stays known for the rest of the call
  known_course_.bind(1, school_code).bind(2, local_course_id);
  known_course_.step();
  course.known = known_course_.integer(0) != 0;
  known_course_.reset();
  return course.known;
}

void ImportStage::merge_staged_marks(ImportMode mode, bool had_marks, MergeCounts& counts) {
  const std::string keys_in_stage_marks =
      "EXISTS (SELECT 1 FROM stage_course_marks s WHERE " + key_match(kMarks, "s", "course_marks") + ")";
  // The students whose marks change are collected by triggers during the upsert (it
  // already compares every staged row with the stored one), not by a second join over them:
  // an unchanged nightly file then costs one pass instead of two. (No OR IGNORE in a trigger:
  // the outer statement's conflict policy would override it.)
  if (!had_marks) {
    db_.exec("INSERT OR IGNORE INTO touched_students SELECT DISTINCT student_id FROM stage_course_marks");
  } else {
    db_.exec("CREATE TEMP TRIGGER stage_mark_inserted AFTER INSERT ON main.course_marks BEGIN "
             "INSERT INTO touched_students SELECT new.student_id WHERE NOT EXISTS (SELECT 1 FROM "
             "touched_students WHERE student_id = new.student_id); END");
    db_.exec("CREATE TEMP TRIGGER stage_mark_updated AFTER UPDATE ON main.course_marks BEGIN "
             "INSERT INTO touched_students SELECT new.student_id WHERE NOT EXISTS (SELECT 1 FROM "
             "touched_students WHERE student_id = new.student_id); END");
  }
  if (mode == ImportMode::kFull) {
    const std::string absent =
        "(school_code, academic_year) IN (SELECT DISTINCT school_code, academic_year FROM "
        "stage_course_marks) AND NOT " + keys_in_stage_marks;
    db_.exec("INSERT OR IGNORE INTO touched_students SELECT DISTINCT student_id FROM "
             "main.course_marks WHERE " + absent);
    db_.exec("DELETE FROM main.course_marks WHERE " + absent);
    counts.rows_removed += db_.changes();
  }
  if (had_marks) {
    counts.marks_changed = upsert(db_, kMarks);
    db_.exec("DROP TRIGGER temp.stage_mark_inserted");
    db_.exec("DROP TRIGGER temp.stage_mark_updated");
  } else {
    // Loading an empty table: its secondary indexes are built once, after the load. (Its
    // counting triggers stay: counting the staged rows in memory would have to follow the
    // staging's replacements and removals; this path is a district's first marks only.)
    stage::DeferredObjects indexes("index");
    indexes.drop(db_, "course_marks");
    counts.marks_changed = upsert(db_, kMarks);
    indexes.rebuild(db_);
  }
}

MergeCounts ImportStage::merge(ImportMode mode, std::vector<StrandedMark>* stranded) {
  MergeCounts counts;
  if (staged_batch_) staged_batch_->write();
  // A first import (no marks yet) has nothing to diff against: every staged student is new.
  bool had_marks = false;
  if (!first_load_) {
    auto any = db_.prepare("SELECT EXISTS(SELECT 1 FROM main.course_marks)");
    had_marks = any.step() && any.integer(0) != 0;
  }

  // Courses first: a changed course re-evaluates every student who took it.
  db_.exec("DROP TABLE IF EXISTS temp.changed_courses");
  db_.exec(
      "CREATE TEMP TABLE changed_courses (school_code TEXT, local_course_id TEXT, "
      "PRIMARY KEY (school_code, local_course_id)) WITHOUT ROWID");
  db_.exec("INSERT OR IGNORE INTO changed_courses SELECT s.school_code, s.local_course_id FROM "
           "stage_courses s LEFT JOIN main.courses t ON " + key_match(kCourses, "t", "s") +
           " WHERE t.school_code IS NULL OR " + differs(kCourses, "t", "s"));
  if (mode == ImportMode::kFull) {
    const std::string absent =
        "(school_code, academic_year) IN (SELECT DISTINCT school_code, academic_year FROM "
        "stage_courses) AND NOT EXISTS (SELECT 1 FROM stage_courses s WHERE " +
        key_match(kCourses, "s", "courses") + ")";
    db_.exec("INSERT OR IGNORE INTO changed_courses SELECT school_code, local_course_id FROM "
             "main.courses WHERE " + absent);
    db_.exec("DELETE FROM main.courses WHERE " + absent);
    counts.rows_removed += db_.changes();
  }
  counts.courses_changed = upsert(db_, kCourses);

  // Students. Full mode removes the students of the files' (school, year) pairs that the
  // files no longer list, with everything that hangs off them.
  if (mode == ImportMode::kFull) {
    db_.exec("INSERT OR IGNORE INTO removed_students SELECT student_id FROM main.students WHERE "
             "(school_code, academic_year) IN (SELECT DISTINCT school_code, academic_year FROM "
             "stage_students) AND student_id NOT IN (SELECT student_id FROM stage_students)");
    if (stranded) {
      auto st = db_.prepare("SELECT src_file, src_line, student_id FROM stage_course_marks WHERE "
                            "student_id IN (SELECT student_id FROM removed_students) ORDER BY src_file, src_line");
      while (st.step()) stranded->push_back({st.str(0), static_cast<long>(st.integer(1)), st.str(2)});
    }
    db_.exec("DELETE FROM stage_course_marks WHERE student_id IN (SELECT student_id FROM removed_students)");
    for (const char* table : {"course_marks", "student_programs", "student_evaluations", "students"}) {
      db_.exec(std::string("DELETE FROM main.") + table +
               " WHERE student_id IN (SELECT student_id FROM removed_students)");
      counts.rows_removed += db_.changes();
    }
  }
  db_.exec("INSERT OR IGNORE INTO touched_students SELECT s.student_id FROM stage_students s "
           "LEFT JOIN main.students t ON t.student_id = s.student_id WHERE t.student_id IS NULL OR " +
           differs(kStudents, "t", "s"));
  counts.students_changed = upsert(db_, kStudents);

  // Programs: the staged list of a student replaces their previous list.
  db_.exec("INSERT OR IGNORE INTO touched_students SELECT DISTINCT student_id FROM stage_student_programs");
  db_.exec("DELETE FROM main.student_programs WHERE student_id IN (SELECT student_id FROM "
           "stage_student_programs) AND NOT EXISTS (SELECT 1 FROM stage_student_programs s WHERE " +
           key_match(kPrograms, "s", "student_programs") + ")");
  counts.programs_changed = db_.changes() + upsert(db_, kPrograms);

  if (first_load_) {
    // The marks are in course_marks already (FirstLoadMarks). Nothing was stored to diff
    // against or to remove, and every student was new, so touched by the upsert above.
    first_load_->finish();
    counts.marks_changed = first_load_->rows_written();
  } else {
    merge_staged_marks(mode, had_marks, counts);
  }

  // A changed course re-evaluates everyone who took it (a scan of every mark: skipped when no
  // course changed, and on a first import, where every student with marks is touched already).
  auto any_changed = db_.prepare("SELECT EXISTS(SELECT 1 FROM changed_courses)");
  if (had_marks && any_changed.step() && any_changed.integer(0) != 0)
    db_.exec("INSERT OR IGNORE INTO touched_students SELECT DISTINCT m.student_id FROM "
             "main.course_marks m JOIN changed_courses c ON c.school_code = m.school_code AND "
             "c.local_course_id = m.local_course_id");
  db_.exec("DELETE FROM touched_students WHERE student_id NOT IN (SELECT student_id FROM main.students)");
  auto n = db_.prepare("SELECT count(*) FROM touched_students");
  n.step();
  counts.students_touched = static_cast<long>(n.integer(0));
  return counts;
}

void ImportStage::touch_all_students() {
  db_.exec("INSERT OR IGNORE INTO touched_students SELECT student_id FROM main.students");
}

void ImportStage::touch_unsummarised_students() {
  // INDEXED BY: left to itself the planner walks every student's evaluation by primary key.
  db_.exec("INSERT OR IGNORE INTO touched_students SELECT e.student_id FROM main.student_evaluations e "
           "INDEXED BY student_evaluations_unsummarised WHERE e.uc_area_status IS NULL AND EXISTS "
           "(SELECT 1 FROM main.students s WHERE s.student_id = e.student_id)");
}

std::vector<std::string> ImportStage::touched_students() {
  std::vector<std::string> out;
  auto st = db_.prepare("SELECT student_id FROM touched_students ORDER BY student_id");
  while (st.step()) out.push_back(st.str(0));
  return out;
}

}  // namespace agmon::store
