// Builds service::Settings from the config file, printing a one-line reason on error.
#pragma once

#include <optional>

#include "agmon/cli/command.h"
#include "agmon/service/settings.h"

namespace agmon::cli {

std::optional<service::Settings> load_settings(CommandContext& ctx);

}  // namespace agmon::cli
