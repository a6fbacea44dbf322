// PLACEHOLDER: replaced by the owner of `agmon token`.
#include "cli/commands_list.h"

namespace agmon::cli {
CommandSpec token_command() {
  return {"token", "(not built yet)", "agmon token: not built yet\n",
          [](CommandContext& ctx) { return usage_error(ctx, "token is not built yet"); }};
}
}  // namespace agmon::cli
