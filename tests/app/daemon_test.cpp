// The real binary as a subprocess: `agmon serve` answers, SIGTERM stops it with exit 0 after
// the request in flight is answered, a second instance cannot share the port, root is refused
// without agmon.allow_root, --daemon detaches and writes its pidfile, the inbox picks up a
// file written slowly. Every wait is bounded.
#include <catch2/catch.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/test_support.h"

extern char** environ;

namespace {

using namespace std::chrono_literals;
using agmon::test::read_file;
using agmon::test::TempDir;
using agmon::test::write_file;

// A running `agmon` with stdout/stderr in files; killed if the test leaves it running.
class Proc {
 public:
  Proc(const TempDir& dir, std::vector<std::string> args) : err_(dir.file("err.log")) {
    args.insert(args.begin(), AGMON_BINARY);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, dir.file("out.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(posix_spawn(&pid_, argv[0], &fa, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
  }
  ~Proc() {
    if (pid_ > 0 && exit_code_ < 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // The port from the "agmon serving http://HOST:PORT" log line; 0 if not seen in `limit`.
  int port(std::chrono::milliseconds limit = 5000ms) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      std::string log = read_file(err_);
      auto at = log.find("agmon serving http://127.0.0.1:");
      if (at != std::string::npos) return std::stoi(log.substr(at + 31));
      if (exited(0ms)) return 0;
      std::this_thread::sleep_for(20ms);
    }
    return 0;
  }
  // True when the process ended within `limit` (exit code in code()).
  bool exited(std::chrono::milliseconds limit) {
    if (exit_code_ >= 0) return true;
    auto until = std::chrono::steady_clock::now() + limit;
    do {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return true;
      }
      std::this_thread::sleep_for(10ms);
    } while (std::chrono::steady_clock::now() < until);
    return false;
  }
  int code() const { return exit_code_; }
  pid_t pid() const { return pid_; }
  std::string log() const { return read_file(err_); }

 private:
  std::string err_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

int get_status(int port, const std::string& path, const std::string& token = "") {
  Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(port));
  s.setTimeout(Poco::Timespan(5, 0));
  Poco::Net::HTTPRequest req("GET", path, "HTTP/1.1");
  if (!token.empty()) req.set("Authorization", "Bearer " + token);
  s.sendRequest(req);
  Poco::Net::HTTPResponse resp;
  std::string body;
  Poco::StreamCopier::copyToString(s.receiveResponse(resp), body);
  return resp.getStatus();
}

std::string admin_token(const TempDir& dir) {
  auto r = agmon::test::run_agmon("--db " + dir.file("agmon.db") + " token add --role admin --name ops");
  REQUIRE(r.exit_code == 0);
  return r.out.substr(0, r.out.find('\n'));
}

const std::string kStudents =
    "student_id,school_code,grade_level,counselor_id,last_name,first_name\n"
    "700001,9900011,11,C1,Ito,Ren\n";

}  // namespace

