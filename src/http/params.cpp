// Query-string parsing and per-parameter validation.
#include "agmon/http/params.h"

#include <algorithm>
#include <cstdlib>

namespace agmon::http {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool decode(std::string_view in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      c = ' ';
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') return false;
    out += c;
  }
  return true;
}

// A printable rendering of a bad value for the error message (never long, never raw bytes).
std::string shown(const std::string& v) {
  std::string out;
  for (char c : v.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return v.size() > 40 ? out + "..." : out;
}

}  // namespace

bool parse_query(std::string_view query, QueryParams& out) {
  out.clear();
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string k, v;
      if (!decode(pair.substr(0, eq), k)) return false;
      if (eq != std::string_view::npos && !decode(pair.substr(eq + 1), v)) return false;
      out.emplace_back(std::move(k), std::move(v));
    }
    start = end + 1;
  }
  return true;
}

bool clean_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) return false;
      ++i;
      continue;
    }
    size_t n;
    unsigned cp;
    if ((c & 0xe0) == 0xc0) {
      n = 1;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      n = 2;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
      return false;
    i += n + 1;
  }
  return true;
}

bool valid_code(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
           c == '_' || c == '.';
  });
}

QueryReader::QueryReader(const QueryParams& params, std::vector<std::string_view> allowed)
    : params_(params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const std::string& name = params[i].first;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      fail("unknown parameter '" + shown(name) + "'");
      return;
    }
    for (size_t j = 0; j < i; ++j)
      if (params[j].first == name) {
        fail("parameter '" + name + "' is given more than once");
        return;
      }
  }
}

void QueryReader::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

const std::string* QueryReader::find(std::string_view name) {
  for (const auto& [k, v] : params_)
    if (k == name) return &v;
  return nullptr;
}

std::optional<std::string> QueryReader::code(std::string_view name) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  if (!valid_code(*v)) {
    fail("parameter '" + std::string(name) + "' must be 1 to 64 letters, digits, '.', '-' or '_' (got '" +
         shown(*v) + "')");
    return std::nullopt;
  }
  return *v;
}

std::optional<std::string> QueryReader::text(std::string_view name, std::size_t max_len) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  if (v->size() > max_len || !clean_utf8(*v)) {
    fail("parameter '" + std::string(name) + "' must be valid UTF-8 text of at most " +
         std::to_string(max_len) + " bytes");
    return std::nullopt;
  }
  return *v;
}

std::optional<std::string> QueryReader::choice(std::string_view name,
                                               const std::vector<std::string_view>& choices) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *v) == choices.end()) {
    std::string list;
    for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
    fail("parameter '" + std::string(name) + "' must be one of " + list + " (got '" + shown(*v) + "')");
    return std::nullopt;
  }
  return *v;
}

std::optional<std::string> QueryReader::school_year(std::string_view name) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  bool ok = v->size() == 9 && (*v)[4] == '-' &&
            std::all_of(v->begin(), v->begin() + 4, is_digit) &&
            std::all_of(v->begin() + 5, v->end(), is_digit) &&
            std::atoi(v->substr(5).c_str()) == std::atoi(v->substr(0, 4).c_str()) + 1;
  if (!ok) {
    fail("parameter '" + std::string(name) + "' must be a school year like 2025-2026 (got '" + shown(*v) + "')");
    return std::nullopt;
  }
  return *v;
}

long QueryReader::integer(std::string_view name, long min, long max, long fallback) {
  const std::string* v = find(name);
  if (!v) return fallback;
  char* end = nullptr;
  bool digits = !v->empty() && v->size() <= 18 &&
                std::all_of(v->begin() + ((*v)[0] == '-' ? 1 : 0), v->end(), is_digit) &&
                v->size() > ((*v)[0] == '-' ? 1u : 0u);
  long n = digits ? std::strtol(v->c_str(), &end, 10) : 0;
  if (!digits || n < min || n > max) {
    fail("parameter '" + std::string(name) + "' must be a whole number from " + std::to_string(min) +
         " to " + std::to_string(max) + " (got '" + shown(*v) + "')");
    return fallback;
  }
  return n;
}

std::optional<bool> QueryReader::boolean(std::string_view name) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  fail("parameter '" + std::string(name) + "' must be true or false (got '" + shown(*v) + "')");
  return std::nullopt;
}

std::optional<double> QueryReader::number(std::string_view name, double min, double max) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  char* end = nullptr;
  double d = v->empty() || v->size() > 32 ? 0 : std::strtod(v->c_str(), &end);
  if (v->empty() || v->size() > 32 || *end != '\0' || !(d >= min && d <= max)) {
    fail("parameter '" + std::string(name) + "' must be a number from " + shown(std::to_string(min)) +
         " to " + shown(std::to_string(max)) + " (got '" + shown(*v) + "')");
    return std::nullopt;
  }
  return d;
}

std::string QueryReader::cursor(std::string_view name) {
  const std::string* v = find(name);
  if (!v) return "";
  bool ok = !v->empty() && v->size() <= 512 && std::all_of(v->begin(), v->end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
  });
  if (!ok) {
    fail("parameter '" + std::string(name) + "' is not a cursor this server gave out");
    return "";
  }
  return *v;
}

}  // namespace agmon::http
