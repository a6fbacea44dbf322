// PLACEHOLDER: replaced by the owner of `agmon import`.
#include "cli/commands_list.h"

namespace agmon::cli {
CommandSpec import_command() {
  return {"import", "(not built yet)", "agmon import: not built yet\n",
          [](CommandContext& ctx) { return usage_error(ctx, "import is not built yet"); }};
}
}  // namespace agmon::cli
