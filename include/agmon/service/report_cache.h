// ReportCache: the daemon's in-memory cache of student report JSON (with alerts spliced in),
// so a hot GET /api/v1/students/{id} costs no SQL. Entries carry the student's school and
// caseload, so scope is still checked on every read. Invalidated as a whole whenever the
// reports may have changed: by this process after its own writes (imports, acknowledgements)
// and by a watcher comparing content_signature() for writes by other processes. A fill that
// raced an invalidation is dropped (generation check), so no stale entry survives one.
// Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "agmon/core/result.h"
#include "agmon/store/database.h"

namespace agmon::service {

struct CachedReport {
  std::string school_code;
  std::string counselor_id;
  std::string json;
};

class ReportCache {
 public:
  // `max_bytes`: the report bytes kept at most (0 disables the cache).
  explicit ReportCache(std::size_t max_bytes);

  // Read before querying the database; pass to insert().
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  std::shared_ptr<const CachedReport> find(const std::string& student_id) const;
  // Stores the entry unless the cache was invalidated since `seen_generation`.
  void insert(const std::string& student_id, std::shared_ptr<const CachedReport> report,
              std::uint64_t seen_generation);
  void invalidate();
  std::size_t bytes() const;
  // Counters for /metrics.
  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  std::uint64_t invalidations() const { return generation() - 1; }

 private:
  static constexpr std::size_t kShards = 16;
  struct Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const CachedReport>> entries;
    std::size_t bytes = 0;
  };
  Shard& shard_of(const std::string& id) const;

  std::size_t max_shard_bytes_;
  std::atomic<std::uint64_t> generation_{1};
  mutable std::atomic<std::uint64_t> hits_{0}, misses_{0};
  mutable std::array<Shard, kShards> shards_;
};

// A value that changes whenever stored reports or alerts may have changed: every import call
// writes an imports row, every alert change (import or acknowledgement) an alert_events row.
// Audit rows do not change it. kIoError when the database fails.
core::Result<std::string> content_signature(store::Database& db);

}  // namespace agmon::service
