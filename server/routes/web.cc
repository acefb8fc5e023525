#include "server/routes/web.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string_view>
#include <system_error>
#include <vector>

#include "server/caching_policy.h"
#include "server/http/errors.h"
#include "server/http/text.h"
#include "server/params.h"
#include "server/routes/web_bundle.h"

#ifndef TERRITORIO_WEB_DIR
#define TERRITORIO_WEB_DIR "web"
#endif

namespace server::routes {

namespace {

namespace fs = std::filesystem;

struct MediaType {
  std::string_view extension, type;
};

// Only these extensions are served; the folder decides which of them.
constexpr std::array<MediaType, 8> kMediaTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
}};

// Our own files change with the checkout: always revalidate (a 304 is cheap).
// MapLibre's files change only when the lockfile does.
constexpr std::string_view kRevalidate = caching::kData;
constexpr std::string_view kVendorCache = caching::kVersionedFile;

// Everything the page loads comes from this server; MapLibre starts its
// worker from a blob: URL and paints images from blob: and data: URLs. Any
// site may frame the map (a regional government embeds it with ?embed=1);
// the page offers no editing inside a frame, and the API's own HTML keeps
// the default policy (only our own pages frame it).
constexpr std::string_view kPagePolicy =
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; "
    "img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors *";

bool safe_name(std::string_view name) {
  if (name.empty() || name.size() > 128 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
  });
}

std::string_view media_type(std::string_view name, std::initializer_list<std::string_view> served) {
  for (std::string_view ext : served) {
    if (name.size() <= ext.size() || name.substr(name.size() - ext.size()) != ext) continue;
    for (const auto& m : kMediaTypes)
      if (m.extension == ext) return m.type;
  }
  return {};
}

std::string hex(std::uintmax_t v) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), digits[v & 0xf]);
    v >>= 4;
  } while (v);
  return out;
}

http::Response send_file(const http::Request& r, const fs::path& path, std::string_view type,
                         std::string_view cache_control) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::is_regular_file(status)) throw http::NotFound("no file " + path.filename().string());
  const auto size = fs::file_size(path, ec);
  const auto mtime = fs::last_write_time(path, ec);
  if (ec) throw http::NotFound("no file " + path.filename().string());
  // Weak: the server may gzip the body, and a strong tag would then have
  // to differ per content coding.
  std::string etag = "W/\"";
  etag += hex(size);
  etag += '-';
  etag += hex(static_cast<std::uintmax_t>(mtime.time_since_epoch().count()));
  etag += '"';
  const caching::Validator validator{etag, std::string(cache_control)};

  http::Response out;
  if (caching::client_is_current(r, validator)) {
    out = caching::not_modified(validator);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw http::NotFound("no file " + path.filename().string());
    out.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    out.content_type = std::string(type);
  }
  http::set_header(out, "ETag", etag);
  http::set_header(out, "Cache-Control", std::string(cache_control));
  http::set_header(out, "X-Content-Type-Options", "nosniff");
  return out;
}

http::Response serve_from(const http::Request& r, const fs::path& folder,
                          std::initializer_list<std::string_view> served, std::string_view cache_control) {
  // "v" is the cache-busting parameter MapLibre adds to its worker's URL.
  check_known_params(r, {"v"});
  const std::string& name = r.path_param("file");
  if (!safe_name(name))
    throw http::BadRequest("a file name is one path segment of letters, digits, '.', '-' and '_'",
                           {{"parameter", "file"}});
  const std::string_view type = media_type(name, served);
  if (type.empty()) throw http::NotFound("no file " + name);
  return send_file(r, folder / name, type, cache_control);
}

// A file's size and modification time, to notice that it changed.
struct Stamp {
  fs::path path;
  std::uintmax_t size = 0;
  fs::file_time_type mtime;
  bool operator==(const Stamp&) const = default;
};

Stamp stamp(const fs::path& path) {
  std::error_code ec;
  Stamp s{path, fs::file_size(path, ec), fs::last_write_time(path, ec)};
  if (ec) s.size = static_cast<std::uintmax_t>(-1);  // gone: never equal to a file read
  return s;
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace

struct WebFiles::BundleCache {
  std::mutex mutex;
  std::vector<Stamp> stamps;  // of the modules joined, empty before the first build
  std::string text, etag;
};

fs::path default_web_dir() { return fs::path(TERRITORIO_WEB_DIR); }

WebFiles::WebFiles(fs::path web_dir)
    : root_(std::move(web_dir)),
      vendor_(root_ / "node_modules" / "maplibre-gl" / "dist"),
      bundle_(std::make_unique<BundleCache>()) {}

WebFiles::~WebFiles() = default;

// The page's query is its state (web/url-state.js declares it and ignores
// what it does not know), so any parameter is taken: a shared link that a
// mail or chat service has tagged (utm_source=, fbclid=) still opens.
http::Response WebFiles::page(const http::Request& r) const {
  http::Response out = send_file(r, root_ / "index.html", "text/html; charset=utf-8", kRevalidate);
  http::set_header(out, "Content-Security-Policy", std::string(kPagePolicy));
  return out;
}

http::Response WebFiles::app_file(const http::Request& r) const {
  if (r.path_param("file") == kBundleName) return bundle(r);
  return serve_from(r, root_, {".js", ".css", ".svg", ".png"}, kRevalidate);
}

// Stamps of the joined modules are checked on each request (a stat each),
// so an edited web/ file is served at the next reload, as the files are.
http::Response WebFiles::bundle(const http::Request& r) const {
  check_known_params(r, {});
  std::string text, etag;
  {
    std::lock_guard lock(bundle_->mutex);
    BundleCache& cache = *bundle_;
    bool current = !cache.stamps.empty();
    for (const Stamp& s : cache.stamps) current = current && stamp(s.path) == s;
    if (!current) {
      const auto started = fs::file_time_type::clock::now();
      Bundle joined = bundle_modules(root_, "app.js");
      std::vector<Stamp> stamps;
      bool settled = true;
      for (const fs::path& p : joined.files) {
        stamps.push_back(stamp(p));
        settled = settled && stamps.back().mtime < started;
      }
      // A module written while the join read it would keep its old text
      // under its new stamp: such a join is served but built again next time.
      cache.stamps = settled ? std::move(stamps) : std::vector<Stamp>();
      cache.text = std::move(joined.text);
      cache.etag = "W/\"b" + hex(cache.text.size()) + '-' + hex(fnv1a(cache.text)) + '"';
    }
    text = cache.text;
    etag = cache.etag;
  }
  const caching::Validator validator{etag, std::string(kRevalidate)};
  http::Response out;
  if (caching::client_is_current(r, validator)) {
    out = caching::not_modified(validator);
  } else {
    out.body = std::move(text);
    out.content_type = "text/javascript; charset=utf-8";
  }
  http::set_header(out, "ETag", etag);
  http::set_header(out, "Cache-Control", std::string(kRevalidate));
  http::set_header(out, "X-Content-Type-Options", "nosniff");
  return out;
}

http::Response WebFiles::strings_file(const http::Request& r) const {
  return serve_from(r, root_ / "i18n", {".json"}, kRevalidate);
}

http::Response WebFiles::vendor_file(const http::Request& r) const {
  return serve_from(r, vendor_, {".mjs", ".css", ".map"}, kVendorCache);
}

}  // namespace server::routes
