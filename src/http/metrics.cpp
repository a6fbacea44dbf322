// Request counters and latency histograms, rendered in Prometheus text format.
#include "agmon/http/metrics.h"

#include <cstdio>

namespace agmon::http {

Metrics::Metrics(std::vector<Label> labels) : labels_(std::move(labels)) {
  labels_.push_back({"", "unmatched"});
  slots_.reset(new Slot[labels_.size()]);
}

std::size_t Metrics::status_index(int status) {
  for (std::size_t i = 0; i + 1 < kStatuses.size(); ++i)
    if (kStatuses[i] == status) return i;
  return kStatuses.size() - 1;
}

void Metrics::observe(std::size_t route, int status, double seconds) {
  if (route >= labels_.size()) route = unmatched();
  Slot& s = slots_[route];
  s.by_status[status_index(status)].fetch_add(1, std::memory_order_relaxed);
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.micros_total.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::uint64_t Metrics::count(std::size_t route, int status) const {
  return slots_[route].by_status[status_index(status)].load(std::memory_order_relaxed);
}

std::string prometheus_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string Metrics::render() const {
  std::string out;
  char buf[64];
  out += "# HELP agmon_http_requests_total HTTP requests by route pattern, method and status.\n";
  out += "# TYPE agmon_http_requests_total counter\n";
  for (std::size_t r = 0; r < labels_.size(); ++r) {
    std::string labels = "route=\"" + prometheus_label(labels_[r].route) + "\",method=\"" +
                         prometheus_label(labels_[r].method) + "\"";
    for (std::size_t i = 0; i < kStatuses.size(); ++i) {
      auto n = slots_[r].by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::string status = kStatuses[i] ? std::to_string(kStatuses[i]) : "other";
      out += "agmon_http_requests_total{" + labels + ",status=\"" + status + "\"} " + std::to_string(n) + "\n";
    }
  }
  out += "# HELP agmon_http_request_duration_seconds Time to answer a request, by route pattern.\n";
  out += "# TYPE agmon_http_request_duration_seconds histogram\n";
  for (std::size_t r = 0; r < labels_.size(); ++r) {
    std::string labels = "route=\"" + prometheus_label(labels_[r].route) + "\",method=\"" +
                         prometheus_label(labels_[r].method) + "\"";
    std::uint64_t total = 0;
    for (const auto& b : slots_[r].buckets) total += b.load(std::memory_order_relaxed);
    if (total == 0) continue;  // routes never called stay out of the scrape
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += slots_[r].buckets[b].load(std::memory_order_relaxed);
      if (b < kBuckets.size()) std::snprintf(buf, sizeof buf, "%g", kBuckets[b]);
      out += "agmon_http_request_duration_seconds_bucket{" + labels + ",le=\"" +
             (b < kBuckets.size() ? std::string(buf) : std::string("+Inf")) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    std::snprintf(buf, sizeof buf, "%.6f",
                  static_cast<double>(slots_[r].micros_total.load(std::memory_order_relaxed)) / 1e6);
    out += "agmon_http_request_duration_seconds_sum{" + labels + "} " + buf + "\n";
    out += "agmon_http_request_duration_seconds_count{" + labels + "} " + std::to_string(cumulative) + "\n";
  }
  // Always present (0 included), so an alert on it needs no special case.
  out += "# HELP agmon_http_slow_clients_closed_total Connections closed because their request header was "
         "not complete within agmon.http.header_deadline_seconds.\n";
  out += "# TYPE agmon_http_slow_clients_closed_total counter\n";
  out += "agmon_http_slow_clients_closed_total " + std::to_string(slow_clients_closed()) + "\n";
  return out;
}

}  // namespace agmon::http
