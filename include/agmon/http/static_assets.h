// The dashboard's files, compiled into the binary (GET / and /static/...). The table comes
// from src/http/static/ via cmake/embed_static.cmake when the build defines
// AGMON_EMBEDDED_STATIC; otherwise a built-in placeholder page is served.
#pragma once

#include <cstddef>
#include <string_view>

namespace agmon::http {

struct StaticAsset {
  std::string_view path;          // relative to src/http/static/: "index.html", "js/app.js"
  std::string_view content_type;  // from the extension
  std::string_view data;
};

// The asset at `path` (relative, '/'-separated, no leading '/'); nullptr when there is none.
const StaticAsset* find_static_asset(std::string_view path);
// The Content-Type for a file name, by extension (application/octet-stream when unknown).
std::string_view content_type_for(std::string_view path);

}  // namespace agmon::http
