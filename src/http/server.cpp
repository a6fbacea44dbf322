// The Server: database check, socket, thread pool, Poco TCPServer with HTTP connections, orderly
// shutdown.
#include "agmon/http/server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SecureServerSocketImpl.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>
#include <sys/stat.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "agmon/http/tls.h"
#include "agmon/store/database.h"
#include "http/connection.h"
#include "http/deadline_watchdog.h"
#include "http/dispatcher.h"
#include "http/server_context.h"

namespace agmon::http {

core::Result<Poco::Net::ServerSocket> bind_listen_socket(const std::string& host, int port, int backlog,
                                                         Poco::Net::Context::Ptr tls) {
  if (port < 0 || port > 65535)
    return core::make_error(core::ErrorCode::kInvalidArgument, "port must be from 0 to 65535");
  try {
    Poco::Net::ServerSocket socket = tls ? Poco::Net::SecureServerSocket(tls) : Poco::Net::ServerSocket();
    // reusePort = false: Poco 1.11 would otherwise set SO_REUSEPORT and a second daemon
    // would silently share the port (toolchain.md §4).
    socket.bind(Poco::Net::SocketAddress(host, static_cast<Poco::UInt16>(port)), true, false);
    socket.listen(backlog);
    return socket;
  } catch (const Poco::Exception& e) {
    return core::make_error(core::ErrorCode::kIoError,
                            "cannot listen on " + host + ":" + std::to_string(port) + ": " + e.displayText());
  }
}

bool Exchange::audit(const std::vector<std::string>& student_ids) {
  if (student_ids.empty()) return true;
  std::vector<service::AuditEntry> entries;
  entries.reserve(student_ids.size());
  const std::string role(service::role_name(principal.role));
  const std::string where = endpoint();
  for (const auto& id : student_ids) entries.push_back({"", principal.token_name, role, id, where, client});
  return ctx.audit->record(std::move(entries));
}

struct Server::Impl {
  std::unique_ptr<SslLibrary> ssl;  // while serving TLS; first, so it is released last
  ServerContext ctx;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::TCPServer> http;
  DispatcherFactory* dispatcher = nullptr;      // owned by the connection factory
  ConnectionFactory* connections = nullptr;     // owned by `http`
  std::unique_ptr<DeadlineWatchdog> deadlines;  // cuts connections whose request head is late
  int port = 0;
  bool https = false;
  bool running = false;
  // The watcher: finds writes by other processes (`agmon import`, `agmon alerts ack`).
  std::thread watcher;
  std::mutex watch_mutex;
  std::condition_variable watch_wake;
  bool watch_stop = false;

