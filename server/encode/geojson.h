#pragma once
// GeoJSON (RFC 7946) of published features, written straight into one
// string: CRS84 geometries and full property sets are the texts the
// catalog precomputed; other CRSs and property selections are written per
// request. Coordinates: 6 decimals in degrees, 2 in metres.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "layers/features/collections.h"
#include "layers/features/feature_crs.h"
#include "layers/features/feature_query.h"

namespace server::encode {

struct FeatureEncoding {
  const layers::Crs* crs = nullptr;                  // null: CRS84
  std::optional<std::vector<std::size_t>> fields;    // selected properties; nullopt: all
};

// {"type":"Feature","id":...,"geometry":...,"properties":{...}} (+ links when not null).
void append_feature(std::string& out, const layers::Collection& c, const layers::PublishedFeature& f,
                    const FeatureEncoding& e, const nlohmann::json* links = nullptr);

// A FeatureCollection with numberMatched, numberReturned, timeStamp and links.
std::string feature_collection(const layers::Collection& c, const layers::FeaturePage& page, const FeatureEncoding& e,
                               const nlohmann::json& links, const std::string& time_stamp);

// The current UTC time as RFC 3339 (2024-05-01T12:00:00Z).
std::string utc_now();

}  // namespace server::encode
