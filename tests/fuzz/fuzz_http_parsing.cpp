// libFuzzer target: everything the daemon does with a request target before a handler runs,
// and the parameter checks handlers make: split_path and the real route table, parse_query,
// every QueryReader getter on every parameter, positive_id, valid_code, cursors, and
// clean_utf8 against a reference decoder. Input: one byte picking the method, then the
// target ("/api/v1/students/1?limit=5").
#include <string>
#include <vector>

#include "agmon/http/params.h"
#include "agmon/http/router.h"
#include "agmon/service/student_list.h"
#include "fuzz/fuzz_support.h"
#include "http/handlers/handlers.h"

namespace {

using namespace agmon::http;

const Router& router() {
  static const Router r = [] {
    Router built;
    for (const auto& route : all_routes()) built.add(route.method, route.pattern);
    return built;
  }();
  return r;
}

// Strict UTF-8 (RFC 3629) without C0 controls or DEL: what clean_utf8 promises.
bool reference_clean(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (n == 0 || c >= 0xf8 || i + n >= s.size()) return false;
    unsigned long cp = c & (0x3f >> n);
    for (size_t k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    static const unsigned long kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

void check_value(const std::string& v) {
  agmon::fuzz::require(clean_utf8(v) == reference_clean(v), "clean_utf8 disagrees with the reference decoder");
  if (valid_code(v)) agmon::fuzz::require(clean_utf8(v) && v.size() <= 64, "a valid code that is not clean text");
  if (auto id = positive_id(v)) agmon::fuzz::require(*id > 0, "positive_id gave a non-positive id");
  for (const char* kind : {"students", "alerts", "imports"}) {
    (void)agmon::service::decode_cursor(kind, v);
    // The server only makes cursors of ids (<= 64 bytes); cursors are capped at 512
    // characters, so very long keys need not round-trip (regressions/http_parsing/long-cursor).
    if (v.size() > 64) continue;
    auto back = agmon::service::decode_cursor(kind, agmon::service::encode_cursor(kind, v));
    agmon::fuzz::require(back && *back == v, "a cursor does not decode to its key");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const char* kMethods[] = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "get", ""};
  std::string method = kMethods[data[0] & 7];
  std::string_view target(reinterpret_cast<const char*>(data + 1), size - 1);
  auto q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);

  PathSegments segments;
  if (split_path(path, segments)) {
    for (const auto& s : segments.segments)
      agmon::fuzz::require(s.find('/') == std::string::npos && s.find('\0') == std::string::npos,
                           "a decoded segment holds '/' or NUL");
    RouteMatch m = router().match(method, segments);
    if (m.kind == RouteMatch::Kind::kFound) {
      agmon::fuzz::require(m.route < router().size(), "route index out of range");
      for (const auto& [name, value] : m.params) {
        agmon::fuzz::require(path_param(m.params, name) == value, "path_param misses a capture");
        check_value(value);
      }
    } else if (m.kind == RouteMatch::Kind::kMethodNotAllowed) {
      agmon::fuzz::require(!m.allow.empty(), "405 without an Allow list");
    }
  }

  QueryParams params;
  if (parse_query(query, params)) {
    std::vector<std::string_view> names;
    for (const auto& [k, v] : params) {
      agmon::fuzz::require(k.find('\0') == std::string::npos && v.find('\0') == std::string::npos,
                           "a decoded parameter holds NUL");
      names.push_back(k);
      check_value(v);
    }
    for (const auto& [k, v] : params) {
      // Each getter on its own reader: every check runs on every value.
      { QueryReader r(params, names); (void)r.code(k); }
      { QueryReader r(params, names); (void)r.text(k, 100); }
      { QueryReader r(params, names); (void)r.choice(k, {"open", "all"}); }
      { QueryReader r(params, names); (void)r.school_year(k); }
      {
        QueryReader r(params, names);
        long n = r.integer(k, 1, 500, 50);
        agmon::fuzz::require(n >= 1 && n <= 500, "integer() outside its range");
      }
      { QueryReader r(params, names); (void)r.boolean(k); }
      {
        QueryReader r(params, names);
        if (auto d = r.number(k, 0, 1)) agmon::fuzz::require(*d >= 0 && *d <= 1, "number() outside its range");
      }
      { QueryReader r(params, names); (void)r.cursor(k); }
    }
    QueryReader strict(params, {"limit"});
    (void)strict.integer("limit", 1, 500, 50);
    if (!strict.ok()) agmon::fuzz::require(!strict.error().empty(), "a refusal without a message");
  }
  return 0;
}
