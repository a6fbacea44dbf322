// The registry of subcommands, in the order `agmon help` lists them.
#include "agmon/cli/command.h"
#include "cli/commands_list.h"

namespace agmon::cli {

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> all = {
      import_command(),
      check_command(),
      gaps_command(),
      alerts_command(),
      token_command(),
      audit_command(),
      demo_data_command(),
  };
  return all;
}

}  // namespace agmon::cli
