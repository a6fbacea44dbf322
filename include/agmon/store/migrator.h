// Applies schema/NNNN_*.sql migrations in order, each in its own transaction, recording
// them in schema_migrations.
#pragma once

#include "agmon/core/result.h"
#include "agmon/store/migrations.h"

namespace agmon::store {

class Database;

// The highest version this build knows.
int latest_schema_version();
// Brings `db` to the latest version. Fails (kRejected) when the database is newer than
// this build ("made by a newer agmon").
core::Status migrate(Database& db, const std::vector<Migration>& migrations = embedded_migrations());
// The version recorded in the database (0 for a new file).
int current_schema_version(Database& db);

}  // namespace agmon::store
