#pragma once
// The answer of /coverage as JSON and as CSV. The JSON is written straight
// into one string; its keys come in the order nlohmann::json sorts them
// (alphabetical), so the bytes are those the document-tree encoder gave.
#include <string>

#include "layers/coverage/coverage.h"

namespace server::encode {

// within: the unit the coverage was restricted to, or null.
std::string coverage_json(const layers::Coverage& c, const layers::Unit* within);

// One row per unit; initiative ids joined with ';'; an unmeasured gap figure empty.
std::string coverage_csv(const layers::Coverage& c);

}  // namespace server::encode
