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

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }
  void reserve(std::size_t n) { out_.reserve(n); }

  // Appends `text` as a quoted, escaped JSON string to `out`.
  static void append_string(std::string& out, std::string_view text);

 private:
  void before_value();

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace agmon::core
