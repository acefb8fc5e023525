#pragma once
// Downloads of the items of a query (f=csv|gpkg|fgb): written by
// layers/features/feature_export.h to a file of a private temporary
// directory, then streamed from it (the directory is gone before the first
// byte leaves; the open file keeps its bytes), so a whole layer costs disk,
// not memory. Also the CSV companions f=csvt (column types) and f=prj (CRS),
// which GDAL reads beside a .csv of the same name.
//
// Without limit a download holds every matched feature from offset on, up
// to kMaxDownloadLimit; a limit above that is a 400. When the file holds
// fewer than the matched features, Link headers give the next and previous
// downloads, as the GeoJSON pages' links do.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "layers/features/collections.h"
#include "layers/features/feature_crs.h"
#include "layers/features/feature_query.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/routes/ogc_params.h"

namespace server::routes {

// The most features one download holds (the largest collection, census
// zones, has fewer than half of it).
inline constexpr std::size_t kMaxDownloadLimit = 100000;

// f=csv|gpkg|fgb|csvt|prj.
bool is_download(Format f);

// limit of a download: a whole number from 1 to kMaxDownloadLimit (400
// otherwise); without one, kMaxDownloadLimit.
std::size_t parse_download_limit(const std::optional<std::string>& text);

struct DownloadQuery {
  const layers::Collection& collection;
  const layers::FeatureQuery& query;  // its offset and limit
  const layers::FeaturePage& page;
  std::vector<std::size_t> fields;    // properties to write, in order
  Format format;
  const layers::Crs& crs;
  std::string items_url;              // absolute URL of the items, for the Link headers
};

// The download's response (body streamed from its file, or the companion
// text), with Content-Disposition, Content-Crs, OGC-NumberMatched,
// OGC-NumberReturned and Link headers.
http::Response download(const http::Request& r, const DownloadQuery& d);

}  // namespace server::routes
