// Request dispatch: everything between Poco handing over a request and the reply leaving.
#include "http/dispatcher.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>

namespace agmon::http {
namespace {

constexpr std::size_t kMaxDrain = 1 << 20;  // unread body bytes we swallow to keep the connection

bool starts_with_bearer(const std::string& h) {
  if (h.size() < 7) return false;
  static const char kScheme[] = "bearer ";
  for (size_t i = 0; i < 7; ++i)
    if (std::tolower(static_cast<unsigned char>(h[i])) != kScheme[i]) return false;
  return true;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

class Dispatcher : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Dispatcher(ServerContext& ctx) : ctx_(ctx) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
    const auto started = std::chrono::steady_clock::now();
    std::size_t route_id = ctx_.metrics->unmatched();
    bool consumed = false;
    Reply reply;
    try {
      reply = dispatch(req, route_id, consumed);
    } catch (const Poco::TimeoutException&) {
      reply = error_reply(400, "bad_request", "the request was not received in time");
      reply.close = true;
      consumed = true;  // nothing more to read from this connection
    } catch (const Poco::Net::NetException&) {
      reply = error_reply(400, "bad_request", "the request could not be read");
      reply.close = true;
      consumed = true;
    } catch (const Poco::IOException&) {
      reply = error_reply(400, "bad_request", "the request could not be read");
      reply.close = true;
      consumed = true;
    } catch (const store::StoreError& e) {
      drop_worker_db();  // reopen on the next request
      ctx_.log(LogLevel::kError, std::string("database error: ") + e.what());
      reply = error_reply(503, "unavailable", "the database is not available; try again");
    } catch (const std::exception& e) {
      ctx_.log(LogLevel::kError, std::string("request failed: ") + e.what());
      reply = error_reply(500, "internal", "internal error");
    } catch (...) {
      ctx_.log(LogLevel::kError, "request failed with an unknown exception");
      reply = error_reply(500, "internal", "internal error");
    }
    try {
      if (!consumed) drain(req, reply);
    } catch (const std::exception& e) {
      ctx_.log(LogLevel::kDebug, std::string("request body not drained: ") + e.what());
      reply.close = true;
    }
    // Counted before the reply leaves: a client that has its answer and asks /metrics at once
    // must find this request counted. The latency is the time to produce the reply.
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ctx_.metrics->observe(route_id, reply.status, seconds);
    try {
      send(req, resp, reply);
    } catch (const std::exception& e) {
      // The client went away mid-reply; nothing more to do for it.
      ctx_.log(LogLevel::kDebug, std::string("reply not delivered: ") + e.what());
    }
    if (reply.status >= 500)
      ctx_.log(LogLevel::kWarn, req.getMethod() + " " +
                                    (route_id < ctx_.routes.size() ? ctx_.routes[route_id].pattern
                                                                   : std::string("(unmatched)")) +
                                    " -> " + std::to_string(reply.status));
  }

 private:
  Reply dispatch(Poco::Net::HTTPServerRequest& req, std::size_t& route_id, bool& consumed) {
    if (req.getVersion() != Poco::Net::HTTPMessage::HTTP_1_1 && req.getVersion() != Poco::Net::HTTPMessage::HTTP_1_0) {
      Reply r = error_reply(400, "bad_request", "unsupported HTTP version");
      r.close = true;
      return r;
    }
    const std::string& target = req.getURI();
    std::size_t q = target.find('?');
    std::string_view path = std::string_view(target).substr(0, q);
    std::string_view query = q == std::string::npos ? std::string_view() : std::string_view(target).substr(q + 1);
    PathSegments segments;
    if (!split_path(path, segments)) return error_reply(400, "bad_request", "malformed request path");
    RouteMatch m = ctx_.router.match(req.getMethod(), segments);
    if (m.kind == RouteMatch::Kind::kNotFound) return error_reply(404, "not_found", "no such resource");
    if (m.kind == RouteMatch::Kind::kMethodNotAllowed) {
      Reply r = error_reply(405, "method_not_allowed", "this resource accepts " + m.allow);
      r.headers.emplace_back("Allow", m.allow);
      return r;
    }
    route_id = m.route;
    const RouteSpec& spec = ctx_.routes[m.route];
    Exchange ex{req, ctx_, spec, std::move(m.params), {}, {}, req.clientAddress().host().toString()};
    if (!parse_query(query, ex.query)) return error_reply(400, "bad_request", "malformed query string");
    if (spec.access != Access::kPublic) {
      if (auto refused = authenticate(ex)) return std::move(*refused);
    }
    Reply r = spec.handler(ex);
    consumed = ex.body_consumed;
    if (ctx_.options.log_requests)  // the path may hold a student id: debug level only
      ctx_.log(LogLevel::kDebug, req.getMethod() + " " + std::string(path) + " " + ex.principal.token_name +
                                     " -> " + std::to_string(r.status));
    return r;
  }

