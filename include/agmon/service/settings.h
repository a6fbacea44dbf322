// Settings: everything a district can configure (etc/agmon.properties), parsed and checked
// once: the A-G rule set and mark table, gap options, alert thresholds, the school year.
#pragma once

#include <map>
#include <string>

#include "agmon/core/alert_rules.h"
#include "agmon/core/equity.h"
#include "agmon/core/result.h"
#include "agmon/core/rule_set.h"

namespace agmon::service {

class Settings {
 public:
  // The built-in defaults (no config file).
  Settings();
  // Defaults overridden by `config`; a bad `ag.*`, `alerts.*`, `privacy.*` or `equity.*`
  // value is an error naming the key.
  static core::Result<Settings> from_config(const std::map<std::string, std::string>& config);

  const core::RuleSet& rules() const { return rules_; }
  const core::MarkTable& marks() const { return rules_.marks; }
  const core::GapOptions& gap_options() const { return gap_options_; }
  const core::AlertThresholds& alert_thresholds() const { return alert_thresholds_; }
  // agmon.school_year: the year evaluations are made as of ("" = the latest year in the data).
  const std::string& school_year() const { return school_year_; }
  // Any raw config value.
  std::string get(const std::string& key, const std::string& fallback = "") const;
  int get_int(const std::string& key, int fallback) const;
  const std::map<std::string, std::string>& config() const { return config_; }

 private:
  core::RuleSet rules_;
  core::GapOptions gap_options_;
  core::AlertThresholds alert_thresholds_;
  std::string school_year_;
  std::map<std::string, std::string> config_;
};

}  // namespace agmon::service
