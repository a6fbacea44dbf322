// The daemon's configuration: `agmon serve` flags over `agmon.*` config keys over defaults,
// checked once (a bad value is a usage error naming the flag or key), every path absolute
// (the daemon chdirs to / after forking).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agmon/core/result.h"
#include "agmon/http/server.h"
#include "agmon/store/import_stage.h"

namespace agmon::app {

struct InboxOptions {
  std::string dir;                 // "" = no inbox
  int poll_seconds = 30;
  std::optional<int> at_minute;    // minutes after local midnight; none = as files arrive
  store::ImportMode mode = store::ImportMode::kIncremental;
  double max_reject_rate = 0.01;
  std::string db_path;
};

struct LogOptions {
  std::string level = "info";      // trace|debug|info|warn|error
  std::string file;                // "" = stderr only
  std::size_t max_bytes = 10 * 1024 * 1024;
  int max_files = 5;
};

struct ServeConfig {
  http::ServerOptions http;
  InboxOptions inbox;
  LogOptions log;
  std::string config_path;
  std::map<std::string, std::string> config;  // every key of the config file
  bool daemon = false;
  std::string pidfile;
  bool allow_root = false;
};

extern const char* const kServeUsage;

// `global`: the options before `serve` (--db, --config, --log-level); `args`: those after.
// kInvalidArgument with a one-line reason for bad usage or a bad config value.
core::Result<ServeConfig> parse_serve_config(const std::vector<std::string>& global,
                                             const std::vector<std::string>& args);

// Reads a Poco .properties file into a flat key -> value map.
core::Result<std::map<std::string, std::string>> read_properties(const std::string& path);

}  // namespace agmon::app
