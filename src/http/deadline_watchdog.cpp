// The request-head deadline's bookkeeping and its thread.
#include "http/deadline_watchdog.h"

namespace agmon::http {

void DeadlineWatchdog::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void DeadlineWatchdog::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeadlineWatchdog::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    sweep();
    lock.lock();
    wake_.wait_for(lock, options_.tick, [this] { return stopping_; });
  }
}

DeadlineWatchdog::Id DeadlineWatchdog::watch(int fd, std::string client, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  Id id = next_id_++;
  entries_.emplace(id, Entry{fd, std::move(client), now + options_.first_head});
  return id;
}

bool DeadlineWatchdog::head_received(Id id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return true;
  it->second.deadline = Clock::time_point::max();
  return !it->second.cut;
}

void DeadlineWatchdog::response_sent(Id id, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  // A cut connection stays cut: its socket is already shut down.
  if (it != entries_.end() && !it->second.cut) it->second.deadline = now + options_.next_head;
}

bool DeadlineWatchdog::forget(Id id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return false;
  bool cut = it->second.cut;
  entries_.erase(it);
  return cut;
}

std::size_t DeadlineWatchdog::sweep(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t n = 0;
  for (auto& [id, e] : entries_) {
    if (e.cut || e.deadline > now) continue;
    e.cut = true;
    e.deadline = Clock::time_point::max();
    ++n;
    ++cut_total_;
    // Under the lock: the connection cannot forget itself and close the descriptor meanwhile.
    if (cut_) cut_(e.fd, e.client);
  }
  return n;
}

std::uint64_t DeadlineWatchdog::cut_total() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return cut_total_;
}

std::size_t DeadlineWatchdog::watched() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace agmon::http
