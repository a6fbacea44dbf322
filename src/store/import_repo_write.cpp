// ImportRepo, writing: one import call's row, files and quarantined rows. Each batch is one
// prepared statement reused for every row (a rejected call may quarantine many thousands).
#include "agmon/store/import_repo.h"

namespace agmon::store {

long ImportRepo::begin(const std::string& started_at, const std::string& mode,
                       const std::string& origin) {
  auto st = db_.prepare(
      "INSERT INTO imports(started_at, mode, origin, outcome) VALUES (?,?,?,'running')");
  st.bind(1, started_at).bind(2, mode).bind(3, origin);
  st.run();
  return static_cast<long>(db_.last_insert_rowid());
}

void ImportRepo::add_files(long import_id, const std::vector<ImportFileRecord>& files) {
  auto st = db_.prepare(
      "INSERT OR REPLACE INTO import_files(import_id, file_name, kind, sha256, rows_read, "
      "rows_quarantined) VALUES (?,?,?,?,?,?)");
  for (const auto& f : files) {
    st.bind(1, static_cast<std::int64_t>(import_id))
        .bind(2, f.file)
        .bind(3, f.kind)
        .bind(4, f.sha256);
    st.bind(5, static_cast<std::int64_t>(f.rows_read))
        .bind(6, static_cast<std::int64_t>(f.rows_quarantined));
    st.run();
    st.reset();
  }
}

void ImportRepo::add_quarantined(long import_id, const std::vector<QuarantinedRecord>& rows) {
  auto st = db_.prepare(
      "INSERT INTO quarantined_rows(import_id, file_name, line, column_name, value, kind, reason, "
      "raw) VALUES (?,?,?,?,?,?,?,?)");
  for (const auto& e : rows) {
    st.bind(1, static_cast<std::int64_t>(import_id)).bind(2, e.file);
    st.bind(3, static_cast<std::int64_t>(e.line)).bind(4, e.column).bind(5, e.value);
    st.bind(6, e.kind).bind(7, e.reason).bind(8, e.raw);
    st.run();
    st.reset();
  }
}

void ImportRepo::finish(const ImportRecord& r) {
  auto st = db_.prepare(
      "UPDATE imports SET finished_at = ?, outcome = ?, rows_read = ?, rows_applied = ?, "
      "rows_changed = ?, rows_quarantined = ?, rows_removed = ?, students_evaluated = ?, "
      "alerts_opened = ?, alerts_resolved = ?, seconds = ?, message = ?, report_json = ? "
      "WHERE import_id = ?");
  auto count = [](long v) { return static_cast<std::int64_t>(v); };
  st.bind(1, r.finished_at)
      .bind(2, r.outcome)
      .bind(3, count(r.rows_read))
      .bind(4, count(r.rows_applied));
  st.bind(5, count(r.rows_changed))
      .bind(6, count(r.rows_quarantined))
      .bind(7, count(r.rows_removed));
  st.bind(8, count(r.students_evaluated)).bind(9, count(r.alerts_opened));
  st.bind(10, count(r.alerts_resolved))
      .bind(11, r.seconds)
      .bind(12, r.message)
      .bind(13, r.report_json);
  st.bind(14, count(r.import_id));
  st.run();
}

}  // namespace agmon::store
