// Value parsers for the ag.* rule keys, and parse_semester_units (rule_set.h).
#include "rule_values.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace agmon::core {
namespace rule_values {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string lower(std::string_view s) {
  std::string out = trim(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<bool> parse_bool(std::string_view text) {
  std::string s = lower(text);
  if (s == "true" || s == "yes" || s == "on" || s == "1") return true;
  if (s == "false" || s == "no" || s == "off" || s == "0") return false;
  return std::nullopt;
}

std::optional<long> parse_int(std::string_view text, long lo, long hi) {
  std::string s = trim(text);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (*end != '\0' || v < lo || v > hi) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view text) {
  std::string s = trim(text);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int> parse_gpa(std::string_view text) {
  auto v = parse_double(text);
  if (!v || *v < 0 || *v > 5) return std::nullopt;
  double h = *v * 100.0;
  long r = std::lround(h);
  if (std::fabs(h - static_cast<double>(r)) > 1e-6) return std::nullopt;
  return static_cast<int>(r);
}

std::optional<std::set<TermKey>> parse_terms(std::string_view text) {
  std::set<TermKey> terms;
  std::string s = trim(text);
  std::size_t pos = 0;
  while (pos <= s.size() && !s.empty()) {
    std::size_t comma = s.find(',', pos);
    std::string item = trim(std::string_view(s).substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    std::size_t colon = item.find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto year = school_year_start(trim(std::string_view(item).substr(0, colon)));
    std::string term = trim(std::string_view(item).substr(colon + 1));
    for (char& c : term) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    bool known = false;
    for (auto t : TermWeights::kTerms) known = known || t == term;
    if (!year || !known) return std::nullopt;
    terms.insert({*year, term});
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return terms;
}

std::vector<std::string> parse_list(std::string_view text) {
  std::vector<std::string> out;
  std::string s(text);
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t comma = s.find(',', pos);
    std::string item = trim(std::string_view(s).substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

}  // namespace rule_values

std::optional<int> parse_semester_units(std::string_view text) {
  std::string s = rule_values::trim(text);
  if (s.empty()) return std::nullopt;
  double v = 0;
  std::size_t slash = s.find('/');
  if (slash != std::string::npos) {
    auto num = rule_values::parse_int(std::string_view(s).substr(0, slash), 0, 1000000);
    auto den = rule_values::parse_int(std::string_view(s).substr(slash + 1), 1, 1000000);
    if (!num || !den) return std::nullopt;
    v = static_cast<double>(*num) / static_cast<double>(*den);
  } else {
    auto d = rule_values::parse_double(s);
    if (!d) return std::nullopt;
    v = *d;
  }
  if (v < 0 || v > 1000) return std::nullopt;
  double u = v * kUnitsPerSemester;
  long r = std::lround(u);
  // Decimals such as 0.6667 are accepted as 2/3 when within rounding of a whole unit.
  if (std::fabs(u - static_cast<double>(r)) > 0.01) return std::nullopt;
  return static_cast<int>(r);
}

}  // namespace agmon::core
