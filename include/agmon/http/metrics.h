// Request metrics for GET /metrics (Prometheus text format): requests by route, method and
// status, and a latency histogram per route. Routes are labelled by their pattern, never by
// the URL, so no student id reaches the metrics; and the connections cut as slow clients.
// Lock-free counters; thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace agmon::http {

class Metrics {
 public:
  // Statuses counted individually; anything else is counted as "other".
  static constexpr std::array<int, 16> kStatuses = {200, 201, 204, 304, 400, 401, 403, 404,
                                                    405, 409, 413, 422, 429, 500, 503, 0};
  // Upper bounds of the latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05, 0.1, 0.25, 0.5, 1, 5};

  // `labels[i]` is route i's label, e.g. {"GET", "/api/v1/students/{id}"}. One more slot,
  // "unmatched", holds requests that matched no route (404/405/400 before routing).
  struct Label {
    std::string method;
    std::string route;
  };
  explicit Metrics(std::vector<Label> labels);

  std::size_t unmatched() const { return labels_.size() - 1; }
  void observe(std::size_t route, int status, double seconds);
  std::uint64_t count(std::size_t route, int status) const;  // for tests
  // A connection cut because its request head was late (the header deadline).
  void slow_client_closed() { slow_clients_closed_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t slow_clients_closed() const { return slow_clients_closed_.load(std::memory_order_relaxed); }
  // The request families in Prometheus text format (HELP/TYPE lines included).
  std::string render() const;

 private:
  struct Slot {
    std::array<std::atomic<std::uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> micros_total{0};
  };
  static std::size_t status_index(int status);

  std::vector<Label> labels_;
  std::unique_ptr<Slot[]> slots_;
  std::atomic<std::uint64_t> slow_clients_closed_{0};
};

// Escapes a Prometheus label value (backslash, quote, newline).
std::string prometheus_label(const std::string& value);

}  // namespace agmon::http
