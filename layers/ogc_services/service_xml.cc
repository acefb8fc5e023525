#include "layers/ogc_services/service_xml.h"

#include "layers/styles/style_xml.h"

namespace layers::service_xml {

geo::Envelope layer_extent(const Snapshot& snapshot, TileLayer layer) {
  if (const Collection* c = snapshot.features().find(tile_layer_name(layer)); c && c->extent) return *c->extent;
  return snapshot.registry().catalog().extent();
}

std::string layer_title(const Snapshot& snapshot, TileLayer layer) {
  if (const Collection* c = snapshot.features().find(tile_layer_name(layer))) return c->title;
  return std::string(tile_layer_name(layer));
}

std::string element(std::string_view name, std::string_view text) {
  std::string out = "<";
  out += name;
  out += '>';
  out += style_xml::escape(text);
  out += "</";
  out += name;
  out += '>';
  return out;
}

std::string attribute(std::string_view name, std::string_view value) {
  std::string out = " ";
  out += name;
  out += "=\"";
  out += style_xml::escape(value);
  out += '"';
  return out;
}

}  // namespace layers::service_xml
