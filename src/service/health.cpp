// Health and monitoring figures read from the database.
#include "agmon/service/health.h"

#include "agmon/core/json_writer.h"
#include "agmon/store/health_repo.h"

namespace agmon::service {

HealthInfo health(store::Database& db) {
  HealthInfo h;
  try {
    h.schema_version = db.schema_version();
    h.students_evaluated = store::HealthRepo(db).students_evaluated();
    auto last = list_imports(db, 1, "");
    if (!last) {
      h.db_error = last.error().message;
      return h;
    }
    if (!last->imports.empty()) h.last_import = last->imports.front();
    h.db_ok = true;
  } catch (const std::exception& e) {
    h.db_error = e.what();
  }
  return h;
}

std::string health_json(const HealthInfo& h) {
  core::JsonWriter w;
  w.begin_object().field("status", h.db_ok ? "ok" : "error").field("db", h.db_ok ? "ok" : "error");
  if (!h.db_ok) w.field("error", h.db_error);
  w.field("schema_version", h.schema_version).field("students_evaluated", h.students_evaluated);
  w.key("last_import");
  if (!h.last_import) {
    w.null();
  } else {
    const auto& s = *h.last_import;
    w.begin_object().field("import_id", s.import_id).field("started_at", s.started_at);
    w.key("finished_at");
    if (s.finished_at.empty()) w.null();
    else w.value(s.finished_at);
    w.field("outcome", s.outcome).field("origin", s.origin).end_object();
  }
  w.end_object();
  return w.take();
}

core::Result<std::map<std::string, long>> open_alerts_by_kind(store::Database& db) {
  std::map<std::string, long> out;
  try {
    out = store::HealthRepo(db).open_alerts_by_kind();
  } catch (const store::StoreError& e) {
    return core::make_error(core::ErrorCode::kIoError, std::string("cannot count alerts: ") + e.what());
  }
  return out;
}

}  // namespace agmon::service
