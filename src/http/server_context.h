// The state one server shares between its worker threads, and the Exchange a handler gets
// for one request.
#pragma once

#include <Poco/Net/TCPServer.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "agmon/http/auth_limiter.h"
#include "agmon/http/import_gate.h"
#include "agmon/http/metrics.h"
#include "agmon/http/params.h"
#include "agmon/http/router.h"
#include "agmon/http/server.h"
#include "agmon/service/audit.h"
#include "agmon/service/report_cache.h"
#include "agmon/service/tokens.h"
#include "http/reply.h"
#include "http/worker_db.h"

namespace agmon::http {

// Who may call a route.
enum class Access {
  kPublic,    // anyone: health, metrics, dashboard files
  kAnyToken,  // any valid token
  kStudents,  // counselors (in scope) and admins: student data, alerts, gaps
  kImports,   // importers and admins
};

struct Exchange;
using Handler = Reply (*)(Exchange&);

struct RouteSpec {
  std::string method;
  std::string pattern;
  Access access;
  Handler handler;
};

struct ServerContext {
  ServerOptions options;
  service::Settings settings;
  LogFn log_fn;
  std::vector<RouteSpec> routes;
  Router router;
  std::unique_ptr<Metrics> metrics;
  std::unique_ptr<AuthLimiter> limiter;
  std::unique_ptr<service::AuditLog> audit;
  std::unique_ptr<service::ReportCache> reports;
  ImportGate import_gate;
  std::string upload_dir;
  std::atomic<Poco::Net::TCPServer*> http{nullptr};  // for the connection gauges

  void log(LogLevel level, const std::string& message) const {
    if (log_fn) log_fn(level, message);
  }
};

struct Exchange {
  Poco::Net::HTTPServerRequest& request;
  ServerContext& ctx;
  const RouteSpec& route;
  PathParams params;
  QueryParams query;
  service::Principal principal;  // set for every route but kPublic ones
  std::string client;            // the client's address (no port)
  bool body_consumed = false;    // a handler that reads the body sets this

  // This thread's read-only connection (kIoError when the database cannot be opened).
  core::Result<WorkerDb*> db() { return worker_db(ctx.options.db_path); }
  // "GET /api/v1/students/{id}": the route, for audit rows and logs.
  std::string endpoint() const { return route.method + " " + route.pattern; }
  // Queues audit rows for student ids; false when the audit backlog is full.
  bool audit(const std::vector<std::string>& student_ids);
};

// The routes of the API, the dashboard and operations (src/http/routes.cpp).
std::vector<RouteSpec> all_routes();

}  // namespace agmon::http
