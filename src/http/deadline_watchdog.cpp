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
  auto e = std::make_unique<Entry>(fd, std::move(client), ticks(now + options_.first_head));
  Id id = static_cast<Id>(reinterpret_cast<std::uintptr_t>(e.get()));
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.emplace(id, std::move(e));
  return id;
}

bool DeadlineWatchdog::head_received(Id id) {
  auto& state = entry(id).state;
  std::int64_t v = state.load(std::memory_order_acquire);
  do {
    if (v == kCut) return false;
  } while (!state.compare_exchange_weak(v, kNoDeadline, std::memory_order_acq_rel));
  return true;
}

void DeadlineWatchdog::response_sent(Id id, Clock::time_point now) {
  auto& state = entry(id).state;
  const std::int64_t next = ticks(now + options_.next_head);
  std::int64_t v = state.load(std::memory_order_acquire);
  do {
    if (v == kCut) return;  // a cut connection stays cut: its socket is already shut down
  } while (!state.compare_exchange_weak(v, next, std::memory_order_acq_rel));
}

bool DeadlineWatchdog::forget(Id id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return false;
  bool cut = it->second->state.load(std::memory_order_acquire) == kCut;
  entries_.erase(it);
  return cut;
}

std::size_t DeadlineWatchdog::sweep(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t n = 0;
  const std::int64_t t = ticks(now);
  for (auto& [id, e] : entries_) {
    std::int64_t v = e->state.load(std::memory_order_acquire);
    if (v == kCut || v == kNoDeadline || v > t) continue;
    // Loses to a head that arrived meanwhile (the state is no longer v): not cut then.
    if (!e->state.compare_exchange_strong(v, kCut, std::memory_order_acq_rel)) continue;
    ++n;
    ++cut_total_;
    // Under the lock: the connection cannot forget itself and close the descriptor meanwhile.
    if (cut_) cut_(e->fd, e->client);
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
