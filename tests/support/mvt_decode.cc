#include "tests/support/mvt_decode.h"

#include <set>

#include <protozero/pbf_message.hpp>

#include "geo/mvt/mvt_tags.h"

namespace tiles_test {

using geo::mvt::FeatureTag;
using geo::mvt::LayerTag;
using geo::mvt::TileTag;
using geo::mvt::ValueTag;

namespace {

nlohmann::json decode_value(protozero::data_view v) {
  protozero::pbf_message<ValueTag> m{v};
  nlohmann::json out;
  while (m.next()) {
    switch (m.tag()) {
      case ValueTag::string_value: out = m.get_string(); break;
      case ValueTag::float_value: out = m.get_float(); break;
      case ValueTag::double_value: out = m.get_double(); break;
      case ValueTag::int_value: out = m.get_int64(); break;
      case ValueTag::uint_value: out = m.get_uint64(); break;
      case ValueTag::sint_value: out = m.get_sint64(); break;
      case ValueTag::bool_value: out = m.get_bool(); break;
      default: m.skip();
    }
  }
  return out;
}

struct Pt {
  std::int64_t x, y;
};
using Path = std::vector<Pt>;

// Decodes geometry commands into paths; appends problems to errs.
std::vector<Path> decode_geometry(const DecodedFeature& f, std::vector<std::string>& errs, const std::string& where) {
  std::vector<Path> paths;
  std::int64_t x = 0, y = 0;
  std::size_t i = 0;
  const auto& g = f.geometry;
  while (i < g.size()) {
    const std::uint32_t cmd = g[i] & 7u, count = g[i] >> 3;
    ++i;
    if (cmd == 1 || cmd == 2) {
      if (count == 0) errs.push_back(where + ": command with count 0");
      if (i + 2 * static_cast<std::size_t>(count) > g.size()) {
        errs.push_back(where + ": geometry ends inside a command");
        return paths;
      }
      for (std::uint32_t k = 0; k < count; ++k) {
        x += geo::mvt::unzigzag(g[i++]);
        y += geo::mvt::unzigzag(g[i++]);
        if (cmd == 1) {
          paths.push_back({});
        } else if (paths.empty()) {
          errs.push_back(where + ": LineTo before MoveTo");
          paths.push_back({});
        }
        paths.back().push_back({x, y});
      }
      if (cmd == 1 && f.type != 1 && count != 1) errs.push_back(where + ": MoveTo count must be 1 for lines and polygons");
    } else if (cmd == 7) {
      if (count != 1) errs.push_back(where + ": ClosePath count must be 1");
      if (f.type != 3) errs.push_back(where + ": ClosePath outside a polygon");
    } else {
      errs.push_back(where + ": unknown command " + std::to_string(cmd));
      return paths;
    }
  }
  return paths;
}

std::int64_t area2(const Path& p) {
  std::int64_t s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const Pt& a = p[i];
    const Pt& b = p[(i + 1) % p.size()];
    s += a.x * b.y - b.x * a.y;
  }
  return s;
}

}  // namespace

std::vector<DecodedLayer> decode_tile(const std::string& bytes) {
  std::vector<DecodedLayer> layers;
  protozero::pbf_message<TileTag> tile{bytes};
  while (tile.next(TileTag::layers)) {
    DecodedLayer l;
    protozero::pbf_message<LayerTag> lm{tile.get_view()};
    while (lm.next()) {
      switch (lm.tag()) {
        case LayerTag::version: l.version = lm.get_uint32(); break;
        case LayerTag::name: l.name = lm.get_string(); break;
        case LayerTag::extent: l.extent = lm.get_uint32(); break;
        case LayerTag::keys: l.keys.push_back(lm.get_string()); break;
        case LayerTag::values: l.values.push_back(decode_value(lm.get_view())); break;
        case LayerTag::features: {
          DecodedFeature f;
          protozero::pbf_message<FeatureTag> fm{lm.get_view()};
          while (fm.next()) {
            switch (fm.tag()) {
              case FeatureTag::id: f.id = fm.get_uint64(); f.has_id = true; break;
              case FeatureTag::type: f.type = static_cast<std::uint32_t>(fm.get_enum()); break;
              case FeatureTag::tags: {
                auto r = fm.get_packed_uint32();
                f.tags.assign(r.begin(), r.end());
                break;
              }
              case FeatureTag::geometry: {
                auto r = fm.get_packed_uint32();
                f.geometry.assign(r.begin(), r.end());
                break;
              }
              default: fm.skip();
            }
          }
          l.features.push_back(std::move(f));
          break;
        }
        default: lm.skip();
      }
    }
    layers.push_back(std::move(l));
  }
  return layers;
}

