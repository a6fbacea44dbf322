// AlertRepo lifecycle: the findings of one import are staged in a TEMP table and diffed against
// the stored alerts with a handful of set-based statements (equity.md §4), so a full import of
// a large district costs a few joins rather than one round trip per alert.
#include "agmon/store/alert_repo.h"

#include <unordered_set>

#include "store/stage_tables.h"

namespace agmon::store {
namespace {

// The unary + keeps SQLite from driving these statements by the status index (every active
// alert): the staged findings, the touched or removed students are the small side to start from.
constexpr const char* kActive = "+status IN ('open', 'acknowledged')";

// Runs `sql` binding ?1 = now and, when the statement has it, ?2 = the import id.
int run(Database& db, const std::string& sql, const std::string& now, std::optional<long> import_id,
        bool has_import) {
  auto st = db.prepare(sql);
  st.bind(1, now);
  if (has_import) {
    if (import_id) st.bind(2, static_cast<std::int64_t>(*import_id));
    else st.bind_null(2);
  }
  st.run();
  return db.changes();
}

std::string audience_of(AlertScope scope) {
  return scope == AlertScope::kSubgroups ? "'administrator'" : "'counselor'";
}

// The stored alerts a diff in `scope` may resolve (columns of `alerts`, unqualified).
std::string scope_sql(AlertScope scope) {
  if (scope == AlertScope::kEvaluatedStudents)
    return "audience = 'counselor' AND student_id IN (SELECT student_id FROM temp.touched_students)";
  if (scope == AlertScope::kApOfferChanged)
    return "audience = 'counselor' AND kind = 'AP_READY_NOT_ENROLLED' AND school_code IN (SELECT "
           "school_code FROM temp.ap_offer_changed) AND student_id NOT IN (SELECT student_id FROM "
           "temp.touched_students)";
  // Subgroup alerts have no student: the student index finds the few of them at once.
  return "student_id = '' AND audience = 'administrator'";
}

// Resolves the active alerts matching `where`: events first (they need the ids), then the rows.
long resolve_where(Database& db, const std::string& where, std::optional<long> import_id,
                   const std::string& now) {
  run(db,
      "INSERT INTO alert_events(alert_id, at, event, import_id) SELECT alert_id, ?1, 'resolved', ?2 "
      "FROM alerts WHERE " + where,
      now, import_id, true);
  // The acknowledgement belonged to this episode: a reopened alert must be seen afresh.
  return run(db,
             "UPDATE alerts SET status = 'resolved', resolved_at = ?1, resolved_import_id = ?2, "
             "acknowledged_by = NULL, acknowledged_at = NULL, ack_note = NULL WHERE " + where,
             now, import_id, true);
}

// Binds parameters 1..n to NULL when the scope ends, however it ends, keeping the others (a
// binding made in place must not outlive its text).
class UnboundOnExit {
 public:
  UnboundOnExit(Statement& st, int n) : st_(st), n_(n) {}
  ~UnboundOnExit() {
    try {
      for (int p = 1; p <= n_; ++p) st_.bind_null(p);
    } catch (const StoreError&) {  // only on a parameter out of range: nothing left bound to it
    }
  }
  UnboundOnExit(const UnboundOnExit&) = delete;
  UnboundOnExit& operator=(const UnboundOnExit&) = delete;

