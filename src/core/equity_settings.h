// Parsing of flat config values ("0.80", "true", "11") for the equity and alert settings.
// Private to src/core: errors name the key so a district can fix its properties file.
#pragma once

#include <string>
#include <string_view>

#include "agmon/core/result.h"

namespace agmon::core::equity_settings {

std::string trim_value(std::string_view text);
// Whole value must parse, within [min, max]; else kInvalidArgument naming `key`.
Status parse_double_value(const std::string& key, std::string_view text, double min, double max,
                          double& out);
Status parse_int_value(const std::string& key, std::string_view text, int min, int max, int& out);
// true/false, yes/no, on/off, 1/0 (any case).
Status parse_bool_value(const std::string& key, std::string_view text, bool& out);

}  // namespace agmon::core::equity_settings
