// Query-string parsing and validation for the API: every parameter is checked (known name,
// given once, well-formed), and the first problem becomes a 400 naming the parameter.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agmon::http {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Splits "a=1&b=x%20y" into decoded pairs ('+' is a space). False for a bad %-escape or a
// decoded NUL.
bool parse_query(std::string_view query, QueryParams& out);

// True for valid UTF-8 without control characters.
bool clean_utf8(std::string_view text);
// Ids and codes (student, school, counselor): 1..64 of [A-Za-z0-9._-].
bool valid_code(std::string_view text);

// Reads the parameters of one request. Each getter returns nullopt/fallback when the
// parameter is absent or bad; the first error is kept for the 400 reply.
class QueryReader {
 public:
  // `allowed`: every parameter this endpoint takes; others are an error.
  QueryReader(const QueryParams& params, std::vector<std::string_view> allowed);

  std::optional<std::string> code(std::string_view name);   // valid_code()
  std::optional<std::string> text(std::string_view name, std::size_t max_len);  // clean UTF-8
  // One of `choices`.
  std::optional<std::string> choice(std::string_view name, const std::vector<std::string_view>& choices);
  // A school year "YYYY-YYYY" whose second year follows the first.
  std::optional<std::string> school_year(std::string_view name);
  long integer(std::string_view name, long min, long max, long fallback);
  std::optional<bool> boolean(std::string_view name);  // true/false/1/0
  std::optional<double> number(std::string_view name, double min, double max);
  std::string cursor(std::string_view name = "cursor");  // "" when absent

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  const std::string* find(std::string_view name);
  void fail(std::string message);

  const QueryParams& params_;
  std::string error_;
};

}  // namespace agmon::http
