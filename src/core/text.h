// Small text helpers shared inside core: codes are compared trimmed and upper-cased.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace agmon::core {

// `text` without surrounding whitespace, in upper case ("  c- " -> "C-").
inline std::string upper_trimmed(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  std::string out(text.substr(b, e - b));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace agmon::core
