#include "agmon/app/main.h"

#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "agmon/cli/command.h"

namespace agmon::app {

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return cli::run_cli(args, std::cout, std::cerr);
}

}  // namespace agmon::app
