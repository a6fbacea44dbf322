// The import history: imports, their files, their quarantined rows, and totals for /metrics.
#include "agmon/service/import_history.h"

#include <cstdlib>

#include "agmon/core/json_writer.h"
#include "agmon/service/student_list.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

constexpr const char* kSummaryColumns =
    "import_id, started_at, coalesce(finished_at, ''), mode, origin, outcome, rows_read, "
    "rows_applied, rows_changed, rows_quarantined, rows_removed, students_evaluated, "
    "alerts_opened, alerts_resolved, seconds, message";

ImportSummary summary_from(const store::Statement& st) {
  ImportSummary s;
  s.import_id = static_cast<long>(st.integer(0));
  s.started_at = st.str(1);
  s.finished_at = st.str(2);
  s.mode = st.str(3);
  s.origin = st.str(4);
  s.outcome = st.str(5);
  s.rows_read = static_cast<long>(st.integer(6));
  s.rows_applied = static_cast<long>(st.integer(7));
  s.rows_changed = static_cast<long>(st.integer(8));
  s.rows_quarantined = static_cast<long>(st.integer(9));
  s.rows_removed = static_cast<long>(st.integer(10));
  s.students_evaluated = static_cast<long>(st.integer(11));
  s.alerts_opened = static_cast<long>(st.integer(12));
  s.alerts_resolved = static_cast<long>(st.integer(13));
  s.seconds = st.real(14);
  s.message = st.str(15);
  return s;
}

void write_summary(core::JsonWriter& w, const ImportSummary& s) {
  w.begin_object().field("import_id", s.import_id).field("started_at", s.started_at);
  w.key("finished_at");
  if (s.finished_at.empty()) w.null();
  else w.value(s.finished_at);
  w.field("mode", s.mode).field("origin", s.origin).field("outcome", s.outcome);
  w.field("rows_read", s.rows_read).field("rows_applied", s.rows_applied);
  w.field("rows_changed", s.rows_changed).field("rows_quarantined", s.rows_quarantined);
  w.field("rows_removed", s.rows_removed).field("students_evaluated", s.students_evaluated);
  w.field("alerts_opened", s.alerts_opened).field("alerts_resolved", s.alerts_resolved);
  w.key("seconds").fixed(s.seconds, 3).field("message", s.message);
  w.end_object();
}

// A cursor holding a positive integer key.
std::optional<long> numeric_cursor(const std::string& kind, const std::string& cursor) {
  auto key = decode_cursor(kind, cursor);
  if (!key || key->empty() || key->size() > 18) return std::nullopt;
  char* end = nullptr;
  long v = std::strtol(key->c_str(), &end, 10);
  if (*end != '\0' || v <= 0) return std::nullopt;
  return v;
}

}  // namespace

core::Result<ImportPage> list_imports(store::Database& db, int limit, const std::string& cursor) {
  if (limit < 1 || limit > kMaxPageSize)
    return make_error(ErrorCode::kInvalidArgument, "limit must be from 1 to " + std::to_string(kMaxPageSize));
  long before = 0;
  if (!cursor.empty()) {
    auto c = numeric_cursor("imports", cursor);
    if (!c) return make_error(ErrorCode::kInvalidArgument, "cursor is not one this server gave out");
    before = *c;
  }
  ImportPage page;
  try {
    auto st = db.prepare(std::string("SELECT ") + kSummaryColumns +
                         " FROM imports WHERE (?1 = 0 OR import_id < ?1) ORDER BY import_id DESC LIMIT ?2");
    st.bind(1, static_cast<std::int64_t>(before)).bind(2, limit + 1);
    while (st.step()) {
      if (static_cast<int>(page.imports.size()) == limit) {
        page.next_cursor = encode_cursor("imports", std::to_string(page.imports.back().import_id));
        break;
      }
      page.imports.push_back(summary_from(st));
    }
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot read the import history: ") + e.what());
  }
  return page;
}

