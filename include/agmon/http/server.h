// The daemon's HTTP server: Poco HTTPServer on a socket bound without SO_REUSEPORT, a fixed
// thread pool (one thread per connection; one read-only SQLite connection per thread), the
// JSON API of interfaces.md with Bearer auth, audit, metrics and the embedded dashboard.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>

#include "agmon/core/result.h"
#include "agmon/http/import_gate.h"
#include "agmon/service/settings.h"

namespace agmon::http {

enum class LogLevel { kDebug, kInfo, kWarn, kError };
// Where the server logs (the app wires spdlog). Never given a student name; student ids
// only at kDebug.
using LogFn = std::function<void(LogLevel, const std::string&)>;

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;                    // 0: any free port (tests)
  int threads = 32;                   // = concurrent connections served (thread per connection)
  int max_queued = 256;               // connections waiting for a thread
  bool keep_alive = true;
  int keep_alive_timeout_s = 5;
  int max_keep_alive_requests = 1000;
  int timeout_s = 30;                 // socket send/receive
  // A connection must deliver a complete request head within this many seconds of being taken
  // by a thread (after a response: keep_alive_timeout_s + this), else it is cut: a client
  // trickling its head byte by byte would otherwise hold a thread for ever.
  int header_deadline_s = 10;
  std::int64_t max_upload_bytes = 512LL * 1024 * 1024;
  std::string upload_dir;             // "" = <database folder>/.agmon-uploads
  int auth_failures_per_minute = 20;  // then 429 for the rest of the minute
  std::string db_path;
  int audit_flush_ms = 1000;         // audit rows are written in batches this often
  std::size_t audit_max_backlog = 1000000;
  int import_busy_timeout_ms = 2000;  // waiting for another process's import, then 409
  std::size_t report_cache_bytes = 256u * 1024 * 1024;  // 0 = no report cache
  int change_check_ms = 250;          // how often writes by other processes are looked for
  bool log_requests = false;          // one debug line per request (method, path, token, status)
  // PEM files. Both set: HTTPS only, on the same bind:port (no plain listener); both blank:
  // plain HTTP. Checked by start() (see tls.h for every refusal).
  std::string tls_certificate;
  std::string tls_private_key;
};

// Binds host:port for listening, without SO_REUSEPORT (a second instance must fail, not share
// the port). kIoError with the reason ("Address already in use: 127.0.0.1:8080"). With `tls`
// (load_tls_server_context) the socket is a SecureServerSocket: every connection it accepts
// speaks TLS, its handshake done by the worker thread on the first read.
core::Result<Poco::Net::ServerSocket> bind_listen_socket(const std::string& host, int port, int backlog = 128,
                                                         Poco::Net::Context::Ptr tls = nullptr);

class Server {
 public:
  // Opens nothing yet. `socket`: an already bound socket (the daemon binds before forking);
  // when absent start() binds options.bind:options.port.
  Server(ServerOptions options, service::Settings settings, LogFn log = {});
  ~Server();  // stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Checks the database (read-write open: creates and migrates it), binds if needed (with
  // TLS when options.tls_* are set: kInvalidArgument for a bad pair), starts the threads.
  // kIoError / kRejected with the reason. A `bound` SecureServerSocket serves HTTPS.
  core::Status start();
  core::Status start(Poco::Net::ServerSocket bound);
  // Stops accepting, lets in-flight requests finish, closes idle connections, joins the
  // threads and flushes the audit log. Idempotent.
  void stop();

  int port() const;  // the bound port (useful with port 0)
  bool https() const;  // serving TLS (known once started)
  ImportGate& import_gate();
  // Writes queued audit rows now (tests).
  core::Status flush_audit();
  // Drops cached reports: call after this process changed student data (the inbox does).
  // Changes by other processes are found by a watcher within change_check_ms.
  void content_changed();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agmon::http
