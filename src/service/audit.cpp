// The FERPA audit log: direct writes, listing, rendering and the daemon's buffered writer.
#include "agmon/service/audit.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>

#include "agmon/core/json_writer.h"
#include "agmon/store/audit_repo.h"
#include "service/audit_spool.h"
#include "service/clock.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

bool digits(const std::string& s, size_t from, size_t n) {
  for (size_t i = from; i < from + n; ++i)
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  return true;
}

void insert_all(store::Database& db, const std::vector<AuditEntry>& entries) {
  std::vector<store::AuditRecord> records;
  records.reserve(entries.size());
  for (const auto& e : entries)
    records.push_back({e.at.empty() ? now_iso8601() : e.at, e.token_name, e.role, e.student_id,
                       e.endpoint, e.client});
  store::Transaction tx(db);
  store::AuditRepo(db).append(records);
  tx.commit();
}

}  // namespace

core::Status validate_since(const std::string& s) {
  // YYYY-MM-DD, optionally followed by THH:MM:SSZ.
  bool date = s.size() >= 10 && digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' &&
              digits(s, 8, 2);
  bool ok = date && (s.size() == 10 || (s.size() == 20 && s[10] == 'T' && digits(s, 11, 2) &&
                                        s[13] == ':' && digits(s, 14, 2) && s[16] == ':' &&
                                        digits(s, 17, 2) && s[19] == 'Z'));
  if (!ok)
    return make_error(ErrorCode::kInvalidArgument,
                      "--since must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC), not '" + s + "'");
  return core::Status::success();
}

core::Status record_reads(store::Database& db, const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return core::Status::success();
  try {
    insert_all(db, entries);
  } catch (const store::StoreError& e) {
    return make_error(e.is_busy() ? ErrorCode::kConflict : ErrorCode::kIoError,
                      std::string("cannot write the audit log: ") + e.what());
  }
  return core::Status::success();
}

core::Result<std::vector<AuditEntry>> list_audit(store::Database& db, const AuditFilter& f) {
  if (f.since) {
    auto st = validate_since(*f.since);
    if (!st) return st.error();
  }
  store::AuditQuery query;
  query.student = f.student;
  query.since = f.since;
  query.limit = f.limit;
  std::vector<AuditEntry> out;
  try {
    for (auto& r : store::AuditRepo(db).list(query))
      out.push_back({std::move(r.at), std::move(r.token_name), std::move(r.role), std::move(r.student_id),
                     std::move(r.endpoint), std::move(r.client)});
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot read the audit log: ") + e.what());
  }
  return out;
}

std::string audit_json(const std::vector<AuditEntry>& entries) {
  core::JsonWriter w;
  w.begin_array();
  for (const auto& e : entries) {
    w.begin_object().field("at", e.at).field("token", e.token_name).field("role", e.role);
    w.field("student_id", e.student_id).field("endpoint", e.endpoint).field("client", e.client);
    w.end_object();
  }
  w.end_array();
  return w.take();
}

std::string audit_text(const std::vector<AuditEntry>& entries) {
  std::ostringstream out;
  for (const auto& e : entries)
    out << e.at << "  " << e.token_name << " (" << e.role << ")  student " << e.student_id << "  "
        << e.endpoint << "  " << (e.client.empty() ? "-" : e.client) << "\n";
  return out.str();
}

// ---- AuditLog ------------------------------------------------------------------------------

AuditLog::AuditLog(std::string db_path, Options options)
    : db_path_(std::move(db_path)), options_(std::move(options)) {
  spool_ = std::make_unique<AuditSpool>(
      options_.spool_path.empty() ? db_path_ + "-audit-spool" : options_.spool_path,
      options_.max_spool_bytes);
  spooled_ = spool_->rows();  // left by a daemon stopped while the database was locked
  thread_ = std::thread([this] { run(); });
}

AuditLog::~AuditLog() { stop(); }

bool AuditLog::record(std::vector<AuditEntry> entries) {
  if (entries.empty()) return true;
  // Formatted once a second per thread, not once a read.
  thread_local std::time_t formatted_second = 0;
  thread_local std::string now;
  if (std::time_t t = std::time(nullptr); t != formatted_second) {
    now = iso8601_at(t);
    formatted_second = t;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (queue_.size() + entries.size() > options_.max_backlog) return false;
  for (auto& e : entries) {
    if (e.at.empty()) e.at = now;
    queue_.push_back(std::move(e));
  }
  return true;
}

bool AuditLog::record(AuditEntry entry) {
  std::vector<AuditEntry> v;
  v.push_back(std::move(entry));
  return record(std::move(v));
}

std::size_t AuditLog::backlog() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size() + writing_ + spooled_;
}

core::Status AuditLog::write_pending() {
  std::lock_guard<std::mutex> writer(write_mutex_);
  std::deque<AuditEntry> taken;
  {
    // O(1) under the lock: every request thread queues through it, and this thread runs at a
    // lower priority; moving thousands of entries here let a preempted flush hold all the
    // readers (measured: p99 180 ms under CPU contention).
    std::lock_guard<std::mutex> lock(mutex_);
    taken.swap(queue_);
    writing_ = taken.size();  // still waiting, for backlog(), until written or spooled
  }
  // Cleared on the way out, after the batch was counted where it went (the database, the
  // spool or the queue again), so backlog() never dips below what is waiting.
  struct WrittenOnExit {
    std::atomic<std::size_t>& writing;
    ~WrittenOnExit() { writing = 0; }
  } written_on_exit{writing_};
  if (taken.empty() && spooled_ == 0) return core::Status::success();
  std::vector<AuditEntry> batch(std::make_move_iterator(taken.begin()), std::make_move_iterator(taken.end()));
  taken.clear();
  core::Status status;
  if (!db_) {
    auto opened = store::Database::open(db_path_, store::OpenMode::kReadWrite, options_.busy_timeout_ms);
    if (opened) db_ = std::move(opened.value());
    else status = opened.error();
  }
  // The spooled rows are older than the batch: written first, and while any remain the batch
  // joins them in the spool.
  if (db_ && spooled_ > 0) {
    status = spool_->drain(*db_);
    spooled_ = spool_->rows();
  }
  if (status && !batch.empty()) {
    status = spooled_ == 0
                 ? record_reads(*db_, batch)
                 : core::make_error(ErrorCode::kConflict, "older audit rows are still spooled");
  }
  if (!status && status.error().code == ErrorCode::kIoError) db_.reset();  // reopen next time
  if (!status && !batch.empty()) {
    // Not written (most often: the nightly import holds the write lock). Spooled, or else put
    // back in front of the queue, in order, to be retried.
    core::Status spooled = spool_->append(batch);
    spooled_ = spool_->rows();
    if (!spooled) {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.insert(queue_.begin(), std::make_move_iterator(batch.begin()),
                    std::make_move_iterator(batch.end()));
      if (options_.on_error)
        options_.on_error(status.error().message + "; " + spooled.error().message);
    }
  } else if (!status && status.error().code != ErrorCode::kConflict && options_.on_error) {
    options_.on_error(status.error().message);  // the spool could not be written out
  }
  return status;
}

core::Status AuditLog::flush() { return write_pending(); }

void AuditLog::run() {
  // Background work: below the request threads, so a big batch does not delay answers.
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(options_.flush_interval_ms));
    if (queue_.empty() && spooled_ == 0) continue;
    lock.unlock();
    write_pending();
    lock.lock();
  }
}

void AuditLog::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  write_pending();
}

}  // namespace agmon::service