core::Result<ImportDetail> import_detail(store::Database& db, long import_id, int limit,
                                         const std::string& cursor) {
  if (limit < 1 || limit > kMaxPageSize)
    return make_error(ErrorCode::kInvalidArgument, "limit must be from 1 to " + std::to_string(kMaxPageSize));
  long after = 0;
  if (!cursor.empty()) {
    auto c = numeric_cursor("quarantine", cursor);
    if (!c) return make_error(ErrorCode::kInvalidArgument, "cursor is not one this server gave out");
    after = *c;
  }
  ImportDetail d;
  try {
    auto head = db.prepare(std::string("SELECT ") + kSummaryColumns + ", report_json FROM imports WHERE import_id = ?");
    head.bind(1, static_cast<std::int64_t>(import_id));
    if (!head.step()) return make_error(ErrorCode::kNotFound, "no import " + std::to_string(import_id));
    d.summary = summary_from(head);
    d.report_json = head.str(16);
    head.reset();
    auto files = db.prepare(
        "SELECT file_name, kind, sha256, rows_read, rows_quarantined FROM import_files "
        "WHERE import_id = ? ORDER BY rowid");
    files.bind(1, static_cast<std::int64_t>(import_id));
    while (files.step())
      d.files.push_back({files.str(0), files.str(1), files.str(2), static_cast<long>(files.integer(3)),
                         static_cast<long>(files.integer(4))});
    auto rows = db.prepare(
        "SELECT rowid, file_name, line, column_name, value, kind, reason, raw FROM quarantined_rows "
        "WHERE import_id = ? AND rowid > ? ORDER BY rowid LIMIT ?");
    rows.bind(1, static_cast<std::int64_t>(import_id)).bind(2, static_cast<std::int64_t>(after));
    rows.bind(3, limit + 1);
    long last_rowid = 0;
    while (rows.step()) {
      if (static_cast<int>(d.quarantined.size()) == limit) {
        d.next_cursor = encode_cursor("quarantine", std::to_string(last_rowid));
        break;
      }
      last_rowid = static_cast<long>(rows.integer(0));
      d.quarantined.push_back({rows.str(1), static_cast<long>(rows.integer(2)), rows.str(3), rows.str(4),
                               rows.str(5), rows.str(6), rows.str(7)});
    }
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot read the import: ") + e.what());
  }
  return d;
}

std::string import_page_json(const ImportPage& page) {
  core::JsonWriter w;
  w.begin_object().key("imports").begin_array();
  for (const auto& s : page.imports) write_summary(w, s);
  w.end_array().key("next_cursor");
  if (page.next_cursor.empty()) w.null();
  else w.value(page.next_cursor);
  w.end_object();
  return w.take();
}

std::string import_detail_json(const ImportDetail& d) {
  core::JsonWriter w;
  w.begin_object().key("import");
  write_summary(w, d.summary);
  // The stored report is JSON written by import_report_json(); an old or empty one is '{}'.
  w.key("report").raw(d.report_json.empty() ? "{}" : d.report_json);
  w.key("files").begin_array();
  for (const auto& f : d.files) {
    w.begin_object().field("file", f.file).field("kind", f.kind).field("sha256", f.sha256);
    w.field("rows_read", f.rows_read).field("rows_quarantined", f.rows_quarantined).end_object();
  }
  w.end_array().key("quarantined").begin_array();
  for (const auto& r : d.quarantined) {
    w.begin_object().field("file", r.file).field("line", r.line).field("column", r.column);
    w.field("value", r.value).field("kind", r.kind).field("reason", r.reason).field("raw", r.raw);
    w.end_object();
  }
  w.end_array().key("next_cursor");
  if (d.next_cursor.empty()) w.null();
  else w.value(d.next_cursor);
  w.end_object();
  return w.take();
}

core::Result<ImportTotals> import_totals(store::Database& db) {
  ImportTotals t;
  try {
    auto st = db.prepare(
        "SELECT outcome, count(*), coalesce(sum(rows_applied), 0), coalesce(sum(rows_quarantined), 0) "
        "FROM imports GROUP BY outcome");
    while (st.step()) {
      std::string outcome = st.str(0);
      t.imports_by_outcome[outcome] = static_cast<long>(st.integer(1));
      // Rows of refused imports were never applied, and theirs are not "quarantined" data.
      if (outcome == "applied" || outcome == "applied_with_quarantine") {
        t.rows_applied += static_cast<long>(st.integer(2));
        t.rows_quarantined += static_cast<long>(st.integer(3));
      }
    }
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot read the import totals: ") + e.what());
  }
  return t;
}

}  // namespace agmon::service
