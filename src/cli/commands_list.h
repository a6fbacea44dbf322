// One factory per subcommand, each defined in src/cli/<name>_cmd.cpp.
#pragma once

#include "agmon/cli/command.h"

namespace agmon::cli {
CommandSpec import_command();
CommandSpec check_command();
CommandSpec gaps_command();
CommandSpec alerts_command();
CommandSpec token_command();
CommandSpec audit_command();
CommandSpec demo_data_command();
}  // namespace agmon::cli
