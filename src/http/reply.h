// Reply: what a handler answers (status, body, type, extra headers); the dispatcher sends it.
// Errors use the contract's shape {"error": {"code": "...", "message": "..."}}.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agmon/core/result.h"

namespace agmon::http {

inline constexpr std::string_view kJsonType = "application/json; charset=utf-8";

struct Reply {
  int status = 200;
  std::string body;
  std::string_view static_body;  // sent instead of `body` when set (embedded assets, cached reports)
  std::shared_ptr<const void> keeps;  // owns what static_body points into, when it is not static
  std::string content_type = std::string(kJsonType);
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;            // Connection: close after this reply
};

Reply json_reply(int status, std::string body);
// `code`: a stable machine word ("bad_request", "not_found", ...).
Reply error_reply(int status, std::string_view code, std::string_view message);
// kInvalidArgument 400, kPermissionDenied 403, kNotFound 404, kConflict 409, kRejected 422,
// kIoError 503, kInternal 500.
Reply error_reply(const core::Error& error);

}  // namespace agmon::http
