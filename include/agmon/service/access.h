// Scoped access to single records for the daemon: the student report fast path (the stored
// evaluation with live alerts, after a scope check in the same query) and the scope check of
// an alert before it is acknowledged. Scoping lives here, below the HTTP layer.
#pragma once

#include <memory>
#include <string>

#include "agmon/core/result.h"
#include "agmon/service/report_cache.h"
#include "agmon/service/tokens.h"
#include "agmon/store/database.h"

namespace agmon::service {

// Holds prepared statements: keep one per connection (per worker thread); not thread-safe.
class StudentReader {
 public:
  explicit StudentReader(store::Database& db);
  ~StudentReader();
  StudentReader(const StudentReader&) = delete;
  StudentReader& operator=(const StudentReader&) = delete;

  // The student report JSON (interfaces.md): the stored evaluation with the student's open
  // and acknowledged alerts. kNotFound: no evaluated student with this id;
  // kPermissionDenied: the student is outside the principal's schools or caseload (the
  // report is not returned). With a cache, a hit costs no SQL and a miss fills it.
  core::Result<std::string> report_json(const Principal& who, const std::string& student_id,
                                        ReportCache* cache = nullptr);
  // The same, shared with the cache instead of copied (the daemon sends `->json` as it is).
  core::Result<std::shared_ptr<const CachedReport>> report(const Principal& who, const std::string& student_id,
                                                           ReportCache* cache = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// kNotFound: no such alert; kPermissionDenied: its school or caseload is outside the scope
// (administrator-audience alerts carry no counselor, so a caseload-bound counselor cannot
// act on them).
core::Status check_alert_scope(store::Database& db, const Principal& who, long alert_id);

}  // namespace agmon::service
