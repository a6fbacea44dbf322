// PLACEHOLDER: replaced by the owner of `agmon audit`.
#include "cli/commands_list.h"

namespace agmon::cli {
CommandSpec audit_command() {
  return {"audit", "(not built yet)", "agmon audit: not built yet\n",
          [](CommandContext& ctx) { return usage_error(ctx, "audit is not built yet"); }};
}
}  // namespace agmon::cli
