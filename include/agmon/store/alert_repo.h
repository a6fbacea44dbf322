// AlertRepo: stored alerts and their history (equity.md §4): queries, acknowledgement, and the
// set-based lifecycle diff an import runs (staged findings against the stored alerts).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agmon/core/alert_rules.h"
#include "agmon/store/database.h"

namespace agmon::store {

struct AlertRecord {
  long alert_id = 0;
  std::string identity;
  std::string kind;
  std::string audience;
  std::string school_code;
  std::string counselor_id;
  std::string student_id;
  std::string grouping;
  std::string group_name;
  std::string metric;
  std::string detail;
  std::string message;
  std::string status;  // open / acknowledged / resolved
  std::string opened_at;
  std::string last_seen_at;
  std::string resolved_at;
  std::string acknowledged_by;
  std::string acknowledged_at;
  std::string ack_note;
  int times_opened = 1;
};

// One row of alert_events.
struct AlertEvent {
  long alert_id = 0;
  std::string at;
  std::string event;  // opened / reopened / resolved / acknowledged
  std::optional<long> import_id;
  std::string actor;
  std::string note;
};

// Filters for list(); every field narrows (AND). Empty statuses = any status.
struct AlertFilter {
  std::optional<std::string> school, counselor, kind, student, audience;
  std::vector<std::string> statuses;
  std::vector<std::string> scope_schools;  // empty = every school
  std::optional<std::string> scope_counselor;
  int limit = 0;     // 0 = no limit
  long after_id = 0;  // alerts with a larger id
};

// Which stored alerts a diff may resolve.
enum class AlertScope {
  kEvaluatedStudents,  // counselor alerts of the students in TEMP touched_students
  kApOfferChanged,     // AP_READY_NOT_ENROLLED alerts of the other students of the schools
                       // in TEMP ap_offer_changed
  kSubgroups,          // every administrator alert
};

// The stored facts AP_READY_NOT_ENROLLED reads, for a student who was not re-evaluated.
struct ApReadyFacts {
  std::string student_id, school_code, counselor_id, as_of_year;
  int grade = 0;
  std::optional<double> uc_gpa_capped;
  bool ap_this_year = false;
};

struct AlertDiff {
  long opened = 0;    // new identities
  long reopened = 0;  // resolved before, true again
  long still = 0;     // open or acknowledged, still true (last seen updated)
  long resolved = 0;
};

class AlertRepo {
 public:
  explicit AlertRepo(Database& db) : db_(db) {}

  // ---- Queries -------------------------------------------------------------------------
  // Open and acknowledged alerts of one student, oldest first.
  std::vector<AlertRecord> active_for_student(const std::string& student_id);
  std::optional<AlertRecord> find(long alert_id);
  // Ascending alert id (a stable paging order).
  std::vector<AlertRecord> list(const AlertFilter& filter);
  // The history of one alert, oldest first.
  std::vector<AlertEvent> events(long alert_id);
  // Events of `counselor`'s alerts at or after `since` (ISO date or timestamp), oldest first.
  std::vector<std::pair<AlertRecord, AlertEvent>> events_since(const std::string& counselor,
                                                               const std::string& since);
  long count_active_for_counselor(const std::string& counselor);

  // Marks an open (or re-marks an acknowledged) alert acknowledged and writes the event.
  // The caller checks the status first.
  void acknowledge(long alert_id, const std::string& actor, const std::string& note, const std::string& now);

  // ---- Lifecycle (inside the import transaction) ---------------------------------------
  // (Re)creates the empty TEMP table of findings for this import.
  void begin_findings();
  // True when this connection has a findings table (begin_findings() ran, end_findings() not).
  bool findings_begun();
  // Drops the findings (and ap_offer_changed), so a later refresh cannot apply stale ones.
  void end_findings();
  // Stages findings (an identity repeated within the call is staged once; one call per student,
  // or one for all subgroup findings). Requires begin_findings().
  void stage(const std::vector<core::AlertFinding>& findings);
  // begin_findings() for the student findings of an evaluation. When no alert is stored (a
  // district's first import), there is nothing to diff against: every finding is a new open
  // alert, so stage() writes it straight into `alerts` (ids in the order found, events and
  // secondary indexes written once by finish_first_findings()) rather than into the staging
  // table and then, at the end, a second time into `alerts` on one thread. True when so.
  bool begin_student_findings(std::optional<long> import_id, const std::string& now);
  // After the last stage() of an evaluation begun by begin_student_findings(): the alerts it
  // wrote get their 'opened' events and `alerts` its indexes, and apply_findings() for
  // kEvaluatedStudents then reports them as opened without diffing. Nothing otherwise.
  void finish_student_findings();
  // Diffs the staged findings of `audience` against the stored alerts in `scope`: new ->
  // open, still true -> last seen updated (message refreshed), no longer true -> resolved
  // (acknowledgement cleared), true again -> reopened (times_opened + 1). One alert_events
  // row per transition.
  AlertDiff apply_findings(AlertScope scope, std::optional<long> import_id, const std::string& now);
  // Resolves the open alerts of students no longer in `students` (removed by a full import).
  long resolve_absent_students(std::optional<long> import_id, const std::string& now);

  // Before the touched students are re-evaluated: keeps the flags of their stored
  // evaluations (TEMP previous_evaluations, replaced at each call) for previous_statuses().
  void snapshot_previous_statuses();
  // Inputs of the student rules for the students in TEMP touched_students:
  // the previous flags (TEMP previous_evaluations) and open AG_STATUS_CHANGED details.
  std::map<std::string, core::PreviousStatus> previous_statuses();
  std::map<std::string, std::vector<std::string>> open_status_changes();
  // The same for the touched students with ids in [first, last] only: the evaluator reads
  // them one batch at a time, so memory does not grow with the number of students.
  std::map<std::string, core::PreviousStatus> previous_statuses(const std::string& first,
                                                                const std::string& last);
  std::map<std::string, std::vector<std::string>> open_status_changes(const std::string& first,
                                                                      const std::string& last);
  // Records the schools whose AP offer changed at this import (TEMP ap_offer_changed).
  void set_ap_offer_changed(const std::vector<std::string>& schools);
  // Students of those schools outside TEMP touched_students, with their stored facts.
  std::vector<ApReadyFacts> ap_offer_changed_students();

 private:
  // apply_findings()'s still true / true again / no longer true, against the stored alerts.
  void diff_stored(AlertScope scope, const std::string& staged, std::optional<long> import_id,
                   const std::string& now, AlertDiff& d);

  // A first import's direct writes (begin_student_findings()); null otherwise.
  struct FirstFindings;
  struct FirstFindingsDeleter {
    void operator()(FirstFindings* f) const;
  };

  Database& db_;
  Statement stage_;
  bool stage_ready_ = false;
  std::unique_ptr<FirstFindings, FirstFindingsDeleter> first_;
};

// Reads the columns of `alerts` in declaration order (SELECT * FROM alerts).
AlertRecord alert_from_row(const Statement& st);

}  // namespace agmon::store
