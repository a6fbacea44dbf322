// The router: pattern parsing, path splitting and decoding, matching with 404 / 405.
#include "agmon/http/router.h"

namespace agmon::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool split_path(std::string_view path, PathSegments& out) {
  out.segments.clear();
  if (path.empty() || path[0] != '/') return false;
  if (path == "/") return true;
  std::string current;
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      // An empty segment ("//", a trailing '/') is kept: it matches no route (404).
      out.segments.push_back(std::move(current));
      current.clear();
      continue;
    }
    char c = path[i];
    if (c == '%') {
      if (i + 2 >= path.size()) return false;
      int hi = hex_value(path[i + 1]), lo = hex_value(path[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
      // A decoded separator or NUL would let one segment pose as two, or cut a name short.
      if (c == '/' || c == '\0') return false;
    } else if (c == '\0') {
      return false;
    }
    current += c;
  }
  return true;
}

std::size_t Router::add(std::string method, std::string_view pattern) {
  Route r;
  r.method = std::move(method);
  size_t start = 1;
  while (start < pattern.size()) {
    size_t end = pattern.find('/', start);
    if (end == std::string_view::npos) end = pattern.size();
    std::string_view seg = pattern.substr(start, end - start);
    Segment s;
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      s.capture = true;
      s.text = std::string(seg.substr(1, seg.size() - 2));
      if (!s.text.empty() && s.text.back() == '*') {
        s.rest = true;
        s.text.pop_back();
      }
    } else {
      s.text = std::string(seg);
    }
    r.segments.push_back(std::move(s));
    start = end + 1;
  }
  routes_.push_back(std::move(r));
  return routes_.size() - 1;
}

bool Router::matches(const Route& route, const PathSegments& path, PathParams* params) const {
  const auto& segs = path.segments;
  size_t i = 0;
  for (const auto& s : route.segments) {
    if (s.rest) {
      if (i >= segs.size()) return false;
      if (params) {
        std::string joined;
        for (size_t j = i; j < segs.size(); ++j) {
          if (j > i) joined += '/';
          joined += segs[j];
        }
        params->emplace_back(s.text, std::move(joined));
      }
      return true;
    }
    if (i >= segs.size()) return false;
    if (s.capture) {
      if (segs[i].empty()) return false;
      if (params) params->emplace_back(s.text, segs[i]);
    } else if (s.text != segs[i]) {
      return false;
    }
    ++i;
  }
  return i == segs.size();
}

RouteMatch Router::match(std::string_view method, const PathSegments& path) const {
  RouteMatch m;
  std::string_view effective = method == "HEAD" ? std::string_view("GET") : method;
  bool path_known = false;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    if (!matches(r, path, nullptr)) continue;
    path_known = true;
    if (r.method == effective) {
      m.kind = RouteMatch::Kind::kFound;
      m.route = i;
      matches(r, path, &m.params);
      return m;
    }
    if (m.allow.find(r.method) == std::string::npos) {
      if (!m.allow.empty()) m.allow += ", ";
      m.allow += r.method;
      if (r.method == "GET") m.allow += ", HEAD";
    }
  }
  m.kind = path_known ? RouteMatch::Kind::kMethodNotAllowed : RouteMatch::Kind::kNotFound;
  return m;
}

std::string_view path_param(const PathParams& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

}  // namespace agmon::http
