// PLACEHOLDER: replaced by the owner of `agmon alerts`.
#include "cli/commands_list.h"

namespace agmon::cli {
CommandSpec alerts_command() {
  return {"alerts", "(not built yet)", "agmon alerts: not built yet\n",
          [](CommandContext& ctx) { return usage_error(ctx, "alerts is not built yet"); }};
}
}  // namespace agmon::cli
