// JsonWriter: a small, fast streaming JSON encoder (objects, arrays, strings, numbers, bools,
// null). Strings are escaped completely: quotes, backslashes, every control character, and
// U+2028/U+2029; invalid UTF-8 is replaced by U+FFFD, so the output is always valid JSON.
// The caller keeps begin/end calls balanced; keys are only written inside objects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agmon::core {

class JsonWriter {
 public:
  JsonWriter() = default;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool b);
  JsonWriter& value(int n) { return value(static_cast<long long>(n)); }
  JsonWriter& value(long n) { return value(static_cast<long long>(n)); }
  JsonWriter& value(unsigned n) { return value(static_cast<long long>(n)); }
  JsonWriter& value(unsigned long n) { return value(static_cast<long long>(n)); }
  JsonWriter& value(long long n);
  // Shortest round-trip form; NaN and infinities become null (JSON has no such numbers).
  JsonWriter& value(double d);
  JsonWriter& value(std::optional<double> d);  // nullopt -> null
  JsonWriter& null();
  // Exactly `decimals` digits after the point (3.5 -> "3.50"); nullopt/NaN -> null.
  JsonWriter& fixed(std::optional<double> d, int decimals);
  // An integer when whole (4 -> "4"), else up to `max_decimals` digits without trailing
  // zeros (0.6667 -> "0.67", 1.5 -> "1.5").
  JsonWriter& compact(double d, int max_decimals = 2);
  // Inserts already-encoded JSON as one value (trusted input, not checked).
  JsonWriter& raw(std::string_view json);

  // Shorthands for key(name).value(v).
  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  // What was written. Not const: the buffer grows ahead of the writes (below), and is trimmed
  // to them here.
  const std::string& str() {
    out_.resize(used_);
    return out_;
  }
  std::string take() {
    out_.resize(used_);
    used_ = 0;
    return std::move(out_);
  }
  void reserve(std::size_t n) {
    if (n > out_.size()) out_.resize(n);
  }

 private:
  // The writer keeps out_ larger than what it wrote (used_ bytes) and copies into the spare
  // room itself: through std::string::append, each of a report's ~2,000 small writes was a call
  // into libstdc++ and again into memcpy, most of the time spent encoding a report.
  void put(char c) {
    if (used_ == out_.size()) grow(1);
    out_[used_++] = c;
  }
  void put(std::string_view text) {
    if (out_.size() - used_ < text.size()) grow(text.size());
    text.copy(out_.data() + used_, text.size());
    used_ += text.size();
  }
  void grow(std::size_t at_least);
  void put_string(std::string_view text);  // quoted and escaped
  void before_value();

  std::string out_;
  std::size_t used_ = 0;
  std::vector<unsigned char> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace agmon::core
