// HealthRepo: the few figures /healthz and /metrics read straight from the database.
#pragma once

#include <map>
#include <string>

#include "agmon/store/database.h"

namespace agmon::store {

class HealthRepo {
 public:
  explicit HealthRepo(Database& db) : db_(db) {}

  // Students with a stored evaluation.
  long students_evaluated();
  // Open (not acknowledged, not resolved) alerts per kind; kinds with none are absent.
  std::map<std::string, long> open_alerts_by_kind();

 private:
  Database& db_;
};

}  // namespace agmon::store
