#pragma once
// JSON text written straight into a string (no DOM), for answers whose tree
// would cost more than the text: strings escaped as nlohmann::json dumps
// them, and invalid UTF-8 replaced by U+FFFD so that no byte sequence a
// client sent can make the writer fail or the output invalid.
#include <string>
#include <string_view>

namespace geo {

// "text" with ", \ and control characters escaped; valid UTF-8 passes
// through, each ill-formed byte becomes U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace geo
