#include "server/routes/downloads.h"

#include <stdlib.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>

#include "layers/features/feature_export.h"
#include "server/http/errors.h"
#include "server/http/file_body.h"

namespace server::routes {
namespace {

// A private directory for one download's file, removed with what is left in
// it when the download's response is built.
class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "territorio-download-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a directory for a download");
    dir_ = pattern;
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
};

layers::ExportFormat export_format(Format f) {
  return f == Format::gpkg ? layers::ExportFormat::gpkg
         : f == Format::fgb ? layers::ExportFormat::fgb
                            : layers::ExportFormat::csv;
}

const char* media_type(Format f) {
  switch (f) {
    case Format::gpkg: return "application/geopackage+sqlite3";
    case Format::fgb: return "application/flatgeobuf";
    case Format::prj: return "text/plain; charset=utf-8";
    default: return "text/csv; charset=utf-8";
  }
}

std::string link_header(const std::string& url, const std::string& rel, const std::string& type) {
  return "<" + url + ">; rel=\"" + rel + "\"; type=\"" + type + "\"";
}

// The items URL with this request's query, some parameters changed.
std::string url_with(const http::Request& r, const std::string& items_url,
                     const std::vector<std::pair<std::string, std::optional<std::string>>>& changes) {
  return items_url + query_with(r, changes);
}

}  // namespace

bool is_download(Format f) {
  return f == Format::csv || f == Format::gpkg || f == Format::fgb || f == Format::csvt || f == Format::prj;
}

std::size_t parse_download_limit(const std::optional<std::string>& text) {
  if (!text) return kMaxDownloadLimit;
  std::size_t v = 0;
  const auto r = std::from_chars(text->data(), text->data() + text->size(), v);
  if (text->empty() || r.ec != std::errc() || r.ptr != text->data() + text->size() || v < 1 || v > kMaxDownloadLimit)
    throw http::BadRequest("limit of a download must be a whole number from 1 to " +
                               std::to_string(kMaxDownloadLimit) + " (without limit, every matched feature), not '" +
                               *text + "'",
                           {{"parameter", "limit"}, {"minimum", 1}, {"maximum", kMaxDownloadLimit}});
  return v;
}

http::Response download(const http::Request& r, const DownloadQuery& d) {
  const layers::Collection& c = d.collection;
  http::Response resp;
  resp.content_type = media_type(d.format);
  const std::string crs_header = "<" + d.crs.uri + ">";
  if (d.format == Format::csvt || d.format == Format::prj) {
    // GDAL's CSV writer makes both beside an empty CSV of the same columns.
    const std::string file = c.id + (d.format == Format::csvt ? ".csvt" : ".prj");
    const TempDirectory dir;
    layers::export_features(c, {}, d.fields, layers::ExportFormat::csv, d.crs, dir.path(c.id + ".csv"));
    std::ifstream in(dir.path(file), std::ios::binary);
    resp.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw std::runtime_error("cannot read the " + file + " GDAL wrote");
    resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
    resp.headers.emplace_back("Content-Crs", crs_header);
    return resp;
  }

  const layers::ExportFormat ef = export_format(d.format);
  const std::string file = c.id + std::string(layers::export_extension(ef));
  std::size_t written = 0;
  {
    const TempDirectory dir;
    written = layers::export_features(c, d.page.features, d.fields, ef, d.crs, dir.path(file));
    resp.stream = std::make_shared<http::FileBody>(dir.path(file));
  }
  resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
  resp.headers.emplace_back("Content-Crs", crs_header);
  resp.headers.emplace_back("OGC-NumberMatched", std::to_string(d.page.matched));
  resp.headers.emplace_back("OGC-NumberReturned", std::to_string(written));

  // The neighbouring downloads when this one holds part of the matched set,
  // and, for CSV, the companions that type and georeference it.
  std::vector<std::string> links;
  const std::size_t offset = d.query.offset, count = d.page.features.size();
  if (offset + count < d.page.matched)
    links.push_back(link_header(url_with(r, d.items_url, {{"offset", std::to_string(offset + count)}}), "next",
                                media_type(d.format)));
  if (offset > 0) {
    const std::size_t prev = offset > d.query.limit ? offset - d.query.limit : 0;
    links.push_back(link_header(
        url_with(r, d.items_url, {{"offset", prev ? std::optional<std::string>(std::to_string(prev)) : std::nullopt}}),
        "prev", media_type(d.format)));
  }
  if (d.format == Format::csv) {
    links.push_back(link_header(url_with(r, d.items_url, {{"f", "csvt"}, {"limit", std::nullopt}, {"offset", std::nullopt}}),
                                "describedby", "text/csv"));
    links.push_back(link_header(url_with(r, d.items_url, {{"f", "prj"}, {"limit", std::nullopt}, {"offset", std::nullopt}}),
                                "describedby", "text/plain"));
  }
  if (!links.empty()) {
    std::string value;
    for (const auto& l : links) value += (value.empty() ? "" : ", ") + l;
    resp.headers.emplace_back("Link", value);
  }
  return resp;
}

}  // namespace server::routes
