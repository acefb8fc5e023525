#pragma once
// JSON encodings of initiatives. An attribute the record does not give is
// null, never an invented value.
#include <nlohmann/json.hpp>

#include "layers/model/catalog.h"
#include "layers/store/store.h"

namespace server::encode {

// The attributes a list shows: id, name, description (one line), institution, area, thematic_field,
// stage, award, field_visit, year, region_recorded, footprint_scale.
nlohmann::json initiative_summary(const layers::StoredInitiative& s);
// The whole record: every attribute, the source's fields, the footprint as
// given, its practice sheet (server/encode/practice_sheet.h), and every joined unit in both divisions with its name, whether the
// footprint covers it whole and how it was reached.
nlohmann::json initiative_detail(const layers::Catalog& catalog, const layers::StoredInitiative& s);

}  // namespace server::encode