TEST_CASE("the daemon serves, and SIGTERM stops it with exit 0 after answering the request in flight") {
  TempDir dir;
  std::string token = admin_token(dir);
  Proc p(dir, {"--db", dir.file("agmon.db"), "serve", "--port", "0", "--allow-root"});
  int port = p.port();
  INFO(p.log());
  REQUIRE(port > 0);
  CHECK(get_status(port, "/healthz") == 200);
  CHECK(get_status(port, "/api/v1/imports", token) == 200);

  // An upload in flight: headers and half the body now, the rest after SIGTERM.
  Poco::Net::StreamSocket up(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
  up.setReceiveTimeout(Poco::Timespan(5, 0));
  std::string head = "POST /api/v1/imports?name=students.csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                     "\r\nContent-Length: " + std::to_string(kStudents.size()) + "\r\n\r\n";
  std::string first = head + kStudents.substr(0, 20);
  up.sendBytes(first.data(), static_cast<int>(first.size()));
  std::this_thread::sleep_for(200ms);
  REQUIRE(kill(p.pid(), SIGTERM) == 0);
  CHECK_FALSE(p.exited(300ms));  // still finishing the upload
  std::string rest = kStudents.substr(20);
  up.sendBytes(rest.data(), static_cast<int>(rest.size()));
  std::string answer;
  char buf[4096];
  int n;
  while ((n = up.receiveBytes(buf, sizeof buf)) > 0) {
    answer.append(buf, static_cast<size_t>(n));
    if (answer.find("\"warnings_total\"") != std::string::npos) break;
  }
  CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(answer.find("\"outcome\":\"applied\"") != std::string::npos);
  up.close();
  REQUIRE(p.exited(5000ms));
  CHECK(p.code() == 0);
  CHECK(p.log().find("stopped") != std::string::npos);
}

TEST_CASE("a second daemon on the same port fails with exit 71 instead of sharing it") {
  TempDir dir;
  Proc first(dir, {"--db", dir.file("agmon.db"), "serve", "--port", "0", "--allow-root"});
  int port = first.port();
  REQUIRE(port > 0);
  TempDir dir2;
  Proc second(dir2, {"--db", dir2.file("agmon.db"), "serve", "--port", std::to_string(port), "--allow-root"});
  REQUIRE(second.exited(5000ms));
  CHECK(second.code() == 71);
  CHECK(second.log().find("in use") != std::string::npos);
  kill(first.pid(), SIGINT);  // SIGINT stops it as cleanly as SIGTERM
  REQUIRE(first.exited(5000ms));
  CHECK(first.code() == 0);
}

TEST_CASE("bad serve usage exits 64 with a one-line reason; root is refused unless allowed") {
  auto r = agmon::test::run_agmon("serve --port eighty");
  CHECK(r.exit_code == 64);
  CHECK(r.err.find("agmon.http.port") != std::string::npos);
  CHECK(agmon::test::run_agmon("serve --frobnicate").exit_code == 64);
  CHECK(agmon::test::run_agmon("serve --help").exit_code == 0);
  if (geteuid() == 0) {
    TempDir dir;
    auto root = agmon::test::run_agmon("--db " + dir.file("agmon.db") + " serve --port 0");
    CHECK(root.exit_code == 1);
    CHECK(root.err.find("refusing to run as root") != std::string::npos);
  }
}

TEST_CASE("with --daemon it detaches, writes its pidfile, and stops on SIGTERM") {
  TempDir dir;
  write_file(dir.file("agmon.properties"), "agmon.log.file = " + dir.file("agmon.log") + "\nagmon.allow_root = true\n");
  const std::string pidfile = dir.file("agmon.pid");
  Proc launcher(dir, {"--config", dir.file("agmon.properties"), "--db", dir.file("agmon.db"), "serve", "--port", "0",
                      "--daemon", "--pidfile", pidfile});
  REQUIRE(launcher.exited(5000ms));
  CHECK(launcher.code() == 0);
  pid_t pid = 0;
  for (int i = 0; i < 250 && pid == 0; ++i) {
    std::string text = read_file(pidfile);
    if (!text.empty()) pid = std::stoi(text);
    else std::this_thread::sleep_for(20ms);
  }
  REQUIRE(pid > 0);
  std::string log;
  for (int i = 0; i < 250 && log.find("agmon serving") == std::string::npos; ++i) {
    std::this_thread::sleep_for(20ms);
    log = read_file(dir.file("agmon.log"));
  }
  int port = std::stoi(log.substr(log.find("agmon serving http://127.0.0.1:") + 31));
  CHECK(get_status(port, "/healthz") == 200);
  REQUIRE(kill(pid, SIGTERM) == 0);
  bool gone = false;
  for (int i = 0; i < 250 && !gone; ++i) {
    gone = kill(pid, 0) != 0;  // not our child: poll for its disappearance
    if (!gone) std::this_thread::sleep_for(20ms);
  }
  CHECK(gone);
  CHECK_FALSE(std::filesystem::exists(pidfile));  // removed at a clean exit
}

TEST_CASE("the daemon's inbox imports a file written slowly, once complete") {
  TempDir dir;
  write_file(dir.file("agmon.properties"), "agmon.inbox.poll_seconds = 1\n");
  const std::string inbox = dir.file("inbox");
  Proc p(dir, {"--config", dir.file("agmon.properties"), "--db", dir.file("agmon.db"), "serve", "--port", "0",
               "--allow-root", "--inbox", inbox});
  REQUIRE(p.port() > 0);
  {
    // Six pieces, 300 ms apart: every pair of polls (1 s apart) sees the file grow.
    std::ofstream f(inbox + "/students.csv");
    const size_t piece = kStudents.size() / 6 + 1;
    for (size_t at = 0; at < kStudents.size(); at += piece) {
      f << kStudents.substr(at, piece) << std::flush;
      std::this_thread::sleep_for(300ms);
    }
  }
  CHECK(std::filesystem::exists(inbox + "/students.csv"));  // not taken while being written
  bool done = false;
  for (int i = 0; i < 100 && !done; ++i) {
    std::this_thread::sleep_for(50ms);
    for (const auto& e : std::filesystem::directory_iterator(inbox + "/processed"))
      done = done || agmon::test::read_file(e.path().string()).find("\"outcome\":\"applied\"") != std::string::npos;
  }
  CHECK(done);
  CHECK_FALSE(std::filesystem::exists(inbox + "/students.csv"));
  kill(p.pid(), SIGTERM);
  REQUIRE(p.exited(5000ms));
  CHECK(p.code() == 0);
}
