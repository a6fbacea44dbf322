// JsonWriter: structure, numbers and complete string escaping.
#include <catch2/catch.hpp>

#include "agmon/core/json_writer.h"
#include "core/test_json.h"

using agmon::core::JsonWriter;

TEST_CASE("the writer places commas and colons between members and elements", "[core][json]") {
  JsonWriter w;
  w.begin_object().field("a", 1).key("b").begin_array().value(true).value(false).null().end_array();
  w.key("c").begin_object().end_object().key("d").begin_array().end_array().end_object();
  CHECK(w.str() == R"({"a":1,"b":[true,false,null],"c":{},"d":[]})");
}

TEST_CASE("strings escape quotes, backslashes and every control character", "[core][json]") {
  JsonWriter w;
  w.value(std::string("q\"b\\s/\n\r\t\b\f\x01\x1f", 13));
  CHECK(w.str() == "\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f\"");
  // NUL inside a string survives as \u0000.
  JsonWriter z;
  z.value(std::string_view("a\0b", 3));
  CHECK(z.str() == "\"a\\u0000b\"");
}

TEST_CASE("valid UTF-8 passes through and invalid bytes become U+FFFD", "[core][json]") {
  JsonWriter w;
  w.value("In\xC3\xA9s \xE2\x82\xAC \xF0\x9F\x98\x80");  // Inés € 😀
  CHECK(w.str() == "\"In\xC3\xA9s \xE2\x82\xAC \xF0\x9F\x98\x80\"");
  JsonWriter bad;
  // lone continuation byte, truncated 2-byte sequence, overlong '/', a UTF-16 surrogate.
  bad.value("a\x80" "b\xC3" "c\xC0\xAF" "d\xED\xA0\x80");
  std::string fffd = "\xEF\xBF\xBD";
  CHECK(bad.str() == "\"a" + fffd + "b" + fffd + "c" + fffd + fffd + "d" + fffd + fffd + fffd + "\"");
  // Whatever the bytes, the output parses.
  std::string noise;
  for (int i = 0; i < 256; ++i) noise.push_back(static_cast<char>(i));
  JsonWriter n;
  n.value(noise);
  CHECK_NOTHROW(agmon::test::JsonReader::parse(n.str()));
}

TEST_CASE("U+2028 and U+2029 are escaped for JavaScript consumers", "[core][json]") {
  JsonWriter w;
  w.value("x\xE2\x80\xA8y\xE2\x80\xA9");
  CHECK(w.str() == "\"x\\u2028y\\u2029\"");
}

TEST_CASE("numbers: integers, shortest doubles, fixed and compact forms, null for gaps", "[core][json]") {
  JsonWriter w;
  w.begin_array();
  w.value(-42).value(0.1).value(std::optional<double>()).value(std::nan(""));
  w.fixed(3.5, 2).fixed(std::nullopt, 2).fixed(3.609999, 2);
  w.compact(4.0).compact(2.0 / 3.0).compact(1.5).compact(0.0).compact(-0.0001);
  w.end_array();
  CHECK(w.str() == "[-42,0.1,null,null,3.50,null,3.61,4,0.67,1.5,0,0]");
}

TEST_CASE("raw inserts pre-encoded JSON as one value", "[core][json]") {
  JsonWriter w;
  w.begin_object().key("alerts").raw(R"([{"kind":"X"}])").field("n", 2).end_object();
  CHECK(w.str() == R"({"alerts":[{"kind":"X"}],"n":2})");
}

TEST_CASE("a byte to escape is found wherever it sits in a long string", "[core][json]") {
  // Strings are scanned 8 bytes at a time: each byte that needs care, at every offset of three
  // such blocks, and the plain bytes at the edges of the ranges (space, '~', DEL) untouched.
  const std::pair<std::string, std::string> cases[] = {
      {"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {std::string(1, '\0'), "\\u0000"},
      {"\x1f", "\\u001f"}, {"\xC3\xA9", "\xC3\xA9"}, {"\x80", "\xEF\xBF\xBD"},
      {" ", " "}, {"~", "~"}, {"\x7f", "\x7f"}, {"!", "!"}, {"#", "#"}, {"[", "["}, {"]", "]"}};
  for (const auto& [byte, escaped] : cases) {
    for (size_t at = 0; at < 24; ++at) {
      const std::string text = std::string(at, 'a') + byte + std::string(23 - at, 'b');
      JsonWriter w;
      w.value(text);
      INFO("byte " << static_cast<int>(static_cast<unsigned char>(byte[0])) << " at " << at);
      CHECK(w.str() == "\"" + std::string(at, 'a') + escaped + std::string(23 - at, 'b') + "\"");
    }
  }
}

TEST_CASE("str() shows what was written so far and the writer goes on after it", "[core][json]") {
  JsonWriter w;
  w.begin_array().value("x");
  CHECK(w.str() == R"(["x")");
  for (int i = 0; i < 1000; ++i) w.value(i);  // past the first buffer
  w.end_array();
  const std::string all = w.take();
  // 0..999 are 10 + 90 * 2 + 900 * 3 = 2890 digits, each after a comma.
  CHECK(all.size() == std::string(R"(["x")").size() + 2890 + 1000 + 1);
  CHECK(all.substr(0, 10) == R"(["x",0,1,2)");
  CHECK(all.substr(all.size() - 5) == ",999]");
  w.begin_object().end_object();  // after take(): a new document
  CHECK(w.str() == "{}");
}
