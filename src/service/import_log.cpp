#include "service/import_log.h"

#include "agmon/ingest/row_error.h"
#include "agmon/store/import_repo.h"
#include "service/clock.h"

namespace agmon::service {
namespace {

void write_details(store::Database& db, long import_id, const ImportReport& r) {
  store::ImportRepo imports(db);
  std::vector<store::ImportFileRecord> files;
  files.reserve(r.files.size());
  for (const auto& f : r.files) files.push_back({f.file, f.kind, f.sha256, f.rows_read, f.rows_quarantined});
  imports.add_files(import_id, files);
  std::vector<store::QuarantinedRecord> rows;
  rows.reserve(r.quarantined.size());
  for (const auto& e : r.quarantined)
    rows.push_back({0, e.file, e.line, e.column, e.value, std::string(ingest::row_error_kind_name(e.kind)),
                    e.message, e.raw});
  imports.add_quarantined(import_id, rows);
  store::ImportRecord done;
  done.import_id = import_id;
  done.finished_at = now_iso8601();
  done.outcome = r.outcome;
  done.rows_read = r.rows_read;
  done.rows_applied = r.rows_applied;
  done.rows_changed = r.rows_changed;
  done.rows_quarantined = r.rows_quarantined;
  done.rows_removed = r.rows_removed;
  done.students_evaluated = r.students_evaluated;
  done.alerts_opened = r.alerts_opened;
  done.alerts_resolved = r.alerts_resolved;
  done.seconds = r.seconds;
  done.message = r.message;
  done.report_json = import_report_json(r, false);
  imports.finish(done);
}

}  // namespace

long begin_import_record(store::Database& db, const ImportReport& report,
                         const std::string& started_at, const std::string& origin) {
  return store::ImportRepo(db).begin(started_at, report.mode, origin);
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
