// AlertRepo: stored alerts and their history (equity.md §4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/store/database.h"

namespace agmon::store {

struct AlertRecord {
  long alert_id = 0;
  std::string identity;
  std::string kind;
  std::string audience;
  std::string school_code;
  std::string counselor_id;
  std::string student_id;
  std::string grouping;
  std::string group_name;
  std::string metric;
  std::string detail;
  std::string message;
  std::string status;  // open / acknowledged / resolved
  std::string opened_at;
  std::string last_seen_at;
  std::string resolved_at;
  std::string acknowledged_by;
  std::string acknowledged_at;
  std::string ack_note;
  int times_opened = 1;
};

class AlertRepo {
 public:
  explicit AlertRepo(Database& db) : db_(db) {}
  // Open and acknowledged alerts of one student, oldest first.
  std::vector<AlertRecord> active_for_student(const std::string& student_id);

 private:
  Database& db_;
};

// Reads the columns of `alerts` in declaration order (SELECT * FROM alerts).
AlertRecord alert_from_row(const Statement& st);

}  // namespace agmon::store
