// Logging set-up for the daemon: spdlog to stderr (foreground) and/or a rotating file
// (agmon.log.file), at agmon.log.level. Student names are never logged; student ids only at
// debug level (the callers keep to this).
#pragma once

#include "agmon/app/serve_config.h"
#include "agmon/http/server.h"

namespace agmon::app {

// Installs the default spdlog logger. kIoError when the log file cannot be opened.
core::Status setup_logging(const LogOptions& options, bool to_stderr);
// Routes the server's and the inbox's messages to spdlog.
http::LogFn spdlog_sink();

}  // namespace agmon::app