 private:
  Statement& st_;
  int n_;
};

// Records how many alerts a first import's evaluation opened (begin_student_findings()), for
// the apply_findings() that follows on another AlertRepo of the same connection.
constexpr const char* kFirstOpened = "temp.first_import_opened_alerts";

}  // namespace

struct AlertRepo::FirstFindings {
  std::optional<long> import_id;
  std::string now;
  Statement insert;
  stage::DeferredObjects indexes{"index"};
  long opened = 0;
};

void AlertRepo::FirstFindingsDeleter::operator()(FirstFindings* f) const { delete f; }

bool AlertRepo::begin_student_findings(std::optional<long> import_id, const std::string& now) {
  begin_findings();
  db_.exec(std::string("DROP TABLE IF EXISTS ") + kFirstOpened);
  first_.reset();
  {
    auto any = db_.prepare("SELECT EXISTS (SELECT 1 FROM alerts)");
    if (any.step() && any.integer(0) != 0) return false;
  }
  first_.reset(new FirstFindings);
  first_->import_id = import_id;
  first_->now = now;
  // The identity's UNIQUE index stays (no identity can be stored twice); the others are built
  // once at the end, by one sort each, instead of row by row.
  first_->indexes.drop(db_, "alerts");
  first_->insert = db_.prepare(
      "INSERT INTO main.alerts(identity, kind, audience, school_code, counselor_id, student_id, "
      "grouping, group_name, metric, detail, message, status, opened_at, opened_import_id, "
      "last_seen_at, times_opened) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'open', "
      "?12, ?13, ?12, 1)");
  first_->insert.bind(12, now);
  if (import_id) first_->insert.bind(13, static_cast<std::int64_t>(*import_id));
  else first_->insert.bind_null(13);
  return true;
}

void AlertRepo::finish_student_findings() {
  if (!first_) return;
  first_->insert = Statement();  // no statement may be pending on alerts when its indexes are built
  // The table was empty when the evaluation began: every row is one of its alerts. (In id
  // order: unordered, SQLite reads the ids off the identity index, in identity order.)
  run(db_,
      "INSERT INTO alert_events(alert_id, at, event, import_id) SELECT alert_id, ?1, 'opened', ?2 "
      "FROM alerts ORDER BY alert_id",
      first_->now, first_->import_id, true);
  first_->indexes.rebuild(db_);
  db_.exec(std::string("CREATE TEMP TABLE ") + kFirstOpened + " AS SELECT " + std::to_string(first_->opened) +
           " AS opened");
  first_.reset();
}

void AlertRepo::begin_findings() {
  db_.exec("DROP TABLE IF EXISTS temp.staged_alerts");
  db_.exec(
      // No key: rows are appended (a keyed temp b-tree filled in random order thrashes the page
      // cache on a large import); the diff statements look identities up in `alerts` instead.
      "CREATE TEMP TABLE staged_alerts (identity TEXT NOT NULL, kind TEXT NOT NULL, "
      "audience TEXT NOT NULL, school_code TEXT NOT NULL, counselor_id TEXT NOT NULL, "
      "student_id TEXT NOT NULL, grouping TEXT NOT NULL, group_name TEXT NOT NULL, "
      "metric TEXT NOT NULL, detail TEXT NOT NULL, message TEXT NOT NULL)");
  // Same shape as ImportStage's, for a refresh outside an import (nothing evaluated).
  db_.exec("CREATE TEMP TABLE IF NOT EXISTS touched_students (student_id TEXT PRIMARY KEY) WITHOUT ROWID");
  db_.exec("CREATE TEMP TABLE IF NOT EXISTS ap_offer_changed (school_code TEXT PRIMARY KEY) WITHOUT ROWID");
  stage_ready_ = false;
}

bool AlertRepo::findings_begun() {
  auto st = db_.prepare("SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'staged_alerts'");
  return st.step();
}

void AlertRepo::end_findings() {
  stage_ = Statement();
  stage_ready_ = false;
  db_.exec("DROP TABLE IF EXISTS temp.staged_alerts");
  db_.exec("DROP TABLE IF EXISTS temp.ap_offer_changed");
}

void AlertRepo::stage(const std::vector<core::AlertFinding>& findings) {
  if (findings.empty()) return;
  Statement* into = &stage_;
  if (first_) {
    into = &first_->insert;
  } else if (!stage_ready_) {
    stage_ = db_.prepare("INSERT INTO temp.staged_alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    stage_ready_ = true;
  }
  // An identity holds one student's (or one table's) detail, so repeats can only come within
  // one call: drop them here. A student has a few findings, so a repeat is looked for among the
  // earlier ones (a set allocated per student cost more than the look); a table's findings,
  // by the hundred, go through a set.
  constexpr size_t kScanned = 16;
  std::unordered_set<std::string_view> seen;
  Statement& st = *into;
  UnboundOnExit unbound(st, 11);  // none of the eleven may point into `findings` once it is gone
  for (size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    if (findings.size() <= kScanned) {
      bool repeat = false;
      for (size_t j = 0; j < i && !repeat; ++j) repeat = findings[j].identity == f.identity;
      if (repeat) continue;
    } else if (!seen.insert(f.identity).second) {
      continue;
    }
    // In place, not copied: `findings` outlives the run, and every row binds all eleven.
    st.bind_static(1, f.identity).bind_static(2, core::alert_kind_name(f.kind));
    st.bind_static(3, f.audience).bind_static(4, f.school).bind_static(5, f.counselor);
    st.bind_static(6, f.student_id).bind_static(7, f.grouping).bind_static(8, f.group);
    st.bind_static(9, f.metric).bind_static(10, f.detail).bind_static(11, f.message);
    st.run();  // keeps the bindings: the direct insert's ?12 and ?13 hold for every alert
    if (first_) ++first_->opened;
  }
}

AlertDiff AlertRepo::apply_findings(AlertScope scope, std::optional<long> import_id, const std::string& now) {
  if (scope == AlertScope::kEvaluatedStudents) {
    // A first import's evaluation wrote its alerts already (finish_student_findings()).
    std::optional<long> opened;
    {
      auto listed = db_.prepare(
          "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'first_import_opened_alerts'");
      if (listed.step()) {
        auto count = db_.prepare(std::string("SELECT opened FROM ") + kFirstOpened);
        if (count.step()) opened = static_cast<long>(count.integer(0));
      }
    }
    if (opened) {
      db_.exec(std::string("DROP TABLE ") + kFirstOpened);
      AlertDiff d;
      d.opened = *opened;
      return d;
    }
  }
  const std::string staged = "(SELECT identity FROM temp.staged_alerts WHERE audience = " + audience_of(scope) + ")";
  AlertDiff d;
  // No alert stored yet (a district's first import): nothing can be still true, true again or
  // no longer true, and each secondary index is built once, by one sort, after the new alerts
  // (740,000 of them at 10M marks: 8.0 s of random index inserts). Their ids then follow the
  // order they were staged (by student, then kind), not their identities: no sort of every
  // finding (0.05 s at 1M marks); later ones get ids in identity order, as always.
  bool none_stored = false;
  {
    auto any = db_.prepare("SELECT NOT EXISTS (SELECT 1 FROM alerts)");
    none_stored = any.step() && any.integer(0) != 0;
  }
  stage::DeferredObjects indexes("index");
  if (none_stored) indexes.drop(db_, "alerts");
  else diff_stored(scope, staged, import_id, now, d);
  // New.
  std::int64_t before = 0;
  {  // finalised at once: no statement may be pending on alerts when its indexes are rebuilt
    auto top = db_.prepare("SELECT coalesce(max(alert_id), 0) FROM alerts");
    top.step();
    before = top.integer(0);
  }
  d.opened = run(db_,
                 "INSERT INTO alerts(identity, kind, audience, school_code, counselor_id, student_id, "
                 "grouping, group_name, metric, detail, message, status, opened_at, opened_import_id, "
                 "last_seen_at, times_opened) SELECT identity, kind, audience, school_code, counselor_id, "
                 "student_id, grouping, group_name, metric, detail, message, 'open', ?1, ?2, ?1, 1 "
                 "FROM temp.staged_alerts s WHERE s.audience = " + audience_of(scope) +
                     " AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.identity = s.identity)" +
                     (none_stored ? "" : " ORDER BY s.identity"),
                 now, import_id, true);
  run(db_,
      "INSERT INTO alert_events(alert_id, at, event, import_id) SELECT alert_id, ?1, 'opened', ?2 "
      "FROM alerts WHERE alert_id > " + std::to_string(before),
      now, import_id, true);
  indexes.rebuild(db_);
  return d;
}

void AlertRepo::diff_stored(AlertScope scope, const std::string& staged, std::optional<long> import_id,
                            const std::string& now, AlertDiff& d) {
  // Still true: last seen, and the message (it may quote figures that moved). School and
  // counselor are indexed, so they are only written when they changed (a student moved).
  const std::string still = "FROM temp.staged_alerts s WHERE s.identity = alerts.identity AND s.audience = " +
                            audience_of(scope) + " AND +alerts.status IN ('open', 'acknowledged')";
  d.still = run(db_, "UPDATE alerts SET last_seen_at = ?1, message = s.message " + still, now, import_id, false);
  db_.exec("UPDATE alerts SET school_code = s.school_code, counselor_id = s.counselor_id " + still +
           " AND (alerts.school_code <> s.school_code OR alerts.counselor_id <> s.counselor_id)");
  // True again.
  run(db_,
      "INSERT INTO alert_events(alert_id, at, event, import_id) SELECT alert_id, ?1, 'reopened', ?2 "
      "FROM alerts WHERE +status = 'resolved' AND identity IN " + staged,
      now, import_id, true);
  d.reopened = run(db_,
                   "UPDATE alerts SET status = 'open', opened_at = ?1, opened_import_id = ?2, "
                   "last_seen_at = ?1, resolved_at = NULL, resolved_import_id = NULL, "
                   "acknowledged_by = NULL, acknowledged_at = NULL, ack_note = NULL, "
                   "times_opened = times_opened + 1, message = s.message, school_code = s.school_code, "
                   "counselor_id = s.counselor_id FROM temp.staged_alerts s WHERE "
                   "s.identity = alerts.identity AND +alerts.status = 'resolved' AND s.audience = " +
                       audience_of(scope),
                   now, import_id, true);
  // No longer true.
  d.resolved = resolve_where(db_, scope_sql(scope) + " AND " + kActive + " AND identity NOT IN " + staged,
                             import_id, now);
}

long AlertRepo::resolve_absent_students(std::optional<long> import_id, const std::string& now) {
  // Inside an import the students it removed are listed (TEMP removed_students), so only their
  // alerts are looked at; otherwise every active student alert is checked.
  auto listed = db_.prepare("SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'removed_students'");
  std::string candidates = listed.step() ? "student_id IN (SELECT student_id FROM temp.removed_students) AND " : "";
  return resolve_where(db_,
                       candidates + "audience = 'counselor' AND " + kActive +
                           " AND student_id NOT IN (SELECT student_id FROM students)",
                       import_id, now);
}

void AlertRepo::snapshot_previous_statuses() {
  db_.exec("DROP TABLE IF EXISTS temp.previous_evaluations");
  // Keyed by student: the alert rules read it one batch (a range of ids) at a time.
  db_.exec(
      "CREATE TEMP TABLE previous_evaluations (student_id TEXT PRIMARY KEY, uc_complete_projected, "
      "csu_complete_projected, on_track) WITHOUT ROWID");
  db_.exec(
      "INSERT INTO previous_evaluations SELECT student_id, uc_complete_projected, "
      "csu_complete_projected, on_track FROM main.student_evaluations WHERE student_id IN "
      "(SELECT student_id FROM touched_students)");
}

std::map<std::string, core::PreviousStatus> AlertRepo::previous_statuses() {
  return previous_statuses("", "\xff");  // every id: student ids are text below 0xff
}

std::map<std::string, core::PreviousStatus> AlertRepo::previous_statuses(const std::string& first,
                                                                         const std::string& last) {
  std::map<std::string, core::PreviousStatus> out;
  auto st = db_.prepare(
      "SELECT student_id, uc_complete_projected, csu_complete_projected, on_track FROM "
      "temp.previous_evaluations WHERE student_id BETWEEN ?1 AND ?2");
  st.bind(1, first).bind(2, last);
  while (st.step()) {
    core::PreviousStatus p;
    p.uc_complete_projected = st.integer(1) != 0;
    p.csu_complete_projected = st.integer(2) != 0;
    p.on_track = st.integer(3) != 0;
    out.emplace(st.str(0), p);
  }
  return out;
}

std::map<std::string, std::vector<std::string>> AlertRepo::open_status_changes() {
  return open_status_changes("", "\xff");
}

std::map<std::string, std::vector<std::string>> AlertRepo::open_status_changes(const std::string& first,
                                                                               const std::string& last) {
  std::map<std::string, std::vector<std::string>> out;
  // Driven by the id range of the alerts' student index (touched students checked by key): a
  // plan driven by the touched list would visit every touched student for every batch.
  auto st = db_.prepare(
      "SELECT a.student_id, a.detail FROM temp.touched_students t JOIN alerts a ON a.student_id = "
      "t.student_id WHERE t.student_id BETWEEN ?1 AND ?2 AND a.kind = 'AG_STATUS_CHANGED' AND "
      "+a.status IN ('open', 'acknowledged')");  // kActive, on the alias
  st.bind(1, first).bind(2, last);
  while (st.step()) out[st.str(0)].push_back(st.str(1));
  return out;
}

void AlertRepo::set_ap_offer_changed(const std::vector<std::string>& schools) {
  db_.exec("DROP TABLE IF EXISTS temp.ap_offer_changed");
  db_.exec("CREATE TEMP TABLE ap_offer_changed (school_code TEXT PRIMARY KEY) WITHOUT ROWID");
  auto st = db_.prepare("INSERT OR IGNORE INTO temp.ap_offer_changed VALUES (?)");
  for (const auto& s : schools) {
    st.bind(1, s);
    st.run();
    st.reset();
  }
}

std::vector<ApReadyFacts> AlertRepo::ap_offer_changed_students() {
  std::vector<ApReadyFacts> out;
  auto st = db_.prepare(
      "SELECT student_id, school_code, counselor_id, as_of_year, grade, uc_gpa_capped, ap_this_year "
      "FROM student_evaluations WHERE student_id IN (SELECT e.student_id FROM student_evaluations e "
      "WHERE e.school_code IN (SELECT school_code FROM temp.ap_offer_changed) "
      "AND e.student_id NOT IN (SELECT student_id FROM temp.touched_students))");
  // The inner query reads the school index alone: the outer one fetches only the students
  // left (after a first import every student was touched, so none), never a row per student.
  while (st.step()) {
    ApReadyFacts f;
    f.student_id = st.str(0);
    f.school_code = st.str(1);
    f.counselor_id = st.str(2);
    f.as_of_year = st.str(3);
    f.grade = static_cast<int>(st.integer(4));
    f.uc_gpa_capped = st.optional_real(5);
    f.ap_this_year = st.integer(6) != 0;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace agmon::store
