// The request-head deadline: Poco serves one connection per thread and its socket timeout is
// per read, so a client trickling a request head one byte at a time would hold a worker thread
// for ever ("slowloris"). Every running connection is registered here while it waits for a
// request head; one thread wakes every `tick` and cuts those whose deadline passed. A request
// being handled has no deadline (handlers are bounded by our code).
#pragma once

#include <atomic>
#include <chrono>
#include <climits>
#include <memory>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

namespace agmon::http {

class DeadlineWatchdog {
 public:
  using Clock = std::chrono::steady_clock;
  using Id = std::uint64_t;
  // Cuts one connection (shuts its socket down). Called on the watchdog's thread with its lock
  // held, so the descriptor stays valid: a connection forgets itself before closing it.
  using Cut = std::function<void(int fd, const std::string& client)>;

  struct Options {
    Clock::duration first_head = std::chrono::seconds(10);  // connection taken by a thread -> head
    Clock::duration next_head = std::chrono::seconds(15);   // response sent -> the next head
    Clock::duration tick = std::chrono::milliseconds(250);  // how late a cut may be
  };

  DeadlineWatchdog(Options options, Cut cut) : options_(options), cut_(std::move(cut)) {}
  ~DeadlineWatchdog() { stop(); }
  DeadlineWatchdog(const DeadlineWatchdog&) = delete;
  DeadlineWatchdog& operator=(const DeadlineWatchdog&) = delete;

  // Starts / stops (and joins) the thread that calls sweep(); both idempotent.
  void start();
  void stop();

  // A connection starts waiting for its first request head: deadline now + first_head.
  Id watch(int fd, std::string client, Clock::time_point now = Clock::now());
  // Its request head arrived: no deadline while the request is handled. False when the
  // connection had already been cut (its socket is shut down: do not handle the request).
  // head_received and response_sent run on every request, so they take no lock: call them
  // only with an id that is watched and not yet forgotten (the connection's own).
  bool head_received(Id id);
  // Its response was sent; it waits (keep-alive) for the next head: deadline now + next_head.
  void response_sent(Id id, Clock::time_point now = Clock::now());
  // The connection ends: true when it had been cut. An unknown id: false.
  bool forget(Id id);

  // Cuts every connection past its deadline (once each); returns how many were cut now.
  std::size_t sweep(Clock::time_point now = Clock::now());

  std::uint64_t cut_total() const;
  std::size_t watched() const;  // connections registered now

 private:
  // The deadline as steady-clock ticks, or one of two marks. Connections and the sweep change
  // it by compare-and-swap, so a head arriving as the sweep fires is either cut or handled,
  // never both.
  static constexpr std::int64_t kNoDeadline = INT64_MAX;
  static constexpr std::int64_t kCut = INT64_MIN;
  struct Entry {
    Entry(int f, std::string c, std::int64_t d) : fd(f), client(std::move(c)), state(d) {}
    int fd;
    std::string client;
    std::atomic<std::int64_t> state;
  };
  static std::int64_t ticks(Clock::time_point t) { return t.time_since_epoch().count(); }
  static Entry& entry(Id id) { return *reinterpret_cast<Entry*>(static_cast<std::uintptr_t>(id)); }
  void run();

  const Options options_;
  const Cut cut_;
  mutable std::mutex mutex_;
  std::unordered_map<Id, std::unique_ptr<Entry>> entries_;  // the id is the entry's address
  std::uint64_t cut_total_ = 0;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace agmon::http
