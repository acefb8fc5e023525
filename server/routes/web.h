#pragma once
// The planners' map page: /map and the static files of web/ (the page's
// scripts and styles, its strings in i18n/, and MapLibre GL JS from
// web/node_modules/maplibre-gl/dist under /map/vendor/), so the page works
// with no internet connection.
#include <filesystem>
#include <memory>  // routes hold one WebFiles in a shared_ptr
#include <string>
#include <string_view>

#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// The name under /map/ of the page's joined modules.
inline constexpr std::string_view kBundleName = "app.bundle.js";

// The source tree's web/ directory (server/options' --web overrides it).
std::filesystem::path default_web_dir();

// Serves files by name from three fixed folders. A name is one path segment
// of letters, digits, '.', '-' and '_' not starting with '.', so no request
// can leave the folders (anything else is a 400); names with an extension
// the folder does not serve, and missing files, are 404. Responses carry a
// weak ETag (size and modification time) and answer If-None-Match with 304.
// /map/app.bundle.js is web/app.js with the modules it imports joined into
// one (web_bundle.h), rebuilt when one of them changes.
class WebFiles {
 public:
  explicit WebFiles(std::filesystem::path web_dir);
  ~WebFiles();

  // GET /map (query: lang, read by the page itself).
  http::Response page(const http::Request& r) const;
  // GET /map/{file}: the page's scripts, styles and images, and app.bundle.js.
  http::Response app_file(const http::Request& r) const;
  // GET /map/i18n/{file}: the page's strings, one JSON file per language.
  http::Response strings_file(const http::Request& r) const;
  // GET /map/vendor/{file}: MapLibre GL JS's dist files.
  http::Response vendor_file(const http::Request& r) const;

 private:
  struct BundleCache;
  http::Response bundle(const http::Request& r) const;

  std::filesystem::path root_, vendor_;
  std::unique_ptr<BundleCache> bundle_;  // built at the first request
};

}  // namespace server::routes
