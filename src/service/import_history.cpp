// The import history: imports, their files, their quarantined rows, and totals for /metrics.
#include "agmon/service/import_history.h"

#include <cstdlib>

#include "agmon/core/json_writer.h"
#include "agmon/service/student_list.h"
#include "agmon/store/import_repo.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

ImportSummary summary_from(const store::ImportRecord& r) {
  ImportSummary s;
  s.import_id = r.import_id;
  s.started_at = r.started_at;
  s.finished_at = r.finished_at;
  s.mode = r.mode;
  s.origin = r.origin;
  s.outcome = r.outcome;
  s.rows_read = r.rows_read;
  s.rows_applied = r.rows_applied;
  s.rows_changed = r.rows_changed;
  s.rows_quarantined = r.rows_quarantined;
  s.rows_removed = r.rows_removed;
  s.students_evaluated = r.students_evaluated;
  s.alerts_opened = r.alerts_opened;
  s.alerts_resolved = r.alerts_resolved;
  s.seconds = r.seconds;
  s.message = r.message;
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
    // One more than asked tells whether there is a next page.
    for (const auto& r : store::ImportRepo(db).newest(before, limit + 1)) {
      if (static_cast<int>(page.imports.size()) == limit) {
        page.next_cursor = encode_cursor("imports", std::to_string(page.imports.back().import_id));
        break;
      }
      page.imports.push_back(summary_from(r));
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
    store::ImportRepo imports(db);
    auto head = imports.find(import_id);
    if (!head) return make_error(ErrorCode::kNotFound, "no import " + std::to_string(import_id));
    d.summary = summary_from(*head);
    d.report_json = std::move(head->report_json);
    d.files = imports.files_of(import_id);
    long last_rowid = 0;
    for (auto& r : imports.quarantined_of(import_id, after, limit + 1)) {
      if (static_cast<int>(d.quarantined.size()) == limit) {
        d.next_cursor = encode_cursor("quarantine", std::to_string(last_rowid));
        break;
      }
      last_rowid = r.row_id;
      d.quarantined.push_back(std::move(r));
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
    for (const auto& o : store::ImportRepo(db).totals_by_outcome()) {
      t.imports_by_outcome[o.outcome] = o.imports;
      // Rows of refused imports were never applied, and theirs are not "quarantined" data.
      if (o.outcome == "applied" || o.outcome == "applied_with_quarantine") {
        t.rows_applied += o.rows_applied;
        t.rows_quarantined += o.rows_quarantined;
      }
    }
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot read the import totals: ") + e.what());
  }
  return t;
}

}  // namespace agmon::service
