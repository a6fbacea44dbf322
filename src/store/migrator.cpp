#include "agmon/store/migrator.h"

#include <algorithm>

#include "agmon/store/database.h"

namespace agmon::store {

int latest_schema_version() {
  const auto& all = embedded_migrations();
  return all.empty() ? 0 : all.back().version;
}

int current_schema_version(Database& db) {
  auto probe = db.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'");
  probe.step();
  if (probe.integer(0) == 0) return 0;
  auto st = db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  st.step();
  return static_cast<int>(st.integer(0));
}

core::Status migrate(Database& db, const std::vector<Migration>& migrations) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
  int have = current_schema_version(db);
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (have > latest) {
    return core::make_error(core::ErrorCode::kRejected,
                            db.path() + " was made by a newer agmon (schema " + std::to_string(have) +
                                ", this build knows " + std::to_string(latest) + "); upgrade agmon");
  }
  for (const auto& m : migrations) {
    if (m.version <= have) continue;
    Transaction tx(db);
    db.exec(m.sql);
    db.prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)")
        .bind(1, m.version)
        .bind(2, m.name)
        .run();
    tx.commit();
  }
  return core::Status::success();
}

}  // namespace agmon::store
