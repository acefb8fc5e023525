#pragma once
// What describes a tileset to its clients, shared by the TileJSON document
// the server sends and the offline packages (MBTiles, PMTiles): the
// attribution the sources require (data/SOURCES.md, "Licence and
// attribution") and TileJSON 3.0 vector_layers.
#include <string_view>

#include <nlohmann/json.hpp>

#include "layers/tiles/tiles.h"

namespace layers {

inline constexpr std::string_view kTileAttribution =
    "Boundaries: INE (Censo 2017 cartography) and BCN (Biblioteca del Congreso Nacional, mapas vectoriales); "
    "initiatives: SUBDERE, Sistema de Buenas Prácticas para el Desarrollo de los Territorios";

// One MVT layer's vector_layers entry: id, description, fields, minzoom 0, maxzoom kMaxTileZoom.
nlohmann::json vector_layer(const std::string& mvt_layer);
// The vector_layers of a tileset (one entry per MVT layer in its tiles).
nlohmann::json vector_layers(TileLayer layer);

}  // namespace layers
