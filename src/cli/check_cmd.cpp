// PLACEHOLDER: replaced by the owner of `agmon check`.
#include "cli/commands_list.h"

namespace agmon::cli {
CommandSpec check_command() {
  return {"check", "(not built yet)", "agmon check: not built yet\n",
          [](CommandContext& ctx) { return usage_error(ctx, "check is not built yet"); }};
}
}  // namespace agmon::cli
