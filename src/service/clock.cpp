#include "service/clock.h"

#include <cstdio>
#include <ctime>

namespace agmon::service {
namespace {

std::tm utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

}  // namespace

std::string now_iso8601() { return iso8601_at(std::time(nullptr)); }

std::string iso8601_at(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<std::time_t> parse_iso8601(const std::string& text) {
  std::tm tm{};
  char z = 0;
  int consumed = 0;
  if (text.size() != 20 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &z, &consumed) != 7 ||
      z != 'Z' || consumed != 20)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t t = timegm(&tm);
  if (iso8601_at(t) != text) return std::nullopt;  // 2026-02-30 and the like
  return t;
}

std::string today() {
  std::tm tm = utc_now();
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string current_school_year() {
  std::tm tm = utc_now();
  int year = tm.tm_year + 1900;
  int start = tm.tm_mon >= 7 ? year : year - 1;  // August (month 7) onwards
  return std::to_string(start) + "-" + std::to_string(start + 1);
}

}  // namespace agmon::service
