// The embedded static asset table: generated from src/http/static/ when the build defines
// AGMON_EMBEDDED_STATIC (cmake/embed_static.cmake), else a placeholder index page.
#include "agmon/http/static_assets.h"

namespace agmon::http {

#ifdef AGMON_EMBEDDED_STATIC
// Defined in the generated static_assets_data.cpp.
extern const StaticAsset kEmbeddedAssets[];
extern const std::size_t kEmbeddedAssetCount;
#else
namespace {
constexpr std::string_view kPlaceholder = R"html(<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>agmon</title></head>
<body>
<h1>agmon</h1>
<p>The A-G equity and access monitor is running. The dashboard is not part of this build;
the JSON API is at <code>/api/v1/</code> (send <code>Authorization: Bearer TOKEN</code>),
health at <a href="/healthz">/healthz</a> and metrics at <a href="/metrics">/metrics</a>.</p>
</body>
</html>
)html";
}  // namespace
const StaticAsset kEmbeddedAssets[] = {{"index.html", "text/html; charset=utf-8", kPlaceholder}};
const std::size_t kEmbeddedAssetCount = 1;
#endif

const StaticAsset* find_static_asset(std::string_view path) {
  for (std::size_t i = 0; i < kEmbeddedAssetCount; ++i)
    if (kEmbeddedAssets[i].path == path) return &kEmbeddedAssets[i];
  return nullptr;
}

std::string_view content_type_for(std::string_view path) {
  struct Type {
    std::string_view ext, type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"},
  };
  for (const auto& t : kTypes)
    if (path.size() >= t.ext.size() && path.substr(path.size() - t.ext.size()) == t.ext) return t.type;
  return "application/octet-stream";
}

}  // namespace agmon::http