  std::optional<Reply> authenticate(Exchange& ex) {
    if (long wait = ctx_.limiter->blocked_for(ex.client)) {
      Reply r = error_reply(429, "rate_limited", "too many failed authentication attempts; try again later");
      r.headers.emplace_back("Retry-After", std::to_string(wait));
      return r;
    }
    auto unauthorized = [](const char* message) {
      Reply r = error_reply(401, "unauthorized", message);
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"agmon\"");
      return r;
    };
    const std::string& header = ex.request.get("Authorization", Poco::Net::HTTPMessage::EMPTY);
    if (header.empty()) return unauthorized("send Authorization: Bearer TOKEN");
    if (!starts_with_bearer(header)) {
      ctx_.limiter->failure(ex.client);
      return unauthorized("only Bearer tokens are accepted");
    }
    auto db = ex.db();
    if (!db) return error_reply(db.error());
    auto who = (*db)->auth->authenticate(trim(header.substr(7)));
    if (!who) {
      ctx_.limiter->failure(ex.client);
      ctx_.log(LogLevel::kWarn, "authentication failed from " + ex.client);  // never the token
      return unauthorized("unknown, expired or revoked token");
    }
    ex.principal = std::move(*who);
    const std::string role(service::role_name(ex.principal.role));
    if (ex.route.access == Access::kStudents && !ex.principal.may_read_students())
      return error_reply(403, "forbidden", "a " + role + " token may not read student data");
    if (ex.route.access == Access::kImports && !ex.principal.may_import())
      return error_reply(403, "forbidden", "a " + role + " token may not use imports");
    return std::nullopt;
  }

  // An unread request body would be parsed as the next request on a kept-alive connection:
  // swallow a small one, close the connection after a large one.
  static void drain(Poco::Net::HTTPServerRequest& req, Reply& reply) {
    bool has_body = req.getContentLength() > 0 || req.getChunkedTransferEncoding();
    if (!has_body || reply.close) {
      return;
    }
    std::istream& in = req.stream();
    char buf[8192];
    std::size_t total = 0;
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      total += static_cast<std::size_t>(in.gcount());
      if (total > kMaxDrain) {
        reply.close = true;
        return;
      }
    }
  }

  // The reply in one send(): Poco's sendBuffer() writes head and body in two, which costs a
  // system call and wakes the client twice per reply (measured: 2 sendto per request), and
  // setting each header through Poco's collection costs allocations. The head is Poco's own
  // (status line, Date, Connection, Server: what HTTPResponse::write() would write) followed
  // by ours.
  static void send(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp, const Reply& r) {
    if (r.close) resp.setKeepAlive(false);  // Poco reads this back to end the connection
    std::string_view body = r.static_body.empty() ? std::string_view(r.body) : r.static_body;
    thread_local std::string out;  // a worker thread reuses its buffer for every reply
    out.clear();
    out.append(resp.getVersion()).append(" ").append(std::to_string(r.status)).append(" ");
    out.append(Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status)));
    out.append("\r\n");
    for (const auto& [name, value] : resp) out.append(name).append(": ").append(value).append("\r\n");
    out.append("Content-Type: ").append(r.content_type).append("\r\n");
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    out.append("X-Content-Type-Options: nosniff\r\n");
    bool cache_set = false;
    for (const auto& [name, value] : r.headers) {
      out.append(name).append(": ").append(value).append("\r\n");
      cache_set = cache_set || name == "Cache-Control";
    }
    // Student data must not linger in browser or proxy caches.
    if (!cache_set) out.append("Cache-Control: no-store\r\n");
    out.append("\r\n");
    if (req.getMethod() != Poco::Net::HTTPRequest::HTTP_HEAD) out.append(body);
    auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(req).socket();
    const char* p = out.data();
    std::size_t left = out.size();
    while (left > 0) {
      int sent = socket.sendBytes(p, static_cast<int>(std::min<std::size_t>(left, 1 << 30)));
      if (sent <= 0) throw Poco::Net::NetException("connection closed while replying");
      p += sent;
      left -= static_cast<std::size_t>(sent);
    }
    if (out.capacity() > (1 << 20)) std::string().swap(out);  // do not keep a large reply's buffer
  }

  ServerContext& ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* DispatcherFactory::createRequestHandler(const Poco::Net::HTTPServerRequest&) {
  return new Dispatcher(ctx_);
}

}  // namespace agmon::http
