#include "layers/features/feature_build.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "geo/geos/geojson_geometry.h"
#include "geo/json_text.h"

namespace layers {

namespace {

// A value as nlohmann::json dumps it (strings of the store are valid UTF-8,
// which geo::append_json_string escapes the same way), without a DOM.
void append_value(std::string& out, const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v))
    geo::append_json_string(out, *s);
  else if (const auto* i = std::get_if<std::int64_t>(&v))
    out += std::to_string(*i);
  else if (const auto* d = std::get_if<double>(&v))
    out += nlohmann::json(*d).dump();
  else if (const auto* b = std::get_if<bool>(&v))
    out += *b ? "true" : "false";
  else
    out += "null";
}

std::uint64_t mix_word(std::uint64_t h, std::uint64_t w) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((w >> (8 * i)) & 0xff);
  return digest_mix(h, std::string_view(bytes, 8));
}

}  // namespace

std::uint64_t digest_mix(std::uint64_t h, std::string_view s) {
  for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ull;
  return (h ^ 0xff) * 1099511628211ull;
}

GeometryText geometry_text(const geo::Geometry& g) {
  std::string json;
  geo::append_geojson_geometry(json, g, geo::CoordinateFormat{kDegreePrecision, nullptr, false});
  GeometryText t;
  t.digest = digest_mix(kDigestSeed, json);
  t.json = std::make_shared<const std::string>(std::move(json));
  if (g.is_polygonal()) t.box_test = std::make_shared<const geo::BoxPolygonTest>(g);
  return t;
}

void set_geometry(PublishedFeature& f, std::shared_ptr<const geo::Geometry> geometry, const GeometryText& text) {
  if (!geometry || geometry->is_empty()) {
    f.geometry.reset();
    f.geometry_text.reset();
    f.geometry_json = "null";
    f.geometry_digest = 0;
    f.box_test.reset();
    return;
  }
  f.box = geometry->envelope();
  f.geometry = std::move(geometry);
  f.geometry_text = text.json;
  f.geometry_json = *text.json;
  f.geometry_digest = text.digest;
  f.box_test = text.box_test;
}

void render(PublishedFeature& f, const std::vector<FieldDef>& fields) {
  std::string props = "{";
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (k) props += ',';
    geo::append_json_string(props, fields[k].name);
    props += ':';
    append_value(props, f.values[k]);
  }
  props += '}';
  f.properties_json = std::move(props);
  f.digest = digest_mix(mix_word(digest_mix(kDigestSeed, f.id), f.geometry_digest), f.properties_json);
}

namespace {

// A feature's share of its collection's digest: a sum, so that a write
// adds and takes out only what it changed (features are in id order, so
// equal sums come from equal collections but for a 2^-64 chance).
std::uint64_t share(const PublishedFeature& f) { return mix_word(kDigestSeed, f.digest); }

void add_extents(Collection& c, const PublishedFeature& f) {
  if (f.geometry) {
    if (c.extent)
      c.extent->expand(f.box);
    else
      c.extent = f.box;
  }
  if (c.temporal && f.year) {
    if (!c.years)
      c.years = std::make_pair(*f.year, *f.year);
    else
      c.years = std::make_pair(std::min(c.years->first, *f.year), std::max(c.years->second, *f.year));
  }
}

// Whether taking f out may shrink c's extent or years: f attained one of
// their bounds, and no written feature attains it too (a patch that keeps
// a record's year, or moves it inside the extent, changes neither).
bool may_shrink(const PublishedFeature& f, const Collection& before, const Collection& c,
                const std::vector<std::size_t>& written) {
  const auto attained = [&](auto&& by) {
    return std::any_of(written.begin(), written.end(), [&](std::size_t p) { return by(*c.features[p]); });
  };
  if (f.geometry && before.extent) {
    const geo::Envelope& e = *before.extent;
    const geo::Envelope& b = f.box;
    if (b.min_x == e.min_x && !attained([&](const PublishedFeature& w) { return w.geometry && w.box.min_x == b.min_x; }))
      return true;
    if (b.min_y == e.min_y && !attained([&](const PublishedFeature& w) { return w.geometry && w.box.min_y == b.min_y; }))
      return true;
    if (b.max_x == e.max_x && !attained([&](const PublishedFeature& w) { return w.geometry && w.box.max_x == b.max_x; }))
      return true;
    if (b.max_y == e.max_y && !attained([&](const PublishedFeature& w) { return w.geometry && w.box.max_y == b.max_y; }))
      return true;
  }
  if (f.year && before.years && (*f.year == before.years->first || *f.year == before.years->second) &&
      !attained([&](const PublishedFeature& w) { return w.year == f.year; }))
    return true;
  return false;
}

}  // namespace

void index(Collection& c) {
  std::vector<std::pair<std::size_t, geo::Envelope>> entries;
  c.extent.reset();
  c.years.reset();
  std::uint64_t h = 0;
  std::size_t i = 0;
  for (const auto& ptr : c.features) {
    const PublishedFeature& f = *ptr;
    h += share(f);
    if (f.geometry) entries.emplace_back(i, f.box);
    add_extents(c, f);
    ++i;
  }
  c.digest = h;
  c.spatial = FeatureIndex(entries);
}

void reindex_properties(Collection& c, const Collection& before) {
  c.spatial = before.spatial;
  c.extent = before.extent;
  c.years = before.years;
  std::uint64_t h = 0;
  for (const auto& f : c.features) h += share(*f);
  c.digest = h;
}

void reindex(Collection& c, const Collection& before, const std::vector<SequenceEdit>& edits,
             const std::vector<std::size_t>& written) {
  std::uint64_t h = before.digest;
  bool recompute = false;
  for (const SequenceEdit& e : edits) {
    if (e.kind == SequenceEdit::Kind::insert) continue;
    const PublishedFeature& f = *before.features[e.before];
    h -= share(f);
    if (!recompute) recompute = may_shrink(f, before, c, written);
  }
  std::vector<std::pair<std::size_t, geo::Envelope>> boxes;
  c.extent = before.extent;
  c.years = before.years;
  for (std::size_t p : written) {
    const PublishedFeature& f = *c.features[p];
    h += share(f);
    if (f.geometry) boxes.emplace_back(p, f.box);
    add_extents(c, f);
  }
  if (recompute) {
    c.extent.reset();
    c.years.reset();
    for (const auto& f : c.features) add_extents(c, *f);
  }
  c.digest = h;
  c.spatial = FeatureIndex(before.spatial, moved_positions(edits, before.features.size(), FeatureIndex::kGone), boxes);
}

}  // namespace layers
