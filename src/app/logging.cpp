// spdlog sinks for the daemon, and the bridge from http::LogFn and Poco's ErrorHandler.
#include "agmon/app/logging.h"

#include <Poco/ErrorHandler.h>
#include <Poco/Net/NetException.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace agmon::app {
namespace {

// Errors escaping Poco's own threads (acceptor, dispatcher) end up here instead of stderr.
class PocoErrors : public Poco::ErrorHandler {
 public:
  void exception(const Poco::Exception& e) override {
    // A client that hangs up mid-connection is routine, not an error of ours.
    if (dynamic_cast<const Poco::Net::NetException*>(&e) || dynamic_cast<const Poco::IOException*>(&e))
      spdlog::debug("poco: {}", e.displayText());
    else
      spdlog::error("poco: {}", e.displayText());
  }
  void exception(const std::exception& e) override { spdlog::error("poco: {}", e.what()); }
  void exception() override { spdlog::error("poco: unknown exception"); }
};

// The log file holds student ids at debug level (FERPA data): only the service user may read
// it, whatever the umask. spdlog opens it at start and again at every rotation; each time we
// create it 0600 before spdlog's fopen (so it is never readable by others, even empty) and
// fchmod after (a file left 0644 by an older agmon is tightened too).
spdlog::file_event_handlers private_log_file() {
  spdlog::file_event_handlers handlers;
  handlers.before_open = [](const spdlog::filename_t& name) {
    int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);  // a missing folder: spdlog creates it, after_open fixes the mode
  };
  handlers.after_open = [](const spdlog::filename_t&, std::FILE* file) {
    ::fchmod(::fileno(file), 0600);
  };
  return handlers;
}

}  // namespace

core::Status setup_logging(const LogOptions& options, bool to_stderr) {
  std::vector<spdlog::sink_ptr> sinks;
  if (to_stderr) sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (!options.file.empty()) {
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          options.file, options.max_bytes, static_cast<std::size_t>(options.max_files), false,
          private_log_file()));
    } catch (const spdlog::spdlog_ex& e) {
      return core::make_error(core::ErrorCode::kIoError, "cannot open the log file " + options.file + ": " + e.what());
    }
  }
  auto logger = std::make_shared<spdlog::logger>("agmon", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::from_str(options.level));
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  static PocoErrors handler;
  Poco::ErrorHandler::set(&handler);
  return core::Status::success();
}

http::LogFn spdlog_sink() {
  return [](http::LogLevel level, const std::string& message) {
    switch (level) {
      case http::LogLevel::kDebug: spdlog::debug("{}", message); break;
      case http::LogLevel::kInfo: spdlog::info("{}", message); break;
      case http::LogLevel::kWarn: spdlog::warn("{}", message); break;
      case http::LogLevel::kError: spdlog::error("{}", message); break;
    }
  };
}

}  // namespace agmon::app
