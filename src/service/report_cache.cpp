// The sharded report cache and the content signature its watcher compares.
#include "agmon/service/report_cache.h"

#include "agmon/store/report_reads.h"

#include <functional>
#include <mutex>

namespace agmon::service {
namespace {

constexpr std::size_t kEntryOverhead = 96;  // map node, key, shared_ptr control block

}  // namespace

ReportCache::ReportCache(std::size_t max_bytes) : max_shard_bytes_(max_bytes / kShards) {}

ReportCache::Shard& ReportCache::shard_of(const std::string& id) const {
  return shards_[std::hash<std::string>{}(id) % kShards];
}

std::shared_ptr<const CachedReport> ReportCache::find(const std::string& student_id) const {
  if (max_shard_bytes_ == 0) return nullptr;
  Shard& s = shard_of(student_id);
  std::shared_lock<std::shared_mutex> lock(s.mutex);
  auto it = s.entries.find(student_id);
  if (it == s.entries.end()) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  return it->second;
}

void ReportCache::insert(const std::string& student_id, std::shared_ptr<const CachedReport> report,
                         std::uint64_t seen_generation) {
  if (max_shard_bytes_ == 0 || !report) return;
  const std::size_t size = report->json.size() + student_id.size() + kEntryOverhead;
  if (size > max_shard_bytes_) return;
  Shard& s = shard_of(student_id);
  std::unique_lock<std::shared_mutex> lock(s.mutex);
  // Checked under the shard lock: invalidate() bumps the generation before it clears.
  if (generation_.load(std::memory_order_acquire) != seen_generation) return;
  if (s.bytes + size > max_shard_bytes_) {
    // Full: drop arbitrary entries (hash order) down to 7/8 of the cap, so one insert does
    // not empty the shard and the next ones have room.
    const std::size_t target = max_shard_bytes_ / 8 * 7;
    for (auto it = s.entries.begin(); it != s.entries.end() && s.bytes + size > target;) {
      s.bytes -= it->second->json.size() + it->first.size() + kEntryOverhead;
      it = s.entries.erase(it);
    }
  }
  auto [it, inserted] = s.entries.emplace(student_id, std::move(report));
  if (inserted) s.bytes += size;
}

void ReportCache::invalidate() {
  generation_.fetch_add(1, std::memory_order_acq_rel);
  for (auto& s : shards_) {
    std::unique_lock<std::shared_mutex> lock(s.mutex);
    s.entries.clear();
    s.bytes = 0;
  }
}

std::size_t ReportCache::bytes() const {
  std::size_t total = 0;
  for (auto& s : shards_) {
    std::shared_lock<std::shared_mutex> lock(s.mutex);
    total += s.bytes;
  }
  return total;
}

core::Result<std::string> content_signature(store::Database& db) {
  try {
    return store::content_signature(db);
  } catch (const store::StoreError& e) {
    return core::make_error(core::ErrorCode::kIoError, e.what());
  }
}

}  // namespace agmon::service
