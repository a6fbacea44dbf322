// The process entry point: `agmon serve` runs the daemon, everything else the CLI.
#include "agmon/app/main.h"

#include <signal.h>

#include <iostream>
#include <string>
#include <vector>

#include "agmon/app/serve_config.h"
#include "agmon/app/server_app.h"
#include "agmon/cli/command.h"

namespace agmon::app {

int main(int argc, char** argv) {
  // A file size limit (ulimit -f, systemd LimitFSIZE) must fail a write with EFBIG, which the
  // store reports as "the disk failed or is full", not kill an import with SIGXFSZ.
  signal(SIGXFSZ, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  // Skip the global options (--db, --config, --log-level, with a value) to find the command.
  size_t i = 0;
  while (i < args.size()) {
    const std::string& a = args[i];
    if (a == "--db" || a == "--config" || a == "--log-level") i += 2;
    else if (a.rfind("--db=", 0) == 0 || a.rfind("--config=", 0) == 0 || a.rfind("--log-level=", 0) == 0) i += 1;
    else break;
  }
  if (i < args.size() && args[i] == "serve") {
    std::vector<std::string> global(args.begin(), args.begin() + static_cast<long>(i));
    std::vector<std::string> rest(args.begin() + static_cast<long>(i) + 1, args.end());
    return run_serve(argv[0], global, rest);
  }
  if (i + 1 < args.size() && args[i] == "help" && args[i + 1] == "serve") {
    std::cout << kServeUsage;
    return 0;
  }
  return cli::run_cli(args, std::cout, std::cerr);
}

}  // namespace agmon::app
