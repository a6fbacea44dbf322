// Failed-authentication rate limit per client address (fixed windows).
#include "agmon/http/auth_limiter.h"

namespace agmon::http {

long AuthLimiter::blocked_for(const std::string& client, Clock::time_point now) {
  if (tracked_.load(std::memory_order_acquire) == 0) return 0;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(client);
  if (it == entries_.end()) return 0;
  auto end = it->second.window_start + window_;
  if (now >= end) {
    entries_.erase(it);
    tracked_.store(entries_.size(), std::memory_order_release);
    return 0;
  }
  if (it->second.failures < max_failures_) return 0;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(end - now).count();
  return left < 1 ? 1 : static_cast<long>(left);
}

void AuthLimiter::failure(const std::string& client, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() > 10000) purge(now);
  auto& e = entries_[client];
  if (e.failures == 0 || now >= e.window_start + window_) {
    e.window_start = now;
    e.failures = 0;
  }
  ++e.failures;
  tracked_.store(entries_.size(), std::memory_order_release);
}

void AuthLimiter::purge(Clock::time_point now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (now >= it->second.window_start + window_) it = entries_.erase(it);
    else ++it;
  }
  tracked_.store(entries_.size(), std::memory_order_release);
}

}  // namespace agmon::http
