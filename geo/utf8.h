#pragma once
// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF), so that readers of uploaded text can refuse bad bytes with the
// place they occur instead of passing them on to a JSON writer.
#include <cstddef>
#include <string_view>

namespace geo {

// The offset of the first byte that does not begin a well-formed UTF-8
// sequence, or std::string_view::npos when the whole text is valid.
std::size_t invalid_utf8_offset(std::string_view text);

inline bool is_valid_utf8(std::string_view text) { return invalid_utf8_offset(text) == std::string_view::npos; }

// The longest prefix of text, at most max_bytes long, that does not cut a
// UTF-8 sequence (text must be valid UTF-8): for echoing user text in errors.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace geo
