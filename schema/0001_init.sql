-- agmon schema, version 1: the canonical model, imports and quarantine, evaluations,
-- alerts, tokens and the FERPA audit log. Natural keys everywhere (formats.md §1).

CREATE TABLE students (
  student_id     TEXT PRIMARY KEY,
  school_code    TEXT NOT NULL,
  grade_level    TEXT NOT NULL,
  ssid           TEXT NOT NULL DEFAULT '',
  academic_year  TEXT NOT NULL DEFAULT '',
  counselor_id   TEXT NOT NULL DEFAULT '',
  last_name      TEXT NOT NULL DEFAULT '',
  first_name     TEXT NOT NULL DEFAULT '',
  birth_date     TEXT NOT NULL DEFAULT '',
  gender         TEXT NOT NULL DEFAULT '',
  hispanic       INTEGER,            -- 1/0/NULL (not given)
  race_codes     TEXT NOT NULL DEFAULT '',  -- ';'-separated CALPADS codes
  el_status      TEXT NOT NULL DEFAULT '',
  sed            INTEGER,
  swd            INTEGER,
  foster         INTEGER,
  homeless       INTEGER,
  last_import_id INTEGER
) WITHOUT ROWID;
CREATE INDEX students_school ON students(school_code, counselor_id);

-- academic_year '' = the row applies to every year.
CREATE TABLE courses (
  school_code        TEXT NOT NULL,
  local_course_id    TEXT NOT NULL,
  academic_year      TEXT NOT NULL DEFAULT '',
  course_title       TEXT NOT NULL,
  ag_area            TEXT,           -- 'a'..'g' or NULL
  rigor              TEXT NOT NULL DEFAULT '',
  state_course_code  TEXT NOT NULL DEFAULT '',
  math_level         INTEGER NOT NULL DEFAULT 0,
  lote_language      TEXT NOT NULL DEFAULT '',
  lote_level         INTEGER NOT NULL DEFAULT 0,
  hss_type           TEXT NOT NULL DEFAULT '',
  science_discipline TEXT NOT NULL DEFAULT '',
  vpa_discipline     TEXT NOT NULL DEFAULT '',
  transcript_abbrev  TEXT NOT NULL DEFAULT '',
  uc_approved        TEXT NOT NULL DEFAULT '',
  nsil_code          TEXT NOT NULL DEFAULT '',
  credit_value       TEXT NOT NULL DEFAULT '',
  course_length      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (school_code, local_course_id, academic_year)
) WITHOUT ROWID;

CREATE TABLE course_marks (
  student_id        TEXT NOT NULL,
  school_code       TEXT NOT NULL,
  academic_year     TEXT NOT NULL,
  term_code         TEXT NOT NULL,
  local_course_id   TEXT NOT NULL,
  grade_level_taken INTEGER NOT NULL DEFAULT 0,
  mark              TEXT NOT NULL DEFAULT '',
  credits_attempted TEXT NOT NULL DEFAULT '',
  credits_earned    TEXT NOT NULL DEFAULT '',
  section_id        TEXT NOT NULL DEFAULT '',
  ssid              TEXT NOT NULL DEFAULT '',
  source            TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL DEFAULT '',
  ag_area_override  TEXT,
  repeat_of_term    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (student_id, school_code, academic_year, term_code, local_course_id)
) WITHOUT ROWID;
CREATE INDEX course_marks_school_year ON course_marks(school_code, academic_year);

CREATE TABLE student_programs (
  student_id   TEXT NOT NULL,
  school_code  TEXT NOT NULL DEFAULT '',
  program_code TEXT NOT NULL,
  start_date   TEXT NOT NULL DEFAULT '',
  end_date     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (student_id, program_code, start_date)
) WITHOUT ROWID;

