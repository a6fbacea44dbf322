#include "service/import_log.h"

#include "agmon/ingest/row_error.h"
#include "service/clock.h"

namespace agmon::service {
namespace {

void write_details(store::Database& db, long import_id, const ImportReport& r) {
  auto file = db.prepare(
      "INSERT OR REPLACE INTO import_files(import_id, file_name, kind, sha256, rows_read, "
      "rows_quarantined) VALUES (?,?,?,?,?,?)");
  for (const auto& f : r.files) {
    file.bind(1, import_id).bind(2, f.file).bind(3, f.kind).bind(4, f.sha256);
    file.bind(5, f.rows_read).bind(6, f.rows_quarantined);
    file.run();
    file.reset();
  }
  auto row = db.prepare(
      "INSERT INTO quarantined_rows(import_id, file_name, line, column_name, value, kind, reason, "
      "raw) VALUES (?,?,?,?,?,?,?,?)");
  for (const auto& e : r.quarantined) {
    row.bind(1, import_id).bind(2, e.file).bind(3, e.line).bind(4, e.column).bind(5, e.value);
    row.bind(6, std::string(ingest::row_error_kind_name(e.kind))).bind(7, e.message).bind(8, e.raw);
    row.run();
    row.reset();
  }
  auto upd = db.prepare(
      "UPDATE imports SET finished_at = ?, outcome = ?, rows_read = ?, rows_applied = ?, "
      "rows_changed = ?, rows_quarantined = ?, rows_removed = ?, students_evaluated = ?, "
      "alerts_opened = ?, alerts_resolved = ?, seconds = ?, message = ?, report_json = ? "
      "WHERE import_id = ?");
  upd.bind(1, now_iso8601()).bind(2, r.outcome).bind(3, r.rows_read).bind(4, r.rows_applied);
  upd.bind(5, r.rows_changed).bind(6, r.rows_quarantined).bind(7, r.rows_removed);
  upd.bind(8, r.students_evaluated).bind(9, r.alerts_opened).bind(10, r.alerts_resolved);
  upd.bind(11, r.seconds).bind(12, r.message).bind(13, import_report_json(r, false));
  upd.bind(14, import_id);
  upd.run();
}

}  // namespace

long begin_import_record(store::Database& db, const ImportReport& report,
                         const std::string& started_at, const std::string& origin) {
  auto st = db.prepare("INSERT INTO imports(started_at, mode, origin, outcome) VALUES (?,?,?,'running')");
  st.bind(1, started_at).bind(2, report.mode).bind(3, origin);
  st.run();
  return static_cast<long>(db.last_insert_rowid());
}

void finish_import_record(store::Database& db, const ImportReport& report) {
  write_details(db, *report.import_id, report);
}

std::optional<long> record_refused_import(const std::string& db_path, const ImportReport& report,
                                          const std::string& started_at, const std::string& origin) {
  try {
    auto opened = store::Database::open(db_path);
    if (!opened) return std::nullopt;
    store::Database& db = **opened;
    store::Transaction tx(db);
    long id = begin_import_record(db, report, started_at, origin);
    ImportReport copy = report;
    copy.import_id = id;
    write_details(db, id, copy);
    tx.commit();
    return id;
  } catch (const std::exception&) {
    return std::nullopt;  // the refusal itself is reported to the user either way
  }
}

}  // namespace agmon::service
