// ImportRepo, reading: the history pages of the API and the totals of /metrics.
#include "agmon/store/import_repo.h"

namespace agmon::store {
namespace {

constexpr const char* kRecordColumns =
    "import_id, started_at, coalesce(finished_at, ''), mode, origin, outcome, rows_read, "
    "rows_applied, rows_changed, rows_quarantined, rows_removed, students_evaluated, "
    "alerts_opened, alerts_resolved, seconds, message";

ImportRecord record_from(const Statement& st) {
  auto count = [&](int column) { return static_cast<long>(st.integer(column)); };
  ImportRecord r;
  r.import_id = count(0);
  r.started_at = st.str(1);
  r.finished_at = st.str(2);
  r.mode = st.str(3);
  r.origin = st.str(4);
  r.outcome = st.str(5);
  r.rows_read = count(6);
  r.rows_applied = count(7);
  r.rows_changed = count(8);
  r.rows_quarantined = count(9);
  r.rows_removed = count(10);
  r.students_evaluated = count(11);
  r.alerts_opened = count(12);
  r.alerts_resolved = count(13);
  r.seconds = st.real(14);
  r.message = st.str(15);
  return r;
}

}  // namespace

std::vector<ImportRecord> ImportRepo::newest(long before_id, int limit) {
  auto st = db_.prepare(
      std::string("SELECT ") + kRecordColumns +
      " FROM imports WHERE (?1 = 0 OR import_id < ?1) ORDER BY import_id DESC LIMIT ?2");
  st.bind(1, static_cast<std::int64_t>(before_id)).bind(2, limit);
  std::vector<ImportRecord> out;
  while (st.step()) out.push_back(record_from(st));
  return out;
}

std::optional<ImportRecord> ImportRepo::find(long import_id) {
  auto st = db_.prepare(std::string("SELECT ") + kRecordColumns +
                        ", report_json FROM imports WHERE import_id = ?");
  st.bind(1, static_cast<std::int64_t>(import_id));
  if (!st.step()) return std::nullopt;
  ImportRecord r = record_from(st);
  r.report_json = st.str(16);
  return r;
}

std::vector<ImportFileRecord> ImportRepo::files_of(long import_id) {
  auto st = db_.prepare(
      "SELECT file_name, kind, sha256, rows_read, rows_quarantined FROM import_files "
      "WHERE import_id = ? ORDER BY rowid");
  st.bind(1, static_cast<std::int64_t>(import_id));
  std::vector<ImportFileRecord> out;
  while (st.step())
    out.push_back({st.str(0), st.str(1), st.str(2), static_cast<long>(st.integer(3)),
                   static_cast<long>(st.integer(4))});
  return out;
}

std::vector<QuarantinedRecord> ImportRepo::quarantined_of(long import_id, long after_row_id,
                                                          int limit) {
  auto st = db_.prepare(
      "SELECT rowid, file_name, line, column_name, value, kind, reason, raw FROM quarantined_rows "
      "WHERE import_id = ? AND rowid > ? ORDER BY rowid LIMIT ?");
  st.bind(1, static_cast<std::int64_t>(import_id)).bind(2, static_cast<std::int64_t>(after_row_id));
  st.bind(3, limit);
  std::vector<QuarantinedRecord> out;
  while (st.step())
    out.push_back({static_cast<long>(st.integer(0)), st.str(1), static_cast<long>(st.integer(2)),
                   st.str(3), st.str(4), st.str(5), st.str(6), st.str(7)});
  return out;
}

std::vector<ImportOutcomeTotals> ImportRepo::totals_by_outcome() {
  auto st = db_.prepare(
      "SELECT outcome, count(*), coalesce(sum(rows_applied), 0), coalesce(sum(rows_quarantined), "
      "0) "
      "FROM imports GROUP BY outcome");
  std::vector<ImportOutcomeTotals> out;
  while (st.step())
    out.push_back({st.str(0), static_cast<long>(st.integer(1)), static_cast<long>(st.integer(2)),
                   static_cast<long>(st.integer(3))});
  return out;
}

}  // namespace agmon::store
