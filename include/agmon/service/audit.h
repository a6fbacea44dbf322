// The FERPA audit log: every read of a student record (a report, each row of a list) is
// recorded with who read it, when, through which endpoint and from where; `agmon audit`
// lists it. Refused reads are not records and are never written here.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "agmon/core/result.h"
#include "agmon/store/database.h"

namespace agmon::service {

struct AuditEntry {
  std::string at;          // ISO-8601 UTC; filled in by AuditLog::record when empty
  std::string token_name;  // who (the token's name, or "cli")
  std::string role;
  std::string student_id;
  std::string endpoint;    // "GET /api/v1/students/{id}": the route, never the raw URL
  std::string client;      // the client address
};

struct AuditFilter {
  std::optional<std::string> student;
  std::optional<std::string> since;  // YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (inclusive)
  int limit = 0;                     // 0 = all; newest first when limited
};

// Checks a --since value; kInvalidArgument names the expected forms.
core::Status validate_since(const std::string& since);
// Appends entries in one transaction (timestamps filled in when empty).
core::Status record_reads(store::Database& db, const std::vector<AuditEntry>& entries);
// Oldest first (the newest `limit` when limited). kInvalidArgument for a bad `since`.
core::Result<std::vector<AuditEntry>> list_audit(store::Database& db, const AuditFilter& filter);
std::string audit_json(const std::vector<AuditEntry>& entries);
std::string audit_text(const std::vector<AuditEntry>& entries);

// A buffered audit writer for the daemon: reads are queued in memory and written by a
// background thread in one transaction per batch, so a student read costs no disk write of
// its own and readers never wait behind the nightly import's write lock. While that lock is
// held, each batch is appended to a spool file beside the database instead (service/
// audit_spool.h), and the spooled rows are written first, in order, once the lock is free; a
// spool left by a stopped daemon is written by the next one. Entries stay queued in memory
// only when the spool cannot take them; when that backlog reaches its limit record() refuses,
// and the caller must refuse the read (no unaudited read leaves the server). Thread-safe.
class AuditSpool;

class AuditLog {
 public:
  struct Options {
    int flush_interval_ms = 200;
    std::size_t max_backlog = 1000000;  // entries in memory
    int busy_timeout_ms = 2000;
    std::string spool_path;                       // "" = the database's path + "-audit-spool"
    std::uintmax_t max_spool_bytes = 1ull << 30;  // ~10M reads
    // Neither the database nor the spool took a batch (it stays queued and is retried).
    std::function<void(const std::string&)> on_error;
  };
  AuditLog(std::string db_path, Options options);
  explicit AuditLog(std::string db_path) : AuditLog(std::move(db_path), Options{}) {}
  ~AuditLog();  // stops the thread after a last flush
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Queues entries; false (nothing queued) when the backlog would exceed its limit.
  bool record(std::vector<AuditEntry> entries);
  bool record(AuditEntry entry);
  // Writes everything queued or spooled so far into the database, in the calling thread.
  // Fails when the database does (the entries are then spooled, or kept queued).
  core::Status flush();
  // Entries not in the database yet: queued in memory and spooled.
  std::size_t backlog() const;
  // Flushes and stops the background thread (idempotent).
  void stop();

 private:
  void run();
  core::Status write_pending();

  std::string db_path_;
  Options options_;
  mutable std::mutex mutex_;        // guards queue_ and stopping_
  std::condition_variable wake_;
  std::deque<AuditEntry> queue_;
  bool stopping_ = false;
  std::mutex write_mutex_;          // one writer at a time (thread or flush())
  std::unique_ptr<store::Database> db_;  // opened on first write, guarded by write_mutex_
  std::unique_ptr<AuditSpool> spool_;    // guarded by write_mutex_
  std::atomic<std::size_t> spooled_{0};  // spool_->rows(), for backlog() and the thread
  std::atomic<std::size_t> writing_{0};  // entries taken from queue_ by the write under way
  std::thread thread_;
};

}  // namespace agmon::service
