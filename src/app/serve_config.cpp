// `agmon serve` flags and config keys -> ServeConfig.
#include "agmon/app/serve_config.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <cstdlib>
#include <filesystem>

#include "agmon/cli/command.h"

namespace agmon::app {

const char* const kServeUsage =
    "usage: agmon [--db PATH] [--config FILE] serve [--bind ADDR] [--port N] [--inbox DIR]\n"
    "                                          [--daemon --pidfile FILE] [--allow-root]\n"
    "\n"
    "Runs the daemon: the JSON API (Authorization: Bearer TOKEN from `agmon token add`), the\n"
    "dashboard at /, /healthz and /metrics; with --inbox, imports files dropped in DIR (once\n"
    "complete: a NAME.done marker, or the same size on two polls) and moves them to\n"
    "DIR/processed or DIR/rejected with their report beside them. Binds 127.0.0.1:8080 unless\n"
    "told otherwise. Stops cleanly on SIGTERM or SIGINT, finishing requests in flight.\n"
    "\n"
    "  --bind ADDR      address to listen on (agmon.http.bind, default 127.0.0.1)\n"
    "  --port N         port (agmon.http.port, default 8080; 0 = any free port)\n"
    "  --inbox DIR      folder to watch (agmon.inbox.dir)\n"
    "  --daemon         detach and run in the background (logs go to agmon.log.file)\n"
    "  --pidfile FILE   write the daemon's process id here\n"
    "  --allow-root     run as root anyway (agmon.allow_root=true)\n"
    "  --log-level L    trace|debug|info|warn|error (agmon.log.level, default info)\n"
    "\n"
    "Other keys (etc/agmon.properties): agmon.http.threads, .queue, .keep_alive,\n"
    ".keep_alive_timeout_seconds, .keep_alive_max_requests, .timeout_seconds,\n"
    ".header_deadline_seconds, .max_upload_bytes, .upload_dir, .auth_failures_per_minute,\n"
    ".report_cache_mb, .tls.certificate, .tls.private_key (both set: HTTPS only, the key chmod 600);\n"
    "agmon.audit.flush_ms;\n"
    "agmon.inbox.poll_seconds, .at (HH:MM), .mode, .max_reject_rate; agmon.log.file, .max_bytes,\n"
    ".max_files.\n";

namespace {

core::Error invalid(const std::string& message) { return core::make_error(core::ErrorCode::kInvalidArgument, message); }

std::string absolute(const std::string& path) {
  if (path.empty()) return path;
  return std::filesystem::absolute(path).lexically_normal().string();
}

// Looks a key up: the flag value when given, else the config value, else nothing.
struct Source {
  const std::map<std::string, std::string>& config;
  std::optional<std::string> get(const std::string& key) const {
    auto it = config.find(key);
    if (it == config.end()) return std::nullopt;
    return it->second;
  }
};

core::Status read_int(const Source& src, const std::string& key, long min, long max, long& out) {
  auto v = src.get(key);
  if (!v) return core::Status::success();
  char* end = nullptr;
  long n = std::strtol(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || n < min || n > max)
    return invalid("config " + key + ": must be a whole number from " + std::to_string(min) + " to " +
                   std::to_string(max) + " (got '" + *v + "')");
  out = n;
  return core::Status::success();
}

core::Status read_bool(const Source& src, const std::string& key, bool& out) {
  auto v = src.get(key);
  if (!v) return core::Status::success();
  if (*v == "true" || *v == "yes" || *v == "1") out = true;
  else if (*v == "false" || *v == "no" || *v == "0") out = false;
  else return invalid("config " + key + ": must be true or false (got '" + *v + "')");
  return core::Status::success();
}

#define AGMON_TRY(expr)            \
  do {                             \
    auto _st = (expr);             \
    if (!_st) return _st.error();  \
  } while (0)

}  // namespace

core::Result<std::map<std::string, std::string>> read_properties(const std::string& path) {
  std::map<std::string, std::string> out;
  try {
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> cfg(new Poco::Util::PropertyFileConfiguration(path));
    std::vector<std::string> stack{""};
    while (!stack.empty()) {
      std::string prefix = stack.back();
      stack.pop_back();
      Poco::Util::AbstractConfiguration::Keys keys;
      cfg->keys(prefix, keys);
      for (const auto& k : keys) {
        std::string full = prefix.empty() ? k : prefix + "." + k;
        if (cfg->hasOption(full)) out[full] = cfg->getRawString(full);
        stack.push_back(full);
      }
    }
  } catch (const Poco::Exception& e) {
    return invalid("cannot read config " + path + ": " + e.displayText());
  }
  return out;
}

core::Result<ServeConfig> parse_serve_config(const std::vector<std::string>& global,
                                             const std::vector<std::string>& argv) {
  std::string error;
  auto g = cli::Args::parse(global, {"db", "config", "log-level"}, {}, &error);
  if (!g) return invalid(error);
  auto a = cli::Args::parse(argv, {"bind", "port", "inbox", "config", "db", "pidfile", "log-level"},
                            {"daemon", "allow-root"}, &error);
  if (!a) return invalid(error);
  if (!a->positionals().empty()) return invalid("serve takes no positional arguments");
  auto flag = [&](const std::string& name) { return a->get(name) ? a->get(name) : g->get(name); };

  ServeConfig c;
  c.config_path = flag("config").value_or("");
  if (!c.config_path.empty()) {
    auto props = read_properties(c.config_path);
    if (!props) return props.error();
    c.config = std::move(props.value());
  }
  // Flags win over config keys: fold them into one view.
  std::map<std::string, std::string> merged = c.config;
  if (auto v = flag("db")) merged["agmon.db.path"] = *v;
  if (auto v = a->get("bind")) merged["agmon.http.bind"] = *v;
  if (auto v = a->get("port")) merged["agmon.http.port"] = *v;
  if (auto v = a->get("inbox")) merged["agmon.inbox.dir"] = *v;
  if (auto v = flag("log-level")) merged["agmon.log.level"] = *v;
  if (a->has("allow-root")) merged["agmon.allow_root"] = "true";
  Source src{merged};

  auto& h = c.http;
  h.db_path = absolute(src.get("agmon.db.path").value_or("./agmon.db"));
  h.bind = src.get("agmon.http.bind").value_or("127.0.0.1");
  if (h.bind.empty()) return invalid("--bind: empty address");
  long n = h.port;
  AGMON_TRY(read_int(src, "agmon.http.port", 0, 65535, n));
  h.port = static_cast<int>(n);
  n = h.threads;
  AGMON_TRY(read_int(src, "agmon.http.threads", 1, 1024, n));
  h.threads = static_cast<int>(n);
  n = h.max_queued;
  AGMON_TRY(read_int(src, "agmon.http.queue", 1, 100000, n));
  h.max_queued = static_cast<int>(n);
  AGMON_TRY(read_bool(src, "agmon.http.keep_alive", h.keep_alive));
  n = h.keep_alive_timeout_s;
  AGMON_TRY(read_int(src, "agmon.http.keep_alive_timeout_seconds", 1, 3600, n));
  h.keep_alive_timeout_s = static_cast<int>(n);
  n = h.max_keep_alive_requests;
  AGMON_TRY(read_int(src, "agmon.http.keep_alive_max_requests", 0, 1000000000, n));
  h.max_keep_alive_requests = static_cast<int>(n);
  n = h.timeout_s;
  AGMON_TRY(read_int(src, "agmon.http.timeout_seconds", 1, 3600, n));
  h.timeout_s = static_cast<int>(n);
  n = h.header_deadline_s;
  AGMON_TRY(read_int(src, "agmon.http.header_deadline_seconds", 1, 3600, n));
  h.header_deadline_s = static_cast<int>(n);
  n = static_cast<long>(h.max_upload_bytes);
  AGMON_TRY(read_int(src, "agmon.http.max_upload_bytes", 1, 1L << 40, n));
  h.max_upload_bytes = n;
  h.upload_dir = absolute(src.get("agmon.http.upload_dir").value_or(""));
  n = h.auth_failures_per_minute;
  AGMON_TRY(read_int(src, "agmon.http.auth_failures_per_minute", 1, 1000000, n));
  h.auth_failures_per_minute = static_cast<int>(n);

  // HTTPS: both or neither (the files themselves are checked before the daemon listens).
  h.tls_certificate = absolute(src.get("agmon.http.tls.certificate").value_or(""));
  h.tls_private_key = absolute(src.get("agmon.http.tls.private_key").value_or(""));
  if (h.tls_certificate.empty() != h.tls_private_key.empty())
    return invalid(h.tls_certificate.empty()
                       ? "config agmon.http.tls.private_key is set but agmon.http.tls.certificate is not: set both "
                         "for HTTPS, neither for plain HTTP"
                       : "config agmon.http.tls.certificate is set but agmon.http.tls.private_key is not: set both "
                         "for HTTPS, neither for plain HTTP");

  n = static_cast<long>(h.report_cache_bytes / (1024 * 1024));
  AGMON_TRY(read_int(src, "agmon.http.report_cache_mb", 0, 1L << 20, n));
  h.report_cache_bytes = static_cast<std::size_t>(n) * 1024 * 1024;

  n = h.audit_flush_ms;
  AGMON_TRY(read_int(src, "agmon.audit.flush_ms", 10, 60000, n));
  h.audit_flush_ms = static_cast<int>(n);

  auto& in = c.inbox;
  in.dir = absolute(src.get("agmon.inbox.dir").value_or(""));
  in.db_path = h.db_path;
  n = in.poll_seconds;
  AGMON_TRY(read_int(src, "agmon.inbox.poll_seconds", 1, 86400, n));
  in.poll_seconds = static_cast<int>(n);
  if (auto at = src.get("agmon.inbox.at"); at && !at->empty()) {
    int hh = -1, mm = -1;
    char extra = 0;
    if (std::sscanf(at->c_str(), "%2d:%2d%c", &hh, &mm, &extra) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 ||
        at->size() != 5)
      return invalid("config agmon.inbox.at: must be HH:MM (24-hour, local time), got '" + *at + "'");
    in.at_minute = hh * 60 + mm;
  }
  if (auto mode = src.get("agmon.inbox.mode")) {
    if (*mode == "full") in.mode = store::ImportMode::kFull;
    else if (*mode != "incremental") return invalid("config agmon.inbox.mode: must be full or incremental");
  }
  if (auto rate = src.get("agmon.inbox.max_reject_rate")) {
    char* end = nullptr;
    in.max_reject_rate = std::strtod(rate->c_str(), &end);
    if (rate->empty() || *end != '\0' || in.max_reject_rate < 0 || in.max_reject_rate > 1)
      return invalid("config agmon.inbox.max_reject_rate: must be a number from 0 to 1");
  }

  c.log.level = src.get("agmon.log.level").value_or("info");
  if (c.log.level != "trace" && c.log.level != "debug" && c.log.level != "info" && c.log.level != "warn" &&
      c.log.level != "error")
    return invalid("--log-level must be one of trace, debug, info, warn, error");
  c.log.file = absolute(src.get("agmon.log.file").value_or(""));
  h.log_requests = c.log.level == "debug" || c.log.level == "trace";
  n = static_cast<long>(c.log.max_bytes);
  AGMON_TRY(read_int(src, "agmon.log.max_bytes", 4096, 1L << 40, n));
  c.log.max_bytes = static_cast<std::size_t>(n);
  n = c.log.max_files;
  AGMON_TRY(read_int(src, "agmon.log.max_files", 1, 1000, n));
  c.log.max_files = static_cast<int>(n);

  AGMON_TRY(read_bool(src, "agmon.allow_root", c.allow_root));
  c.daemon = a->has("daemon");
  c.pidfile = absolute(a->get("pidfile").value_or(""));
  return c;
}

}  // namespace agmon::app
