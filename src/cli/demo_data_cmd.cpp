// PLACEHOLDER: replaced by the owner of `agmon demo-data`.
#include "cli/commands_list.h"

namespace agmon::cli {
CommandSpec demo_data_command() {
  return {"demo-data", "(not built yet)", "agmon demo-data: not built yet\n",
          [](CommandContext& ctx) { return usage_error(ctx, "demo-data is not built yet"); }};
}
}  // namespace agmon::cli
