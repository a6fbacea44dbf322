// JsonWriter: streaming JSON encoding with complete string escaping.
#include "agmon/core/json_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace agmon::core {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid (overlong
// forms, surrogates and code points above U+10FFFF are invalid too).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  std::size_t n = s.size() - i;
  auto cont = [&](std::size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // UTF-16 surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Bytes that go into a JSON string as they are: printable ASCII but the quote and backslash.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

// Whether any of the 8 bytes in `x` must not be copied as it is: below 0x20, '"', '\\', or
// non-ASCII. Most of a report's strings are plain ASCII: 8 bytes are passed per test instead
// of one. Exact for "any" (the bit tricks of
// graphics.stanford.edu/~seander/bithacks.html#HasLessInWord): a borrow only crosses into a
// byte from a byte that matched.
bool any_special(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101, kHighs = 0x8080808080808080;
  auto below = [](std::uint64_t v, std::uint64_t n) { return (v - kOnes * n) & ~v & kHighs; };
  return (below(x, 0x20) | below(x ^ (kOnes * '"'), 1) | below(x ^ (kOnes * '\\'), 1) |
          (x & kHighs)) != 0;
}

}  // namespace

void JsonWriter::grow(std::size_t at_least) {
  out_.resize(std::max({out_.size() * 2, used_ + at_least, std::size_t{256}}));
}

void JsonWriter::put_string(std::string_view s) {
  put('"');
  std::size_t i = 0;
  while (i < s.size()) {
    // Copy the longest run of plain ASCII in one go.
    std::size_t run = i;
    for (std::uint64_t eight; run + 8 <= s.size(); run += 8) {
      std::memcpy(&eight, s.data() + run, 8);
      if (any_special(eight)) break;
    }
    while (run < s.size() && kPlain[static_cast<unsigned char>(s[run])]) ++run;
    put(std::string_view(s.data() + i, run - i));
    i = run;
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': put("\\\""); break;
        case '\\': put("\\\\"); break;
        case '\b': put("\\b"); break;
        case '\f': put("\\f"); break;
        case '\n': put("\\n"); break;
        case '\r': put("\\r"); break;
        case '\t': put("\\t"); break;
        default: {
          const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
          put(std::string_view(escaped, sizeof escaped));
        }
      }
      ++i;
      continue;
    }
    std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) {
      put(kReplacement);
      ++i;
      continue;
    }
    // U+2028 / U+2029 are valid JSON but break JavaScript string literals.
    if (len == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      put(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
    } else {
      put(std::string_view(s.data() + i, len));
    }
    i += len;
  }
  put('"');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) put(',');
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  put('{');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  put('}');
  if (!first_.empty()) first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  put('[');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  put(']');
  if (!first_.empty()) first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  put_string(name);
  put(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  put_string(text);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  put(b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::value(long long n) {
  before_value();
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, n);
  put(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  if (!std::isfinite(d)) return null();
  before_value();
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  put(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
  return *this;
}

JsonWriter& JsonWriter::value(std::optional<double> d) { return d ? value(*d) : null(); }

JsonWriter& JsonWriter::null() {
  before_value();
  put("null");
  return *this;
}

JsonWriter& JsonWriter::fixed(std::optional<double> d, int decimals) {
  if (!d || !std::isfinite(*d)) return null();
  before_value();
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%.*f", decimals, *d);
  if (n > 0) put(std::string_view(buf, std::min(static_cast<std::size_t>(n), sizeof buf - 1)));
  return *this;
}

JsonWriter& JsonWriter::compact(double d, int max_decimals) {
  if (!std::isfinite(d)) return null();
  // Whole numbers (most semester counts) skip printf.
  if (d == std::floor(d) && std::fabs(d) < 1e15) return value(static_cast<long long>(d));
  before_value();
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%.*f", max_decimals, d);
  if (n <= 0 || static_cast<std::size_t>(n) >= sizeof buf) {
    put("null");
    return *this;
  }
  std::string_view text(buf, static_cast<std::size_t>(n));
  if (text.find('.') != std::string_view::npos) {
    while (text.back() == '0') text.remove_suffix(1);
    if (text.back() == '.') text.remove_suffix(1);
  }
  if (text == "-0") text = "0";
  put(text);
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  put(json);
  return *this;
}

}  // namespace agmon::core
