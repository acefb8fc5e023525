#include "geo/mvt/mvt_encoder.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <protozero/pbf_builder.hpp>

namespace geo::mvt {

namespace {

// Drops consecutive repeats and the closing repeat of the first point.
Ring without_repeats(const Ring& ring) {
  Ring out;
  out.reserve(ring.size());
  for (const IntPoint& p : ring)
    if (out.empty() || !(out.back() == p)) out.push_back(p);
  while (out.size() > 1 && out.front() == out.back()) out.pop_back();
  return out;
}

std::string encode_value(const Value& v) {
  std::string out;
  protozero::pbf_builder<ValueTag> b{out};
  if (const auto* s = std::get_if<std::string>(&v))
    b.add_string(ValueTag::string_value, *s);
  else if (const auto* d = std::get_if<double>(&v))
    b.add_double(ValueTag::double_value, *d);
  else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    if (*i >= 0)
      b.add_uint64(ValueTag::uint_value, static_cast<std::uint64_t>(*i));
    else
      b.add_sint64(ValueTag::sint_value, *i);
  } else
    b.add_bool(ValueTag::bool_value, std::get<bool>(v));
  return out;
}

}  // namespace

std::int64_t ring_area2(const Ring& ring) {
  std::int64_t sum = 0;
  const std::size_t n = ring.size();
  for (std::size_t i = 0; i < n; ++i) {
    const IntPoint& a = ring[i];
    const IntPoint& b = ring[(i + 1) % n];
    sum += static_cast<std::int64_t>(a.x) * b.y - static_cast<std::int64_t>(b.x) * a.y;
  }
  return sum;
}

void FeatureBuilder::add_point(IntPoint p) {
  if (type_ == GeomType::polygon) throw std::logic_error("a feature holds points or polygons, not both");
  type_ = GeomType::point;
  if (std::find(points_.begin(), points_.end(), p) == points_.end()) points_.push_back(p);
}

bool FeatureBuilder::add_polygon(const Polygon& polygon) {
  if (type_ == GeomType::point) throw std::logic_error("a feature holds points or polygons, not both");
  std::vector<Ring> kept;
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    Ring r = without_repeats(polygon[i]);
    if (r.size() < 3) {
      if (i == 0) return false;
      continue;
    }
    const std::int64_t a = ring_area2(r);
    if (a == 0) {
      if (i == 0) return false;
      continue;
    }
    const bool exterior = i == 0;
    if ((a > 0) != exterior) std::reverse(r.begin(), r.end());
    kept.push_back(std::move(r));
  }
  if (kept.empty()) return false;
  type_ = GeomType::polygon;
  for (const Ring& r : kept) {
    geometry_.push_back(command_integer(Command::move_to, 1));
    geometry_.push_back(zigzag(r[0].x - cursor_.x));
    geometry_.push_back(zigzag(r[0].y - cursor_.y));
    cursor_ = r[0];
    geometry_.push_back(command_integer(Command::line_to, static_cast<std::uint32_t>(r.size() - 1)));
    for (std::size_t k = 1; k < r.size(); ++k) {
      geometry_.push_back(zigzag(r[k].x - cursor_.x));
      geometry_.push_back(zigzag(r[k].y - cursor_.y));
      cursor_ = r[k];
    }
    geometry_.push_back(command_integer(Command::close_path, 1));
  }
  return true;
}

void FeatureBuilder::set_polygon_commands(std::vector<std::uint32_t> commands) {
  if (type_ == GeomType::point) throw std::logic_error("a feature holds points or polygons, not both");
  if (commands.empty()) throw std::invalid_argument("a polygon feature needs commands");
  type_ = GeomType::polygon;
  geometry_ = std::move(commands);
}

void FeatureBuilder::add_property(const std::string& key, Value value) {
  properties_.emplace_back(key, std::move(value));
}

bool FeatureBuilder::commit() {
  if (committed_) throw std::logic_error("feature committed twice");
  std::vector<std::uint32_t> geometry;
  if (type_ == GeomType::point) {
    if (points_.empty()) return false;
    geometry.push_back(command_integer(Command::move_to, static_cast<std::uint32_t>(points_.size())));
    IntPoint c;
    for (const IntPoint& p : points_) {
      geometry.push_back(zigzag(p.x - c.x));
      geometry.push_back(zigzag(p.y - c.y));
      c = p;
    }
  } else if (type_ == GeomType::polygon) {
    geometry = std::move(geometry_);
  } else {
    return false;
  }
  committed_ = true;
  std::vector<std::uint32_t> tags;
  tags.reserve(properties_.size() * 2);
  for (const auto& [k, v] : properties_) {
    tags.push_back(layer_->key_index(k));
    tags.push_back(layer_->value_index(v));
  }
  std::string out;
  protozero::pbf_builder<FeatureTag> f{out};
  if (has_id_) f.add_uint64(FeatureTag::id, id_);
  if (!tags.empty()) f.add_packed_uint32(FeatureTag::tags, tags.begin(), tags.end());
  f.add_enum(FeatureTag::type, static_cast<std::int32_t>(type_));
  f.add_packed_uint32(FeatureTag::geometry, geometry.begin(), geometry.end());
  layer_->feature_bytes_ += out.size();
  layer_->features_.push_back(std::move(out));
  return true;
}

std::uint32_t Layer::key_index(const std::string& key) {
  auto [it, inserted] = key_ids_.emplace(key, static_cast<std::uint32_t>(keys_.size()));
  if (inserted) keys_.push_back(key);
  return it->second;
}

std::uint32_t Layer::value_index(const Value& value) {
  std::string encoded = encode_value(value);
  auto [it, inserted] = value_ids_.emplace(encoded, static_cast<std::uint32_t>(values_.size()));
  if (inserted) values_.push_back(std::move(encoded));
  return it->second;
}

std::string Layer::encode() const {
  std::string out;
  protozero::pbf_builder<LayerTag> b{out};
  b.add_uint32(LayerTag::version, kVersion);
  b.add_string(LayerTag::name, name_);
  for (const std::string& f : features_) b.add_message(LayerTag::features, f);
  for (const std::string& k : keys_) b.add_string(LayerTag::keys, k);
  for (const std::string& v : values_) b.add_message(LayerTag::values, v);
  b.add_uint32(LayerTag::extent, extent_);
  return out;
}

std::string encode_tile(const std::vector<const Layer*>& layers) {
  std::set<std::string> names;
  for (const Layer* l : layers)
    if (!names.insert(l->name()).second) throw std::invalid_argument("two tile layers named " + l->name());
  std::string out;
  protozero::pbf_builder<TileTag> b{out};
  for (const Layer* l : layers)
    if (!l->empty()) b.add_message(TileTag::layers, l->encode());
  return out;
}

}  // namespace geo::mvt
