// `agmon serve`: the Poco ServerApplication that runs the HTTP server and the inbox until
// SIGTERM/SIGINT. Flags and config are checked, root is refused and the socket is bound
// BEFORE --daemon forks, so the launching shell sees every start-up error and its exit code.
#pragma once

#include <string>
#include <vector>

namespace agmon::app {

// `global`: options before `serve`; `args`: after it. Exit codes: 0 clean stop, 64 bad usage
// or config, 71 cannot listen, 1 anything else (database, log file, running as root).
int run_serve(const char* argv0, const std::vector<std::string>& global, const std::vector<std::string>& args);

}  // namespace agmon::app
