#pragma once
// Choosing the language of an answer from an Accept-Language field
// (RFC 9110 section 12.5.4): weighted language ranges, "*" for any.
#include <span>
#include <string_view>

namespace server {

// The offered language (lower-case primary tags such as "en", "es") the
// field prefers: the one with the highest quality; between equal qualities,
// the one the field names first. A range matches an offered tag by its
// primary subtag ("es-CL" asks for "es"), case-insensitively; "*" matches
// whichever offered tag no range names. Unreadable entries are skipped;
// only the first 64 entries are read. With no field, or nothing acceptable,
// the first offered language.
std::string_view preferred_language(std::string_view field, std::span<const std::string_view> offered);

}  // namespace server
