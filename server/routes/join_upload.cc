#include "server/routes/join_upload.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "layers/upload_join.h"
#include "server/encode/csv.h"
#include "server/http/errors.h"
#include "server/params.h"

namespace server::routes {

namespace {
enum class UploadFormat { geojson, csv };

// The media type without parameters, lower-cased.
std::string media_type(const http::Request& r) {
  std::string t = r.header("content-type").value_or("");
  t = t.substr(0, t.find(';'));
  t.erase(std::remove_if(t.begin(), t.end(), [](unsigned char c) { return std::isspace(c); }), t.end());
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return t;
}

UploadFormat upload_format(const http::Request& r) {
  const std::string t = media_type(r);
  if (t == "application/geo+json" || t == "application/json") return UploadFormat::geojson;
  if (t == "text/csv") return UploadFormat::csv;
  throw http::HttpError(415, t.empty() ? "the upload needs a Content-Type" : "cannot join an upload of type " + t,
                        {{"allowed", {"application/geo+json", "application/json", "text/csv"}}});
}

std::string csv_body(const layers::JoinedCsv& j) {
  encode::CsvWriter w;
  w.row(j.header);
  for (const auto& row : j.rows) w.row(row);
  return w.take();
}
}  // namespace

http::Response join_upload(const http::Request& r, const layers::Registry& reg) {
  check_known_params(r, {});
  if (r.body.size() > kMaxJoinUploadBytes) {
    std::string detail = "the upload exceeds the limit of ";
    detail += std::to_string(kMaxJoinUploadBytes);
    detail += " bytes";
    throw http::PayloadTooLarge(detail, {{"limit_bytes", kMaxJoinUploadBytes}});
  }
  const UploadFormat format = upload_format(r);
  if (r.body.empty()) throw http::BadRequest("the upload is empty");
  try {
    http::Response res;
    if (format == UploadFormat::csv) {
      res.content_type = std::string(encode::kCsvMediaType);
      res.body = csv_body(layers::join_csv_upload(reg.catalog(), r.body));
    } else {
      res.content_type = "application/geo+json";
      res.body = layers::join_geojson_upload(reg.catalog(), r.body).collection.dump();
    }
    return res;
  } catch (const layers::UploadError& e) {
    throw http::BadRequest(e.what());
  }
}

}  // namespace server::routes
