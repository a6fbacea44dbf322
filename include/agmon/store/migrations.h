// Schema migrations: schema/NNNN_name.sql, compiled into the binary, applied in order at
// open time and recorded in schema_migrations.
#pragma once

#include <string>
#include <vector>

namespace agmon::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Every migration in schema/, ascending by version.
const std::vector<Migration>& embedded_migrations();

}  // namespace agmon::store
