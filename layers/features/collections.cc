#include "layers/features/collections.h"

#include <algorithm>
#include <cstdio>

#include "layers/coverage/coverage_counts.h"
#include "layers/features/initiative_features.h"
#include "layers/features/unit_features.h"

namespace layers {

std::string_view geometry_kind_name(GeometryKind k) {
  switch (k) {
    case GeometryKind::multi_polygon: return "MultiPolygon";
    case GeometryKind::point: return "Point";
    case GeometryKind::any: return "Geometry";
  }
  return "Geometry";
}

std::optional<std::size_t> Collection::field_index(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return i;
  return std::nullopt;
}

const PublishedFeature* Collection::find(std::string_view feature_id) const {
  const auto it = std::lower_bound(
      features.begin(), features.end(), feature_id,
      [](const std::shared_ptr<const PublishedFeature>& f, std::string_view id) { return f->id < id; });
  return it != features.end() && (*it)->id == feature_id ? it->get() : nullptr;
}

namespace {

std::vector<std::shared_ptr<const Collection>> build_all(const Registry& registry,
                                                         const std::vector<CensusZone>& census_zones) {
  const UnitFeatures units(registry.shared_catalog(), census_zones);
  std::vector<std::shared_ptr<const Collection>> out = units.with_counts(CoverageCounts(registry), {});
  out.push_back(InitiativeFeatures(registry, units.texts()).collection());
  out.push_back(units.census_zones());
  return out;
}

}  // namespace

FeatureCatalog::FeatureCatalog(const Registry& registry, const std::vector<CensusZone>& census_zones)
    : FeatureCatalog(build_all(registry, census_zones), registry.generation()) {}

FeatureCatalog::FeatureCatalog(std::vector<std::shared_ptr<const Collection>> collections, std::int64_t generation)
    : collections_(std::move(collections)), generation_(generation) {
  // Of every published byte, through the digests each collection keeps:
  // a write hashes only what it changed.
  std::uint64_t h = kDigestSeed;
  for (const auto& c : collections_) {
    h = digest_mix(h, c->id);
    char digest[17];
    std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(c->digest));
    h = digest_mix(h, digest);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  fingerprint_ = buf;
}

const Collection* FeatureCatalog::find(std::string_view id) const {
  for (const auto& c : collections_)
    if (c->id == id) return c.get();
  return nullptr;
}

}  // namespace layers
