#include "service/clock.h"

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

std::string now_iso8601() {
  std::tm tm = utc_now();
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
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
