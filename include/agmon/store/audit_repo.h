// AuditRepo: the FERPA audit log (audit_log), appended in batches and listed by student and
// date. The service decides what is recorded and when; the store only keeps it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/store/database.h"

namespace agmon::store {

// One row of audit_log.
struct AuditRecord {
  std::string at;  // ISO-8601 UTC
  std::string token_name;
  std::string role;
  std::string student_id;
  std::string endpoint;
  std::string client;
};

// Every set field narrows (AND).
struct AuditQuery {
  std::optional<std::string> student;
  std::optional<std::string> since;  // `at` at or after this (ISO date or timestamp)
  int limit = 0;                     // 0 = every entry; else the newest `limit`
};

class AuditRepo {
 public:
  explicit AuditRepo(Database& db) : db_(db) {}

  // Appends in order, with one statement prepared for the batch. The caller holds the
  // transaction that makes the batch all or nothing.
  void append(const std::vector<AuditRecord>& records);
  // Oldest first (the newest `limit` of them when limited).
  std::vector<AuditRecord> list(const AuditQuery& query);

 private:
  Database& db_;
};

}  // namespace agmon::store
