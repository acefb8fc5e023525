#pragma once
// The JSON body of a write request, parsed within limits: its size, the
// nesting of arrays and objects (checked while it is read, before a deeper
// tree exists), the members of one object; invalid UTF-8, numbers out of
// range and repeated member names are refused. Objects keep the order of
// their members (a record's attributes are kept in input order).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "layers/errors.h"

namespace layers::edit {

// The document type of the write path: members in input order.
using Json = nlohmann::ordered_json;

// A body the write path refuses: fault invalid (400) or too_large (413);
// what() says why and where (line and column, or a JSON pointer).
struct BadBody : DomainError {
  BadBody(Fault fault, const std::string& detail) : DomainError(fault, detail) {}
};

struct BodyLimits {
  std::size_t max_bytes = 2 << 20;  // the whole body (too_large)
  std::size_t max_depth = 32;       // nested arrays and objects (invalid)
  std::size_t max_members = 1000;   // members of one object (too_large): lookups in an ordered object are linear
};

// The document, or BadBody.
Json parse_json_body(std::string_view body, const BodyLimits& limits = {});

// "/properties/a~1b/0": a JSON pointer (RFC 6901) of the given tokens.
std::string json_pointer(const std::vector<std::string>& tokens);

}  // namespace layers::edit
