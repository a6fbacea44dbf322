// Rate limit on failed authentication, per client address: after `max_failures` bad tokens
// within a window the address gets 429 until the window ends, so tokens cannot be guessed
// at speed. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace agmon::http {

class AuthLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  AuthLimiter(int max_failures, std::chrono::seconds window)
      : max_failures_(max_failures), window_(window) {}

  // Seconds until the address may try again; 0 when it is not blocked.
  long blocked_for(const std::string& client, Clock::time_point now = Clock::now());
  // Counts one failed attempt.
  void failure(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Entry {
    Clock::time_point window_start;
    int failures = 0;
  };
  void purge(Clock::time_point now);  // drops finished windows (keeps the map small)

  int max_failures_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  // entries_.size(), readable without the lock: every authenticated request asks, and while
  // no address has failed (the normal case) the answer needs no lock at all.
  std::atomic<std::size_t> tracked_{0};
};

}  // namespace agmon::http
