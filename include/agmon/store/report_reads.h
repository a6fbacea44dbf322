// The reads behind one student report request: the stored evaluation (scope columns and the
// packed report) and the student's open and acknowledged alerts, from one snapshot; and the
// content signature the daemon's report cache compares to notice writes by other processes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agmon/store/alert_repo.h"
#include "agmon/store/database.h"

namespace agmon::store {

struct StoredReport {
  std::string school_code;
  std::string counselor_id;
  std::string report_json;    // schema 1-2 rows
  std::string report_packed;  // schema 3 on (report_codec.h); empty for older rows
};

// Holds prepared statements: one per connection (per worker thread); not thread-safe.
class ReportReads {
 public:
  explicit ReportReads(Database& db);
  // Opens a read transaction for the reads that follow (one snapshot); ends it when destroyed.
  class Snapshot {
   public:
    explicit Snapshot(ReportReads& reads);
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

   private:
    ReportReads& reads_;
  };
  std::optional<StoredReport> evaluation(const std::string& student_id);
  std::vector<AlertRecord> open_alerts(const std::string& student_id);  // oldest first

 private:
  Statement student_, alerts_, begin_, commit_;
};

// "imports:alert events" high-water marks; changes with every import and every alert event.
std::string content_signature(Database& db);

// The school and caseload of an alert, for scope checks; nullopt when there is no such alert.
struct AlertOwner {
  std::string school_code;
  std::string counselor_id;
};
std::optional<AlertOwner> alert_owner(Database& db, std::int64_t alert_id);

}  // namespace agmon::store
