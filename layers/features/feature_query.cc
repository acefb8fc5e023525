#include "layers/features/feature_query.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include "geo/error.h"
#include "geo/geos/predicates.h"
#include "layers/cql2/cql2_eval.h"

namespace layers {
namespace {

geo::Geometry rectangle(const geo::Envelope& e) {
  auto n = [](double v) {
    char buf[64];
    const int len = std::snprintf(buf, sizeof buf, "%.17g", v);
    return std::string(buf, static_cast<std::size_t>(len));
  };
  return geo::Geometry::from_wkt("POLYGON((" + n(e.min_x) + " " + n(e.min_y) + "," + n(e.max_x) + " " + n(e.min_y) +
                                 "," + n(e.max_x) + " " + n(e.max_y) + "," + n(e.min_x) + " " + n(e.max_y) + "," +
                                 n(e.min_x) + " " + n(e.min_y) + "))");
}

bool inside(const geo::Envelope& inner, const geo::Envelope& outer) {
  return inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
         inner.max_y <= outer.max_y;
}

// Indexes of the features whose geometry intersects any of the boxes, ascending.
std::vector<std::size_t> spatial_candidates(const Collection& c, const std::vector<geo::Envelope>& boxes) {
  std::vector<char> hit(c.features.size(), 0);
  for (const auto& box : boxes) {
    std::optional<geo::Geometry> rect;
    c.spatial.query(box, [&](std::size_t i) {
      if (hit[i]) return;
      const PublishedFeature& f = *c.features[i];
      // Points, and shapes whose box lies inside the query box, need no exact
      // test; polygons mostly settle it from their coordinates, GEOS the rest.
      bool yes = inside(f.box, box) || f.geometry->is_puntal();
      if (!yes) {
        const auto answer = f.box_test ? f.box_test->test(box) : geo::BoxPolygonTest::Answer::unknown;
        if (answer != geo::BoxPolygonTest::Answer::unknown) {
          yes = answer == geo::BoxPolygonTest::Answer::yes;
        } else {
          if (!rect) rect = rectangle(box);
          yes = geo::relate(geo::Relation::intersects, *rect, *f.geometry);
        }
      }
      if (yes) hit[i] = 1;
    });
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < hit.size(); ++i)
    if (hit[i]) out.push_back(i);
  return out;
}

// The text of a query parameter as a value of the field's type.
FieldValue typed_value(const FieldDef& f, const std::string& text) {
  const auto bad = [&] {
    return std::invalid_argument(f.name + " must be " + (f.type == FieldType::integer ? "an integer" : f.type == FieldType::number ? "a number" : "true or false") + ", not '" + text + "'");
  };
  switch (f.type) {
    case FieldType::string: return text;
    case FieldType::boolean:
      if (text == "true") return true;
      if (text == "false") return false;
      throw bad();
    case FieldType::integer: {
      std::int64_t v = 0;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
      if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size()) throw bad();
      return v;
    }
    case FieldType::number: {
      double v = 0;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
      if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(v)) throw bad();
      return v;
    }
  }
  return text;
}

// The geometry literals of a filter written in crs, now in CRS84.
void literals_to_crs84(cql2::Node& n, const Crs& crs) {
  if (n.kind == cql2::NodeKind::geometry && n.geom) {
    try {
      n.geom = std::make_shared<const geo::Geometry>(geometry_to_crs84(crs, *n.geom));
    } catch (const geo::Error&) {
      throw DomainError(Fault::invalid, "filter: a geometry lies outside the area of " + crs.uri);
    }
  }
  for (auto& ch : n.children) literals_to_crs84(*ch, crs);
}

}  // namespace

FeaturePage query_features(const Collection& c, const FeatureQuery& q) {
  std::vector<std::size_t> ids;
  if (!q.boxes.empty()) {
    ids = spatial_candidates(c, q.boxes);
  } else {
    ids.resize(c.features.size());
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = i;
  }
  std::vector<const PublishedFeature*> matched;
  matched.reserve(ids.size());
  for (std::size_t i : ids) {
    const PublishedFeature& f = *c.features[i];
    // A feature without a year has no temporal geometry: datetime matches it
    // (Part 1, /req/core/fc-time-response C).
    if (f.year && ((q.year_min && *f.year < *q.year_min) || (q.year_max && *f.year > *q.year_max))) continue;
    bool ok = true;
    for (const cql2::Node* n : q.filters) {
      if (!cql2::matches(*n, f.values, f.geometry.get())) {
        ok = false;
        break;
      }
    }
    if (ok) matched.push_back(&f);
  }
  if (!q.sortby.empty()) {
    std::stable_sort(matched.begin(), matched.end(), [&](const PublishedFeature* a, const PublishedFeature* b) {
      for (const SortKey& k : q.sortby) {
        const FieldValue& va = a->values[k.field];
        const FieldValue& vb = b->values[k.field];
        if (is_null(va) || is_null(vb)) {
          if (is_null(va) == is_null(vb)) continue;
          return is_null(vb);  // nulls last, whatever the direction
        }
        const auto cmp = compare_values(va, vb);
        if (!cmp || *cmp == 0) continue;
        return k.descending ? *cmp > 0 : *cmp < 0;
      }
      return false;  // stable: id order
    });
  }
  FeaturePage page;
  page.matched = matched.size();
  const std::size_t begin = std::min(q.offset, matched.size());
  const std::size_t end = begin + std::min(q.limit, matched.size() - begin);
  page.features.assign(matched.begin() + static_cast<std::ptrdiff_t>(begin),
                       matched.begin() + static_cast<std::ptrdiff_t>(end));
  return page;
}

void bind_filter(const Collection& c, cql2::Node& filter, const Crs& filter_crs) {
  cql2::bind(filter, [&c](std::string_view name) -> std::optional<cql2::BoundField> {
    const auto i = c.field_index(name);
    if (!i) return std::nullopt;
    return cql2::BoundField{*i, c.fields[*i].list, c.fields[*i].type};
  });
  if (!filter_crs.is_crs84()) literals_to_crs84(filter, filter_crs);
}

cql2::NodePtr property_equals(const Collection& c, const std::string& name, const std::string& value) {
  auto n = std::make_unique<cql2::Node>();
  n->kind = cql2::NodeKind::compare;
  n->op = cql2::CompareOp::eq;
  auto p = std::make_unique<cql2::Node>();
  p->kind = cql2::NodeKind::property;
  p->name = name;
  auto v = std::make_unique<cql2::Node>();
  v->kind = cql2::NodeKind::value;
  const auto field = c.field_index(name);
  if (!field) throw cql2::UnknownProperty("unknown property '" + name + "'");
  v->value = typed_value(c.fields[*field], value);
  n->children.push_back(std::move(p));
  n->children.push_back(std::move(v));
  bind_filter(c, *n);
  return n;
}

}  // namespace layers
