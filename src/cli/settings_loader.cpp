#include "cli/settings_loader.h"

#include <ostream>

namespace agmon::cli {

std::optional<service::Settings> load_settings(CommandContext& ctx) {
  auto settings = service::Settings::from_config(ctx.global.config);
  if (!settings) {
    ctx.err << "agmon: config " << ctx.global.config_path << ": " << settings.error().message << "\n";
    return std::nullopt;
  }
  return std::move(settings.value());
}

}  // namespace agmon::cli