  void watch() {
    std::unique_ptr<store::Database> db;
    std::string last;
    std::unique_lock<std::mutex> lock(watch_mutex);
    while (!watch_stop) {
      lock.unlock();
      if (!db) {
        auto opened = store::Database::open(ctx.options.db_path, store::OpenMode::kReadOnly);
        if (opened) db = std::move(opened.value());
      }
      if (db) {
        auto sig = service::content_signature(*db);
        if (!sig) {
          db.reset();
          ctx.reports->invalidate();  // cannot tell: assume changed
        } else if (*sig != last) {
          if (!last.empty()) ctx.reports->invalidate();
          last = *sig;
        }
      }
      lock.lock();
      watch_wake.wait_for(lock, std::chrono::milliseconds(ctx.options.change_check_ms), [this] { return watch_stop; });
    }
  }
};

Server::Server(ServerOptions options, service::Settings settings, LogFn log) : impl_(new Impl) {
  impl_->ctx.options = std::move(options);
  impl_->ctx.settings = std::move(settings);
  impl_->ctx.log_fn = std::move(log);
}

Server::~Server() { stop(); }

core::Status Server::start() {
  const ServerOptions& o = impl_->ctx.options;
  Poco::Net::Context::Ptr tls;
  if (tls_configured(o.tls_certificate, o.tls_private_key)) {
    if (!impl_->ssl) impl_->ssl = std::make_unique<SslLibrary>();
    auto loaded = load_tls_server_context(o.tls_certificate, o.tls_private_key);
    if (!loaded) return loaded.error();
    tls = loaded->context;
  }
  auto socket = bind_listen_socket(o.bind, o.port, 128, tls);
  if (!socket) return socket.error();
  return start(std::move(socket.value()));
}

core::Status Server::start(Poco::Net::ServerSocket bound) {
  if (impl_->running) return core::Status::success();
  // Accepted connections of a secure socket are TLS; they must not get plain-text bytes.
  impl_->https = dynamic_cast<Poco::Net::SecureServerSocketImpl*>(bound.impl()) != nullptr;
  if (impl_->https && !impl_->ssl) impl_->ssl = std::make_unique<SslLibrary>();
  const bool https = impl_->https;
  ServerContext& ctx = impl_->ctx;
  const ServerOptions& o = ctx.options;
  if (o.threads < 1 || o.max_queued < 1 || o.header_deadline_s < 1)
    return core::make_error(core::ErrorCode::kInvalidArgument,
                            "threads, queue and header deadline must be at least 1");
  {
    // Creates and migrates the database; the workers then open it read-only.
    auto db = store::Database::open(o.db_path);
    if (!db) return db.error();
  }
  ctx.upload_dir = o.upload_dir;
  if (ctx.upload_dir.empty()) {
    auto parent = std::filesystem::absolute(o.db_path).parent_path();
    ctx.upload_dir = (parent / ".agmon-uploads").string();
  }
  if (mkdir(ctx.upload_dir.c_str(), 0700) != 0 && errno != EEXIST)
    return core::make_error(core::ErrorCode::kIoError, "cannot create the upload folder " + ctx.upload_dir);

  ctx.routes = all_routes();
  std::vector<Metrics::Label> labels;
  for (const auto& r : ctx.routes) {
    ctx.router.add(r.method, r.pattern);
    labels.push_back({r.method, r.pattern});
  }
  ctx.metrics = std::make_unique<Metrics>(std::move(labels));
  ctx.limiter = std::make_unique<AuthLimiter>(o.auth_failures_per_minute, std::chrono::seconds(60));
  service::AuditLog::Options ao;
  ao.flush_interval_ms = o.audit_flush_ms;
  ao.max_backlog = o.audit_max_backlog;
  ao.on_error = [&ctx](const std::string& m) { ctx.log(LogLevel::kError, "audit log: " + m + " (will retry)"); };
  ctx.audit = std::make_unique<service::AuditLog>(o.db_path, std::move(ao));
  ctx.reports = std::make_unique<service::ReportCache>(o.report_cache_bytes);

  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(o.threads);
  params->setMaxQueued(o.max_queued);
  params->setKeepAlive(o.keep_alive);
  params->setKeepAliveTimeout(Poco::Timespan(o.keep_alive_timeout_s, 0));
  params->setMaxKeepAliveRequests(o.max_keep_alive_requests);
  params->setTimeout(Poco::Timespan(o.timeout_s, 0));
  params->setSoftwareVersion("agmon");
  DeadlineWatchdog::Options wo;
  wo.first_head = std::chrono::seconds(o.header_deadline_s);
  // Poco itself closes a keep-alive connection idle for keep_alive_timeout_s; the head that
  // follows still gets the full header deadline.
  wo.next_head = std::chrono::seconds(o.keep_alive_timeout_s + o.header_deadline_s);
  const std::string late = "closed a slow client: no complete request header within " +
                           std::to_string(o.header_deadline_s) + " s, client ";
  impl_->deadlines = std::make_unique<DeadlineWatchdog>(wo, [&ctx, late, https](int fd, const std::string& client) {
    cut_slow_client(fd, /*plain_408=*/!https);
    ctx.metrics->slow_client_closed();
    ctx.log(LogLevel::kWarn, late + client);
  });
  try {
    // min == max: no thread churn, so each thread's database connection lives on.
    impl_->pool = std::make_unique<Poco::ThreadPool>(o.threads, o.threads);
    impl_->port = bound.address().port();
    // Poco's HTTPServer, but with connections that answer 400 to headers Poco cannot parse and
    // are cut when their request head is late.
    impl_->dispatcher = new DispatcherFactory(ctx);
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers(impl_->dispatcher);
    impl_->connections = new ConnectionFactory(params, handlers, impl_->deadlines.get());
    impl_->http = std::make_unique<Poco::Net::TCPServer>(impl_->connections, *impl_->pool, bound, params);
    impl_->deadlines->start();
    impl_->http->start();
  } catch (const Poco::Exception& e) {
    return core::make_error(core::ErrorCode::kIoError, "cannot start the server: " + e.displayText());
  }
  ctx.http = impl_->http.get();
  impl_->running = true;
  impl_->watch_stop = false;
  impl_->watcher = std::thread([this] { impl_->watch(); });
  ctx.log(LogLevel::kInfo, std::string("listening on ") + (https ? "https://" : "http://") + o.bind + ":" + std::to_string(impl_->port) + " with " +
                               std::to_string(o.threads) + " threads");
  return core::Status::success();
}

void Server::stop() {
  if (!impl_ || !impl_->running) return;
  impl_->running = false;
  impl_->ctx.http = nullptr;
  // Stops accepting; requests being handled finish, idle keep-alive connections are closed.
  impl_->http->stop();
  impl_->connections->server_stopped(false);
  // Still cutting late heads here: a trickling client must not hold up the stop either.
  impl_->pool->joinAll();
  impl_->deadlines->stop();
  impl_->http.reset();
  impl_->dispatcher = nullptr;
  impl_->connections = nullptr;
  impl_->ctx.audit->stop();
  {
    std::lock_guard<std::mutex> lock(impl_->watch_mutex);
    impl_->watch_stop = true;
  }
  impl_->watch_wake.notify_all();
  if (impl_->watcher.joinable()) impl_->watcher.join();
  impl_->ctx.log(LogLevel::kInfo, "server stopped");
}

int Server::port() const { return impl_->port; }
bool Server::https() const { return impl_->https; }
ImportGate& Server::import_gate() { return impl_->ctx.import_gate; }

void Server::content_changed() {
  if (impl_->ctx.reports) impl_->ctx.reports->invalidate();
}

core::Status Server::flush_audit() {
  if (!impl_->ctx.audit) return core::Status::success();
  return impl_->ctx.audit->flush();
}

}  // namespace agmon::http
