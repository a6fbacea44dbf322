// PLACEHOLDER: replaced by the owner of `agmon gaps`.
#include "cli/commands_list.h"

namespace agmon::cli {
CommandSpec gaps_command() {
  return {"gaps", "(not built yet)", "agmon gaps: not built yet\n",
          [](CommandContext& ctx) { return usage_error(ctx, "gaps is not built yet"); }};
}
}  // namespace agmon::cli
