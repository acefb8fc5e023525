#include "server/routes/join_upload.h"

#include <algorithm>
#include <cctype>

#include "layers/join/upload_join.h"
#include "server/encode/csv.h"
#include "server/http/errors.h"
#include "server/params.h"

namespace server::routes {

namespace {
enum class UploadFormat { geojson, csv };

UploadFormat upload_format(const http::Request& r) {
  const std::string t = r.media_type();
  if (t == "application/geo+json" || t == "application/json") return UploadFormat::geojson;
  if (t == "text/csv") return UploadFormat::csv;
  throw http::HttpError(415, t.empty() ? "the upload needs a Content-Type" : "cannot join an upload of type " + t,
                        {{"allowed", {"application/geo+json", "application/json", "text/csv"}}});
}

// The joined CSV, written row by row into the answer. Most of its size is
// the appended names: room for them is reserved up front (pages never
// touched are never resident), so the text is not copied as it grows.
std::string joined_csv(const layers::Catalog& catalog, const std::string& body) {
  encode::CsvWriter w;
  const auto lines = static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n'));
  w.reserve(body.size() + (lines + 1) * 192);
  layers::join_csv_upload(catalog, body, [&](const std::vector<std::string_view>& fields) {
    for (const auto f : fields) w.field(f);
    w.end_row();
  });
  return w.take();
}

std::string joined_geojson(const layers::Catalog& catalog, const std::string& body) {
  std::string out;
  out.reserve(3 * body.size() + 4096);
  layers::join_geojson_upload(catalog, body, out);
  return out;
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
  // A bad or oversized upload is a layers::UploadError: 400 or 413 (server/domain_errors).
  http::Response res;
  if (format == UploadFormat::csv) {
    res.content_type = std::string(encode::kCsvMediaType);
    res.body = joined_csv(reg.catalog(), r.body);
  } else {
    res.content_type = "application/geo+json";
    res.body = joined_geojson(reg.catalog(), r.body);
  }
  return res;
}

}  // namespace server::routes
