// Parsing of flat config values for the equity and alert settings.
#include "core/equity_settings.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace agmon::core::equity_settings {
namespace {

Error bad_value(const std::string& key, std::string_view text, const std::string& expected) {
  return make_error(ErrorCode::kInvalidArgument,
                    "setting '" + key + "': '" + std::string(text) + "' is not " + expected);
}

}  // namespace

std::string trim_value(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

Status parse_double_value(const std::string& key, std::string_view text, double min, double max,
                          double& out) {
  std::string s = trim_value(text);
  if (s.empty()) return bad_value(key, text, "a number");
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(s.c_str(), &end);
  if (errno != 0 || end != s.c_str() + s.size() || v != v) return bad_value(key, text, "a number");
  if (v < min || v > max) {
    return bad_value(key, text, "between " + std::to_string(min) + " and " + std::to_string(max));
  }
  out = v;
  return Status::success();
}

Status parse_int_value(const std::string& key, std::string_view text, int min, int max, int& out) {
  std::string s = trim_value(text);
  if (s.empty()) return bad_value(key, text, "a whole number");
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(s.c_str(), &end, 10);
  if (errno != 0 || end != s.c_str() + s.size()) return bad_value(key, text, "a whole number");
  if (v < min || v > max) {
    return bad_value(key, text, "between " + std::to_string(min) + " and " + std::to_string(max));
  }
  out = static_cast<int>(v);
  return Status::success();
}

Status parse_bool_value(const std::string& key, std::string_view text, bool& out) {
  std::string s = trim_value(text);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "true" || s == "yes" || s == "on" || s == "1") {
    out = true;
  } else if (s == "false" || s == "no" || s == "off" || s == "0") {
    out = false;
  } else {
    return bad_value(key, text, "true or false");
  }
  return Status::success();
}

}  // namespace agmon::core::equity_settings
