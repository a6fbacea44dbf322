// Operations and the dashboard: health, Prometheus metrics, embedded static files, whoami.
#include <Poco/Net/TCPServer.h>

#include "agmon/core/json_writer.h"
#include "agmon/http/static_assets.h"
#include "agmon/service/health.h"
#include "agmon/service/import_history.h"
#include "http/handlers/handlers.h"

namespace agmon::http {
namespace {

Reply asset_reply(const StaticAsset& asset) {
  Reply r;
  r.static_body = asset.data;
  r.content_type = std::string(asset.content_type.empty() ? content_type_for(asset.path) : asset.content_type);
  r.headers.emplace_back("Cache-Control", "no-cache");
  if (r.content_type.rfind("text/html", 0) == 0) {
    r.headers.emplace_back("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
  }
  return r;
}

void gauge(std::string& out, const char* name, const char* help, const char* type, long long value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
         std::to_string(value) + "\n";
}

}  // namespace

Reply handle_healthz(Exchange& ex) {
  QueryReader q(ex.query, {});
  if (!q.ok()) return bad_query(q);
  auto db = ex.db();
  if (!db) {
    service::HealthInfo down;
    down.db_error = db.error().message;
    return json_reply(503, service::health_json(down));
  }
  auto info = service::health(*(*db)->db);
  if (!info.db_ok) drop_worker_db();
  return json_reply(info.db_ok ? 200 : 503, service::health_json(info));
}

Reply handle_metrics(Exchange& ex) {
  QueryReader q(ex.query, {});
  if (!q.ok()) return bad_query(q);
  std::string out = ex.ctx.metrics->render();
  if (auto* http = ex.ctx.http.load()) {
    gauge(out, "agmon_http_connections", "Connections being served now.", "gauge", http->currentConnections());
    gauge(out, "agmon_http_connections_queued", "Connections waiting for a thread.", "gauge",
          http->queuedConnections());
    gauge(out, "agmon_http_connections_refused_total", "Connections refused (queue full).", "counter",
          http->refusedConnections());
  }
  gauge(out, "agmon_audit_backlog", "Audit rows waiting to be written.", "gauge",
        static_cast<long long>(ex.ctx.audit->backlog()));
  const auto& cache = *ex.ctx.reports;
  gauge(out, "agmon_report_cache_bytes", "Bytes of student reports held in memory.", "gauge",
        static_cast<long long>(cache.bytes()));
  gauge(out, "agmon_report_cache_hits_total", "Student reports served from memory.", "counter",
        static_cast<long long>(cache.hits()));
  gauge(out, "agmon_report_cache_misses_total", "Student reports read from the database.", "counter",
        static_cast<long long>(cache.misses()));
  gauge(out, "agmon_report_cache_invalidations_total", "Times the report cache was emptied after a change.",
        "counter", static_cast<long long>(cache.invalidations()));
  auto db = ex.db();
  bool up = false;
  if (db) {
    auto totals = service::import_totals(*(*db)->db);
    auto alerts = service::open_alerts_by_kind(*(*db)->db);
    if (totals && alerts) {
      up = true;
      out += "# HELP agmon_imports_total Import calls by outcome.\n# TYPE agmon_imports_total counter\n";
      for (const auto& [outcome, n] : totals->imports_by_outcome)
        out += "agmon_imports_total{outcome=\"" + prometheus_label(outcome) + "\"} " + std::to_string(n) + "\n";
      gauge(out, "agmon_import_rows_applied_total", "Rows applied by successful imports.", "counter",
            totals->rows_applied);
      gauge(out, "agmon_import_rows_quarantined_total", "Rows quarantined by applied imports.", "counter",
            totals->rows_quarantined);
      out += "# HELP agmon_alerts_open Open alerts by kind.\n# TYPE agmon_alerts_open gauge\n";
      for (const auto& [kind, n] : *alerts)
        out += "agmon_alerts_open{kind=\"" + prometheus_label(kind) + "\"} " + std::to_string(n) + "\n";
    }
  }
  gauge(out, "agmon_db_up", "1 when the database answered this scrape.", "gauge", up ? 1 : 0);
  Reply r = json_reply(200, std::move(out));
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return r;
}

Reply handle_index(Exchange& ex) {
  (void)ex;  // query strings on the page (e.g. a dashboard's ?school=) are the page's business
  const StaticAsset* asset = find_static_asset("index.html");
  if (!asset) return error_reply(404, "not_found", "no dashboard in this build");
  return asset_reply(*asset);
}

Reply handle_static(Exchange& ex) {
  std::string_view path = path_param(ex.params, "path");
  // Only plain names: no "." or ".." segments, no backslashes, no control characters. The
  // table lookup below cannot reach the file system anyway; this keeps the rule explicit.
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return error_reply(404, "not_found", "no such file");
    start = end + 1;
  }
  for (char c : path)
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return error_reply(404, "not_found", "no such file");
  const StaticAsset* asset = find_static_asset(path);
  if (!asset) return error_reply(404, "not_found", "no such file");
  return asset_reply(*asset);
}

Reply handle_me(Exchange& ex) {
  QueryReader q(ex.query, {});
  if (!q.ok()) return bad_query(q);
  const auto& p = ex.principal;
  core::JsonWriter w;
  w.begin_object().field("token", p.token_name).field("role", service::role_name(p.role));
  w.key("schools").begin_array();
  for (const auto& s : p.schools) w.value(s);
  w.end_array().key("counselor_id");
  if (p.counselor_id.empty()) w.null();
  else w.value(p.counselor_id);
  w.end_object();
  return json_reply(200, w.take());
}

}  // namespace agmon::http