-- One row per `agmon import` call (CLI, HTTP upload or inbox).
CREATE TABLE imports (
  import_id         INTEGER PRIMARY KEY,
  started_at        TEXT NOT NULL,
  finished_at       TEXT,
  mode              TEXT NOT NULL,          -- full / incremental
  origin            TEXT NOT NULL DEFAULT 'cli',  -- cli / http / inbox
  outcome           TEXT NOT NULL,          -- applied / applied_with_quarantine / rejected / failed
  rows_read         INTEGER NOT NULL DEFAULT 0,
  rows_applied      INTEGER NOT NULL DEFAULT 0,
  rows_changed      INTEGER NOT NULL DEFAULT 0,
  rows_quarantined  INTEGER NOT NULL DEFAULT 0,
  rows_removed      INTEGER NOT NULL DEFAULT 0,
  students_evaluated INTEGER NOT NULL DEFAULT 0,
  alerts_opened     INTEGER NOT NULL DEFAULT 0,
  alerts_resolved   INTEGER NOT NULL DEFAULT 0,
  seconds           REAL NOT NULL DEFAULT 0,
  message           TEXT NOT NULL DEFAULT '',
  report_json       TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE import_files (
  import_id  INTEGER NOT NULL REFERENCES imports(import_id) ON DELETE CASCADE,
  file_name  TEXT NOT NULL,
  kind       TEXT NOT NULL,
  sha256     TEXT NOT NULL DEFAULT '',
  rows_read  INTEGER NOT NULL DEFAULT 0,
  rows_quarantined INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (import_id, file_name)
);

CREATE TABLE quarantined_rows (
  import_id  INTEGER NOT NULL REFERENCES imports(import_id) ON DELETE CASCADE,
  file_name  TEXT NOT NULL,
  line       INTEGER NOT NULL,
  column_name TEXT NOT NULL DEFAULT '',
  value      TEXT NOT NULL DEFAULT '',
  kind       TEXT NOT NULL,
  reason     TEXT NOT NULL,
  raw        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quarantined_rows_import ON quarantined_rows(import_id, file_name, line);

-- The latest evaluation of every student: flat columns for SQL aggregation (gaps, alerts,
-- lists) and the full report for lookups.
CREATE TABLE student_evaluations (
  student_id          TEXT PRIMARY KEY,
  school_code         TEXT NOT NULL,
  counselor_id        TEXT NOT NULL DEFAULT '',
  grade               INTEGER NOT NULL,
  as_of_year          TEXT NOT NULL,
  race_ethnicity      TEXT NOT NULL,
  gender              TEXT NOT NULL,
  el                  INTEGER NOT NULL,
  sed                 INTEGER NOT NULL,
  swd                 INTEGER NOT NULL,
  foster              INTEGER NOT NULL,
  homeless            INTEGER NOT NULL,
  uc_complete         INTEGER NOT NULL,
  uc_complete_projected INTEGER NOT NULL,
  csu_complete        INTEGER NOT NULL,
  csu_complete_projected INTEGER NOT NULL,
  uc_eligible         INTEGER NOT NULL,
  csu_eligible        INTEGER NOT NULL,
  on_track            INTEGER NOT NULL,
  uc_gpa_capped       REAL,
  csu_gpa             REAL,
  credited_semesters  REAL NOT NULL,
  projected_semesters REAL NOT NULL,
  ap_this_year        INTEGER NOT NULL,
  report_json         TEXT NOT NULL,
  evaluated_import_id INTEGER
) WITHOUT ROWID;
CREATE INDEX student_evaluations_school ON student_evaluations(school_code, counselor_id);

-- Per-year snapshot of the aggregation columns, so gaps can be shown across years
-- (GAP_WIDENING compares against the previous school year).
CREATE TABLE evaluation_history (
  as_of_year    TEXT NOT NULL,
  student_id    TEXT NOT NULL,
  school_code   TEXT NOT NULL,
  grade         INTEGER NOT NULL,
  race_ethnicity TEXT NOT NULL,
  gender        TEXT NOT NULL,
  el INTEGER NOT NULL, sed INTEGER NOT NULL, swd INTEGER NOT NULL,
  foster INTEGER NOT NULL, homeless INTEGER NOT NULL,
  uc_complete INTEGER NOT NULL, uc_complete_projected INTEGER NOT NULL,
  csu_complete INTEGER NOT NULL, csu_complete_projected INTEGER NOT NULL,
  on_track INTEGER NOT NULL,
  uc_gpa_capped REAL,
  ap_this_year INTEGER NOT NULL,
  PRIMARY KEY (as_of_year, student_id)
) WITHOUT ROWID;

-- Schools offering AP in a year (derived after each import from the catalog and marks).
CREATE TABLE school_ap_offer (
  school_code   TEXT NOT NULL,
  academic_year TEXT NOT NULL,
  PRIMARY KEY (school_code, academic_year)
) WITHOUT ROWID;

CREATE TABLE alerts (
  alert_id      INTEGER PRIMARY KEY,
  identity      TEXT NOT NULL UNIQUE,   -- kind|student or school/grouping/group/metric|detail key
  kind          TEXT NOT NULL,
  audience      TEXT NOT NULL,          -- counselor / administrator
  school_code   TEXT NOT NULL DEFAULT '',
  counselor_id  TEXT NOT NULL DEFAULT '',
  student_id    TEXT NOT NULL DEFAULT '',
  grouping      TEXT NOT NULL DEFAULT '',
  group_name    TEXT NOT NULL DEFAULT '',
  metric        TEXT NOT NULL DEFAULT '',
  detail        TEXT NOT NULL DEFAULT '',
  message       TEXT NOT NULL,
  status        TEXT NOT NULL,          -- open / acknowledged / resolved
  opened_at     TEXT NOT NULL,
  opened_import_id INTEGER,
  last_seen_at  TEXT NOT NULL,
  resolved_at   TEXT,
  resolved_import_id INTEGER,
  acknowledged_by TEXT,
  acknowledged_at TEXT,
  ack_note      TEXT,
  times_opened  INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX alerts_status ON alerts(status, school_code, counselor_id);
CREATE INDEX alerts_student ON alerts(student_id);

CREATE TABLE alert_events (
  alert_id  INTEGER NOT NULL REFERENCES alerts(alert_id) ON DELETE CASCADE,
  at        TEXT NOT NULL,
  event     TEXT NOT NULL,   -- opened / resolved / reopened / acknowledged
  import_id INTEGER,
  actor     TEXT NOT NULL DEFAULT '',
  note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alert_events_alert ON alert_events(alert_id, at);

CREATE TABLE api_tokens (
  token_id     INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  token_sha256 TEXT NOT NULL UNIQUE,
  role         TEXT NOT NULL,        -- counselor / admin / importer
  schools      TEXT NOT NULL DEFAULT '',  -- ';'-separated
  counselor_id TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  revoked_at   TEXT
);

CREATE TABLE audit_log (
  audit_id    INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  token_name  TEXT NOT NULL,
  role        TEXT NOT NULL,
  student_id  TEXT NOT NULL,
  endpoint    TEXT NOT NULL,
  client      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_student ON audit_log(student_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
