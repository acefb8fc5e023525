#pragma once
// A choropleth as a QGIS layer style (QML): a graduated renderer over the
// feature collection's properties (the measure as an expression), one range
// and one symbol per class, for the layer QGIS opens from /collections/{id}.
#include <string>

#include "layers/styles/choropleth.h"

namespace layers {

std::string qml_style(const ChoroplethStyle& s);

}  // namespace layers
