// Router: method + path pattern -> route. Patterns are '/'-separated segments, each a literal,
// a `{name}` capture of one segment, or a final `{name*}` capturing the rest (one or more
// segments). Matching is on already percent-decoded segments. Built once, then read-only:
// match() is thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agmon::http {

// A decoded request path: its segments ("/api/v1/x" -> {"api","v1","x"}; "/" -> {}).
struct PathSegments {
  std::vector<std::string> segments;
};

// Splits the path part of a request target and percent-decodes each segment. False for a
// malformed target (not starting with '/', bad %-escape, NUL, or a decoded '/' inside a
// segment). Empty segments ("//", a trailing '/') are kept and match no route.
bool split_path(std::string_view target_path, PathSegments& out);

using PathParams = std::vector<std::pair<std::string, std::string>>;

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  std::size_t route = 0;     // index into the router's routes (kFound)
  PathParams params;         // captures, in pattern order (kFound)
  std::string allow;         // "GET, HEAD" (kMethodNotAllowed)
};

class Router {
 public:
  // Returns the route's index. HEAD is accepted wherever GET is.
  std::size_t add(std::string method, std::string_view pattern);
  RouteMatch match(std::string_view method, const PathSegments& path) const;
  std::size_t size() const { return routes_.size(); }

 private:
  struct Segment {
    std::string text;  // the literal, or the capture's name
    bool capture = false;
    bool rest = false;
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
  };
  bool matches(const Route& route, const PathSegments& path, PathParams* params) const;

  std::vector<Route> routes_;
};

// The value of a capture ("" when absent).
std::string_view path_param(const PathParams& params, std::string_view name);

}  // namespace agmon::http
