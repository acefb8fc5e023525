#pragma once
// Pieces of JSON text appended straight to a string, for large answers whose
// document would otherwise be built as a tree of small allocations and then
// serialised (the tree was most of the time of /coverage).
#include <cstdint>
#include <string>
#include <string_view>

namespace server::encode {

// "text" with ", \ and control characters escaped; valid UTF-8 passes
// through, an ill-formed byte becomes U+FFFD (see geo/json_text.h).
void append_json_string(std::string& out, std::string_view text);

void append_json_int(std::string& out, std::int64_t v);

// The shortest decimal that reads back as v, written as nlohmann::json does
// for the magnitudes we round to (12.34, 0.0001, 0.0): never an exponent.
void append_json_double(std::string& out, double v);

}  // namespace server::encode
