// The request-head deadline's bookkeeping (explicit clock, no sockets), its thread, and an
// in-process server whose threads are all taken by trickling clients.
#include "http/deadline_watchdog.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "http/http_fixture.h"

using agmon::http::DeadlineWatchdog;
using namespace std::chrono_literals;

namespace {

struct Recorder {
  std::vector<int> fds;
  std::vector<std::string> clients;
  DeadlineWatchdog::Cut cut() {
    return [this](int fd, const std::string& client) {
      fds.push_back(fd);
      clients.push_back(client);
    };
  }
};

DeadlineWatchdog::Options options(DeadlineWatchdog::Clock::duration first,
                                  DeadlineWatchdog::Clock::duration next) {
  DeadlineWatchdog::Options o;
  o.first_head = first;
  o.next_head = next;
  o.tick = 10ms;
  return o;
}

}  // namespace

TEST_CASE("a connection still waiting for its first request head is cut once at its deadline") {
  Recorder r;
  DeadlineWatchdog w(options(10s, 15s), r.cut());
  const auto t0 = DeadlineWatchdog::Clock::now();
  auto a = w.watch(7, "127.0.0.1", t0);
  auto b = w.watch(8, "10.0.0.2", t0 + 3s);
  CHECK(w.watched() == 2);
  CHECK(w.sweep(t0 + 9999ms) == 0);
  CHECK(w.sweep(t0 + 10s) == 1);  // a: exactly at its deadline
  REQUIRE(r.fds == std::vector<int>{7});
  CHECK(r.clients == std::vector<std::string>{"127.0.0.1"});
  CHECK(w.sweep(t0 + 12s) == 0);  // never twice
  CHECK(w.sweep(t0 + 13s) == 1);  // b
  CHECK(r.fds == std::vector<int>{7, 8});
  CHECK(w.cut_total() == 2);
  CHECK(w.forget(a));
  CHECK(w.forget(b));
  CHECK_FALSE(w.forget(a));  // unknown now
  CHECK(w.watched() == 0);
}

TEST_CASE(
    "a request being handled has no deadline, and the next head gets the keep-alive deadline") {
  Recorder r;
  DeadlineWatchdog w(options(10s, 15s), r.cut());
  const auto t0 = DeadlineWatchdog::Clock::now();
  auto id = w.watch(5, "127.0.0.1", t0);
  CHECK(w.head_received(id));
  CHECK(w.sweep(t0 + 1h) == 0);  // a long handler is not ours to cut
  w.response_sent(id, t0 + 1h);
  CHECK(w.sweep(t0 + 1h + 14s) == 0);
  CHECK(w.sweep(t0 + 1h + 15s) == 1);
  CHECK(r.fds == std::vector<int>{5});
  // A head that completes after the cut is not to be handled, and the connection is not
  // watched again.
  CHECK_FALSE(w.head_received(id));
  w.response_sent(id, t0 + 2h);
  CHECK(w.sweep(t0 + 3h) == 0);
  CHECK(w.forget(id));
  CHECK(w.cut_total() == 1);
}

TEST_CASE("a forgotten connection is never cut and a clean one reports no cut") {
  Recorder r;
  DeadlineWatchdog w(options(1s, 1s), r.cut());
  const auto t0 = DeadlineWatchdog::Clock::now();
  auto id = w.watch(3, "127.0.0.1", t0);
  CHECK_FALSE(w.forget(id));
  CHECK(w.sweep(t0 + 1h) == 0);
  CHECK(r.fds.empty());
}

TEST_CASE("the watchdog thread cuts late connections by itself and stops promptly") {
  std::atomic<int> cuts{0};
  DeadlineWatchdog w(options(50ms, 50ms), [&cuts](int, const std::string&) { ++cuts; });
  w.start();
  w.start();  // idempotent
  auto id = w.watch(9, "127.0.0.1");
  for (int i = 0; i < 200 && cuts == 0; ++i) std::this_thread::sleep_for(10ms);
  CHECK(cuts == 1);
  CHECK(w.forget(id));
  const auto t0 = std::chrono::steady_clock::now();
  w.stop();
  w.stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
}

TEST_CASE(
    "trickling clients on every thread are cut at the header deadline and honest requests are "
    "served") {
  agmon::http::ServerOptions o;
  o.threads = 2;
  o.header_deadline_s = 1;
  o.timeout_s = 30;  // the per-read timeout alone would never fire on a trickle
  agmon::test::TestServer t(o);
  const auto port = static_cast<Poco::UInt16>(t.server->port());
  std::vector<Poco::Net::StreamSocket> slow;
  for (int i = 0; i < 4; ++i) {  // more trickling clients than threads
    slow.emplace_back(Poco::Net::SocketAddress("127.0.0.1", port));
    const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    slow.back().sendBytes(head.data(), static_cast<int>(head.size()));
  }
  // An honest request queued behind them: served once the deadline has freed the threads.
  std::atomic<int> status{0};
  std::atomic<double> waited{0};
  std::thread honest([&] {
    const auto t0 = std::chrono::steady_clock::now();
    status = t.get("/healthz").status;
    waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  });
  // Keep trickling meanwhile (one byte every 200 ms, for 3 s), as a slowloris client would.
  for (int round = 0; round < 15; ++round) {
    for (auto& s : slow) {
      try {
        s.sendBytes("a", 1);
      } catch (const Poco::Exception&) {  // cut: the server shut the connection down
      }
    }
    std::this_thread::sleep_for(200ms);
  }
  honest.join();
  CHECK(status == 200);
  // Four tricklers on two threads: two rounds of the 1 s deadline, then the honest request.
  CHECK(waited < 2 * 1 + 1.5);
  for (auto& s : slow) {  // every trickler got a 408 or a closed connection
    s.setReceiveTimeout(Poco::Timespan(3, 0));
    char buf[512];
    int n = 0;
    try {
      n = s.receiveBytes(buf, sizeof buf);
    } catch (const Poco::Exception&) {
      n = -1;
    }
    INFO(std::string(buf, static_cast<size_t>(n > 0 ? n : 0)));
    CHECK((n <= 0 || std::string(buf, 12) == "HTTP/1.1 408"));
  }
  auto metrics = t.get("/metrics");
  CHECK(metrics.body.find("agmon_http_slow_clients_closed_total 4") != std::string::npos);
  // The cut half heads were not handled as requests: only the honest /healthz was.
  INFO(metrics.body);
  CHECK(metrics.body.find(R"(route="/healthz",method="GET",status="200"} 1)") != std::string::npos);
  CHECK(t.get("/healthz").status == 200);
}

TEST_CASE("a keep-alive connection is not cut between requests within the keep-alive wait") {
  agmon::http::ServerOptions o;
  o.threads = 2;
  o.header_deadline_s = 1;
  o.keep_alive_timeout_s = 3;
  agmon::test::TestServer t(o);
  Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(t.server->port()));
  s.setKeepAlive(true);
  s.setTimeout(Poco::Timespan(5, 0));
  for (int i = 0; i < 2; ++i) {
    Poco::Net::HTTPRequest req("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
    s.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::string body;
    Poco::StreamCopier::copyToString(s.receiveResponse(resp), body);
    CHECK(resp.getStatus() == 200);
    std::this_thread::sleep_for(1500ms);  // idle longer than the header deadline
  }
  CHECK(t.get("/metrics").body.find("agmon_http_slow_clients_closed_total 0") != std::string::npos);
}