std::vector<std::string> validate_tile(const std::string& bytes, int buffer) {
  std::vector<std::string> errs;
  std::set<std::string> names;
  for (const DecodedLayer& l : decode_tile(bytes)) {
    if (l.version != 2) errs.push_back(l.name + ": version " + std::to_string(l.version));
    if (l.name.empty()) errs.push_back("a layer without a name");
    if (!names.insert(l.name).second) errs.push_back("duplicate layer " + l.name);
    std::set<std::string> keys(l.keys.begin(), l.keys.end());
    if (keys.size() != l.keys.size()) errs.push_back(l.name + ": duplicate keys");
    const std::int64_t lo = -buffer, hi = static_cast<std::int64_t>(l.extent) + buffer;
    for (std::size_t n = 0; n < l.features.size(); ++n) {
      const DecodedFeature& f = l.features[n];
      const std::string where = l.name + " feature " + std::to_string(n);
      if (f.tags.size() % 2) errs.push_back(where + ": odd tag count");
      for (std::size_t t = 0; t < f.tags.size(); ++t)
        if (f.tags[t] >= (t % 2 ? l.values.size() : l.keys.size())) errs.push_back(where + ": tag index out of range");
      if (f.type < 1 || f.type > 3) errs.push_back(where + ": geometry type " + std::to_string(f.type));
      const auto paths = decode_geometry(f, errs, where);
      if (paths.empty()) errs.push_back(where + ": no geometry");
      bool first = true;
      for (const Path& p : paths) {
        for (const Pt& q : p)
          if (q.x < lo || q.x > hi || q.y < lo || q.y > hi) {
            errs.push_back(where + ": coordinate outside extent plus buffer");
            break;
          }
        if (f.type != 3) continue;
        if (p.size() < 3) errs.push_back(where + ": ring of fewer than four points");
        for (std::size_t i = 0; i < p.size(); ++i) {
          const Pt& a = p[i];
          const Pt& b = p[(i + 1) % p.size()];
          if (a.x == b.x && a.y == b.y) errs.push_back(where + ": repeated point");
        }
        const std::int64_t a = area2(p);
        if (a == 0) errs.push_back(where + ": ring of zero area");
        if (first && a < 0) errs.push_back(where + ": first ring is not an exterior (clockwise) ring");
        first = false;
      }
    }
  }
  return errs;
}

nlohmann::json tile_to_json(const std::string& bytes) {
  nlohmann::json out = nlohmann::json::object();
  std::vector<std::string> ignored;
  for (const DecodedLayer& l : decode_tile(bytes)) {
    nlohmann::json features = nlohmann::json::array();
    for (const DecodedFeature& f : l.features) {
      nlohmann::json props = nlohmann::json::object();
      for (std::size_t t = 0; t + 1 < f.tags.size(); t += 2) props[l.keys[f.tags[t]]] = l.values[f.tags[t + 1]];
      nlohmann::json geom = nlohmann::json::array();
      for (const Path& p : decode_geometry(f, ignored, l.name)) {
        nlohmann::json ring = nlohmann::json::array();
        for (const Pt& q : p) ring.push_back({q.x, q.y});
        geom.push_back(ring);
      }
      features.push_back({{"id", f.id}, {"type", f.type}, {"properties", props}, {"geometry", geom}});
    }
    out[l.name] = {{"version", l.version}, {"extent", l.extent}, {"features", features}};
  }
  return out;
}

}  // namespace tiles_test
