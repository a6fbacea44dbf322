// The service layer's only clock: ISO-8601 UTC timestamps and today's date.
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace agmon::service {

std::string now_iso8601();  // 2026-11-23T09:15:02Z
std::string iso8601_at(std::time_t t);
// "YYYY-MM-DDTHH:MM:SSZ" back to seconds since the epoch; nullopt for anything else.
std::optional<std::time_t> parse_iso8601(const std::string& text);
std::string today();        // 2026-11-23
// The school year containing today (a school year starts on August 1): "2026-2027".
std::string current_school_year();

}  // namespace agmon::service
