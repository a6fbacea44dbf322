#include "agmon/service/settings.h"

#include <cstdlib>

namespace agmon::service {

Settings::Settings() : rules_(core::RuleSet::defaults()) {}

core::Result<Settings> Settings::from_config(const std::map<std::string, std::string>& config) {
  Settings s;
  s.config_ = config;
  if (auto st = core::apply_rule_overrides(s.rules_, config); !st) return st.error();
  if (auto st = core::apply_gap_overrides(s.gap_options_, config); !st) return st.error();
  if (auto st = core::apply_alert_overrides(s.alert_thresholds_, config); !st) return st.error();
  if (auto it = config.find("agmon.school_year"); it != config.end()) {
    if (!it->second.empty() && !core::school_year_start(it->second))
      return core::make_error(core::ErrorCode::kInvalidArgument,
                              "agmon.school_year must look like 2025-2026, not '" + it->second + "'");
    s.school_year_ = it->second;
  }
  return s;
}

std::string Settings::get(const std::string& key, const std::string& fallback) const {
  auto it = config_.find(key);
  return it == config_.end() ? fallback : it->second;
}

int Settings::get_int(const std::string& key, int fallback) const {
  auto it = config_.find(key);
  if (it == config_.end() || it->second.empty()) return fallback;
  char* end = nullptr;
  long v = std::strtol(it->second.c_str(), &end, 10);
  return (end && *end == '\0') ? static_cast<int>(v) : fallback;
}

}  // namespace agmon::service
