// The daemon: pre-fork checks, then Poco::Util::ServerApplication (daemonizing, pidfile,
// waiting for SIGTERM/SIGINT), the HTTP server and the inbox scheduler, and an orderly stop.
#include "agmon/app/server_app.h"

#include <Poco/Util/ServerApplication.h>
#include <signal.h>
#include <sqlite3.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iostream>

#include "agmon/app/inbox_scheduler.h"
#include "agmon/app/logging.h"
#include "agmon/app/serve_config.h"
#include "agmon/http/server.h"
#include "agmon/http/tls.h"
#include "agmon/store/database.h"

namespace agmon::app {
namespace {

constexpr int kExitUsage = 64;
constexpr int kExitOsErr = 71;

class ServeApp : public Poco::Util::ServerApplication {
 public:
  ServeApp(ServeConfig config, service::Settings settings, Poco::Net::ServerSocket socket)
      : config_(std::move(config)), settings_(std::move(settings)), socket_(std::move(socket)) {}
  // Logged once logging is set up (after the fork).
  void tls_note(std::string note, bool expired) {
    tls_note_ = std::move(note);
    tls_expired_ = expired;
  }

 protected:
  int main(const std::vector<std::string>&) override {
    auto logged = setup_logging(config_.log, !config().getBool("application.runAsDaemon", false));
    if (!logged) return EXIT_CANTCREAT;
    http::Server server(config_.http, settings_, spdlog_sink());
    auto started = server.start(socket_);
    if (!started) {
      spdlog::error("cannot start: {}", started.error().message);
      return EXIT_SOFTWARE;
    }
    std::unique_ptr<InboxScheduler> inbox;
    if (!config_.inbox.dir.empty()) {
      inbox = std::make_unique<InboxScheduler>(config_.inbox, settings_, server.import_gate(), spdlog_sink());
      inbox->on_imported([&server] { server.content_changed(); });
      auto st = inbox->start();
      if (!st) {
        spdlog::error("{}", st.error().message);
        server.stop();
        return EXIT_CANTCREAT;
      }
    }
    spdlog::info("agmon serving {}://{}:{} (database {})", server.https() ? "https" : "http", config_.http.bind,
                 server.port(), config_.http.db_path);
    if (!tls_note_.empty()) spdlog::log(tls_expired_ ? spdlog::level::warn : spdlog::level::info, "{}", tls_note_);
    waitForTerminationRequest();
    spdlog::info("stopping: finishing requests in flight");
    if (inbox) inbox->stop();  // an import in progress completes first
    server.stop();
    spdlog::info("stopped");
    spdlog::shutdown();
    return EXIT_OK;
  }

 private:
  ServeConfig config_;
  service::Settings settings_;
  Poco::Net::ServerSocket socket_;
  std::string tls_note_;
  bool tls_expired_ = false;
};

}  // namespace

int run_serve(const char* argv0, const std::vector<std::string>& global, const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::cout << kServeUsage;
      return 0;
    }
  // Before any thread exists: SIGTERM/SIGINT/SIGQUIT are only ever taken by
  // waitForTerminationRequest(), so a second signal during shutdown cannot kill a worker.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);

  // Before SQLite's first use: no global memory statistics, whose mutex every allocation of
  // every worker thread's connection would otherwise take.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  auto config = parse_serve_config(global, args);
  if (!config) {
    std::cerr << "agmon: " << config.error().message << "\n";
    return kExitUsage;
  }
  auto settings = service::Settings::from_config(config->config);
  if (!settings) {
    std::cerr << "agmon: config " << config->config_path << ": " << settings.error().message << "\n";
    return kExitUsage;
  }
  if (geteuid() == 0 && !config->allow_root) {
    std::cerr << "agmon: refusing to run as root; run as the service user, or set agmon.allow_root=true "
                 "(or --allow-root)\n";
    return 1;
  }
  {
    auto db = store::Database::open(config->http.db_path);  // creates and migrates; closed before forking
    if (!db) {
      std::cerr << "agmon: " << db.error().message << "\n";
      return 1;
    }
  }
  if (!config->log.file.empty()) {
    auto st = setup_logging(config->log, false);  // fails now, in front of the user, if unwritable
    if (!st) {
      std::cerr << "agmon: " << st.error().message << "\n";
      return 1;
    }
    spdlog::shutdown();
  } else if (config->daemon) {
    std::cerr << "agmon: warning: --daemon without agmon.log.file: log messages are discarded\n";
  }
  // HTTPS: the certificate and key are checked here, in front of the user, like the rest of
  // the config (exit 64); the context goes with the socket into the forked daemon.
  std::unique_ptr<http::SslLibrary> ssl;
  Poco::Net::Context::Ptr tls;
  std::string tls_note;
  bool tls_expired = false;
  if (http::tls_configured(config->http.tls_certificate, config->http.tls_private_key)) {
    ssl = std::make_unique<http::SslLibrary>();
    auto loaded = http::load_tls_server_context(config->http.tls_certificate, config->http.tls_private_key);
    if (!loaded) {
      std::cerr << "agmon: " << loaded.error().message << "\n";
      return kExitUsage;
    }
    tls = loaded->context;
    tls_expired = loaded->expired;
    tls_note = (loaded->expired ? "the TLS certificate " + loaded->subject + " EXPIRED on " + loaded->not_after +
                                      ": clients will refuse it; replace " + config->http.tls_certificate
                                : "TLS certificate " + loaded->subject + ", valid until " + loaded->not_after);
    if (loaded->expired) std::cerr << "agmon: warning: " << tls_note << "\n";
  }
  auto socket = http::bind_listen_socket(config->http.bind, config->http.port, 128, tls);
  if (!socket) {
    std::cerr << "agmon: " << socket.error().message << "\n";
    return kExitOsErr;
  }
  // Only the options Poco handles itself; ours were consumed above.
  std::vector<std::string> poco_args{argv0};
  if (config->daemon) poco_args.push_back("--daemon");
  if (!config->pidfile.empty()) poco_args.push_back("--pidfile=" + config->pidfile);
  std::vector<char*> argv;
  for (auto& s : poco_args) argv.push_back(s.data());
  argv.push_back(nullptr);
  ServeApp app(std::move(config.value()), std::move(settings.value()), std::move(socket.value()));
  app.tls_note(std::move(tls_note), tls_expired);
  return app.run(static_cast<int>(poco_args.size()), argv.data());
}

}  // namespace agmon::app
