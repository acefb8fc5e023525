#pragma once
// The JSON answer of /coverage, written straight into one string. Keys come
// in the order nlohmann::json sorts them (alphabetical), so the bytes are
// those the document-tree encoder gave before.
#include <string>

#include "layers/coverage.h"

namespace server::encode {

// within: the unit the coverage was restricted to, or null.
std::string coverage_json(const layers::Coverage& c, const layers::Unit* within);

}  // namespace server::encode
