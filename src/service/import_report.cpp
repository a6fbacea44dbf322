// Renders an ImportReport as JSON (`agmon import --json`, the stored report, the HTTP API)
// and as the text a data clerk reads after the nightly run.
#include <cstdio>
#include <sstream>

#include "agmon/core/json_writer.h"
#include "agmon/ingest/row_error.h"
#include "agmon/service/importer.h"

namespace agmon::service {

std::string import_report_json(const ImportReport& r, bool include_rows) {
  core::JsonWriter w;
  w.begin_object();
  w.key("import_id");
  if (r.import_id) w.value(*r.import_id);
  else w.null();
  w.field("mode", r.mode).field("dry_run", r.dry_run).field("outcome", r.outcome);
  w.field("exit_code", r.exit_code).field("message", r.message);
  w.key("files").begin_array();
  for (const auto& f : r.files) {
    w.begin_object().field("file", f.file).field("kind", f.kind).field("sha256", f.sha256);
    w.field("rows_read", f.rows_read).field("rows_quarantined", f.rows_quarantined);
    w.field("warnings", f.warnings).end_object();
  }
  w.end_array();
  w.field("rows_read", r.rows_read).field("rows_applied", r.rows_applied);
  w.field("rows_changed", r.rows_changed).field("rows_removed", r.rows_removed);
  w.field("rows_quarantined", r.rows_quarantined).field("students_evaluated", r.students_evaluated);
  w.field("alerts_opened", r.alerts_opened).field("alerts_resolved", r.alerts_resolved);
  w.key("seconds").fixed(r.seconds, 3);
  w.key("phases").begin_object();
  for (const auto& [name, secs] : r.phases) w.key(name).fixed(secs, 3);
  w.end_object();
  if (include_rows) {
    w.key("quarantined").begin_array();
    for (const auto& e : r.quarantined) {
      w.begin_object().field("file", e.file).field("line", e.line).field("column", e.column);
      w.field("value", e.value).field("kind", std::string(ingest::row_error_kind_name(e.kind)));
      w.field("reason", e.message).field("raw", e.raw).end_object();
    }
    w.end_array();
    w.key("warnings").begin_array();
    for (const auto& s : r.warnings) w.value(s);
    w.end_array();
  }
  w.field("warnings_total", r.warnings_total);
  w.end_object();
  return w.take();
}

std::string import_report_text(const ImportReport& r) {
  std::ostringstream out;
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", r.seconds);
  out << "import " << (r.import_id ? "#" + std::to_string(*r.import_id) + " " : "") << r.outcome
      << " (" << r.mode << (r.dry_run ? ", dry run" : "") << ") in " << secs << " s\n";
  for (const auto& f : r.files) {
    out << "  " << f.file << "  [" << f.kind << "]  " << f.rows_read << " rows read, "
        << f.rows_quarantined << " quarantined";
    if (f.warnings) out << ", " << f.warnings << " warnings";
    out << "\n";
  }
  out << "rows: " << r.rows_read << " read, " << r.rows_applied << " applied, " << r.rows_changed
      << " changed, " << r.rows_removed << " removed, " << r.rows_quarantined << " quarantined\n";
  out << "students re-evaluated: " << r.students_evaluated << "; alerts opened: " << r.alerts_opened
      << ", resolved: " << r.alerts_resolved << "\n";
  if (!r.quarantined.empty()) {
    out << "quarantined rows:\n";
    for (const auto& e : r.quarantined) {
      out << "  " << e.file << ":" << e.line << ": " << ingest::row_error_kind_name(e.kind);
      if (!e.column.empty()) out << " [" << e.column << "='" << e.value << "']";
      out << ": " << e.message << "\n";
    }
  }
  if (r.warnings_total) {
    out << "warnings (" << r.warnings_total << "):\n";
    for (const auto& w : r.warnings) out << "  " << w << "\n";
    if (r.warnings_total > static_cast<long>(r.warnings.size()))
      out << "  ... and " << r.warnings_total - static_cast<long>(r.warnings.size()) << " more\n";
  }
  if (r.outcome == "rejected" || r.outcome == "failed" || r.outcome == "dry_run")
    out << r.message << "\n";
  return out.str();
}

}  // namespace agmon::service
