#include "layers/tiles/tile_metadata.h"

namespace layers {

nlohmann::json vector_layer(const std::string& mvt_layer) {
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& f : tile_fields(mvt_layer)) fields[f.name] = f.type;
  nlohmann::json l = {{"id", mvt_layer}, {"fields", fields}, {"minzoom", 0}, {"maxzoom", kMaxTileZoom}};
  if (mvt_layer == kInitiativePointsLayer)
    l["description"] = "a representative point of each initiative's footprint";
  else if (mvt_layer == kFootprintsLayer)
    l["description"] = "the polygons each initiative acts in";
  else
    l["description"] = mvt_layer + " with their coverage by initiatives";
  return l;
}

nlohmann::json vector_layers(TileLayer layer) {
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& l : mvt_layer_names(layer)) out.push_back(vector_layer(l));
  return out;
}

}  // namespace layers
