#include "layers/join/upload_geometry.h"

#include "geo/geos/geometry_ops.h"
#include "geo/utf8.h"

namespace layers::upload {

void VertexBudget::take(std::size_t vertices, const std::string& where) {
  if (vertices > limits_.max_geometry_vertices)
    throw UploadLimitExceeded(where + ": a geometry has more than " + std::to_string(limits_.max_geometry_vertices) +
                              " vertices, the limit per geometry");
  used_ += vertices;
  if (used_ > limits_.max_upload_vertices)
    throw UploadLimitExceeded(where + ": the upload has more than " + std::to_string(limits_.max_upload_vertices) +
                              " vertices, the limit per upload");
}

PlaceJoin join_geometry(const Catalog& catalog, const geo::Geometry& g) {
  if (!g || g.is_empty()) return {{}, "no_geometry"};
  if (g.is_puntal()) return join_points(catalog, geo::point_coordinates(g));
  return join_polygonal(catalog, g);
}

std::string excerpt(std::string_view text) {
  constexpr std::size_t kMax = 40;
  const std::string_view head = geo::utf8_prefix(text, kMax);
  std::string out = "'";
  out += head;
  if (head.size() < text.size()) out += "...";
  out += '\'';
  return out;
}

std::string short_reason(std::string_view message) {
  constexpr std::size_t kMax = 160;
  std::string out;
  for (const char c : message.substr(0, kMax)) out += static_cast<unsigned char>(c) < 0x80 && c >= 0x20 ? c : '?';
  if (message.size() > kMax) out += "...";
  return out;
}

}  // namespace layers::upload
