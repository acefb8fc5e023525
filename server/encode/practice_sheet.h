#pragma once
// An initiative's practice sheet (layers/model/practice_sheet.h) for
// people and programs: as JSON (every dimension listed, a remark the source
// does not make is null), and as a printable Spanish HTML page with the
// record's main facts, the description and each dimension's remark quoted
// with its section.
#include <string>

#include <nlohmann/json.hpp>

#include "layers/model/catalog.h"
#include "layers/store/store.h"

namespace server::encode {

// {"description": ..., "dimensions": [{"dimension", "label", "remark", "section"}, ...]}
nlohmann::json practice_sheet_json(const layers::PracticeSheet& sheet);

// The whole page: <!doctype html> to </html>.
std::string practice_sheet_html(const layers::Catalog& catalog, const layers::StoredInitiative& s);

}  // namespace server::encode
