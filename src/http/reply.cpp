// Reply constructors and the mapping from service errors to HTTP statuses.
#include "http/reply.h"

#include "agmon/core/json_writer.h"

namespace agmon::http {

Reply json_reply(int status, std::string body) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Reply error_reply(int status, std::string_view code, std::string_view message) {
  core::JsonWriter w;
  w.begin_object().key("error").begin_object().field("code", code).field("message", message);
  w.end_object().end_object();
  return json_reply(status, w.take());
}

Reply error_reply(const core::Error& e) {
  using core::ErrorCode;
  switch (e.code) {
    case ErrorCode::kInvalidArgument: return error_reply(400, "bad_request", e.message);
    case ErrorCode::kPermissionDenied: return error_reply(403, "forbidden", e.message);
    case ErrorCode::kNotFound: return error_reply(404, "not_found", e.message);
    case ErrorCode::kConflict: return error_reply(409, "conflict", e.message);
    case ErrorCode::kRejected: return error_reply(422, "rejected", e.message);
    case ErrorCode::kIoError: return error_reply(503, "unavailable", e.message);
    case ErrorCode::kInternal: break;
  }
  return error_reply(500, "internal", e.message);
}

}  // namespace agmon::http
