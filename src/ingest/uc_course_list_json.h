// A small JSON reader for the UC course list (ingest may not use Poco): parses a document
// into a tree of JsonValue, with the line and source span of each value so a bad course can
// be reported like a bad CSV row. Depth is limited; any malformed text is an error, never a
// crash.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/result.h"

namespace agmon::ingest::json {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;  // a string's value; a number's source text
  std::vector<JsonValue> items;                          // array
  std::vector<std::pair<std::string, JsonValue>> members;  // object, in order
  long line = 0;                                         // 1-based line where it starts
  std::size_t begin = 0, end = 0;                        // its span in the source

  // An object's member by name (first match, exact), or nullptr.
  const JsonValue* get(std::string_view key) const;
  // Strings as they are, numbers as written, true/false, "" for null / arrays / objects.
  std::string as_text() const;
};

// Parses a whole document. kRejected "line N: expected ..." on malformed input.
core::Result<JsonValue> parse_json(std::string_view text);

}  // namespace agmon::ingest::json
