#pragma once
// The logical schema of a collection's features as JSON Schema 2020-12, as
// OGC API - Features - Part 5 (Schemas) describes it: one member per
// property with its JSON type ("null" admitted where a feature may lack the
// value), title, the roles "id" (the property repeating the feature id) and
// "primary-geometry" (the geometry, with its Part 5 format), enums for the
// controlled vocabularies, readOnly for what only the server writes, and
// x-ogc-propertySeq for the order the items carry. English, like the rest
// of the collection metadata.
//
// No property takes the role "primary-instant": Part 5 reserves it for
// temporal properties (date or date-time strings), and the only time our
// features carry is the initiatives' contest year, an integer.
#include <string>

#include <nlohmann/json.hpp>

#include "layers/features/collections.h"
#include "layers/snapshot/registry.h"

namespace server::encode {

// schema_url: the document's own URL ($id). records: the registry behind the
// initiatives collection (its vocabularies, and the rule that any attribute
// of a record a client writes may be unknown); null for the other
// collections, whose properties admit null only where a feature holds one.
nlohmann::json collection_schema(const layers::Collection& c, const std::string& schema_url,
                                 const layers::Registry* records);

}  // namespace server::encode
