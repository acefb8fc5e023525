#pragma once
// A choropleth as an OGC SLD 1.1 / Symbology Encoding 1.1 document: one
// rule per class, its filter lower <= measure < next lower (the measure an
// OGC Filter 1.1 expression over the feature collection's properties).
#include <string>

#include "layers/styles/choropleth.h"

namespace layers {

std::string sld_style(const ChoroplethStyle& s);

}  // namespace layers
