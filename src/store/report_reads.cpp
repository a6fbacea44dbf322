// Prepared reads of the student report fast path; see report_reads.h.
#include "agmon/store/report_reads.h"

namespace agmon::store {
ReportReads::ReportReads(Database& db)
    : student_(db.prepare("SELECT school_code, counselor_id, report_json, report_packed FROM student_evaluations "
                          "WHERE student_id = ?")),
      alerts_(db.prepare("SELECT * FROM alerts WHERE student_id = ? AND status IN ('open', 'acknowledged') "
                         "ORDER BY opened_at, alert_id")),
      begin_(db.prepare("BEGIN")),
      commit_(db.prepare("COMMIT")) {}

ReportReads::Snapshot::Snapshot(ReportReads& reads) : reads_(reads) { reads_.begin_.run(); }

ReportReads::Snapshot::~Snapshot() {
  try {
    reads_.commit_.run();
  } catch (...) {  // a read transaction cannot fail to end in a way that matters here
  }
}

std::optional<StoredReport> ReportReads::evaluation(const std::string& student_id) {
  ResetOnExit reset(student_);
  student_.bind(1, student_id);
  if (!student_.step()) return std::nullopt;
  StoredReport r;
  r.school_code = student_.str(0);
  r.counselor_id = student_.str(1);
  r.report_json = student_.str(2);
  r.report_packed = std::string(student_.blob(3));
  return r;
}

std::vector<AlertRecord> ReportReads::open_alerts(const std::string& student_id) {
  ResetOnExit reset(alerts_);
  alerts_.bind(1, student_id);
  std::vector<AlertRecord> out;
  while (alerts_.step()) out.push_back(alert_from_row(alerts_));
  return out;
}

std::string content_signature(Database& db) {
  auto st = db.prepare(
      "SELECT (SELECT coalesce(max(import_id), 0) FROM imports), "
      "(SELECT coalesce(max(rowid), 0) FROM alert_events)");
  if (!st.step()) return std::string();
  return std::to_string(st.integer(0)) + ":" + std::to_string(st.integer(1));
}

std::optional<AlertOwner> alert_owner(Database& db, std::int64_t alert_id) {
  auto st = db.prepare("SELECT school_code, counselor_id FROM alerts WHERE alert_id = ?");
  st.bind(1, alert_id);
  if (!st.step()) return std::nullopt;
  return AlertOwner{st.str(0), st.str(1)};
}

}  // namespace agmon::store
