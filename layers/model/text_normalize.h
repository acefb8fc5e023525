#pragma once
// Folding of Spanish place names so that spelling variants compare equal:
// "Bío Bío", "Bio-Bio" and "Biobío" all become "biobio".
#include <string>
#include <string_view>
#include <vector>

namespace layers {

// The folded name: accents removed (á -> a, ñ -> n, ü -> u, ß -> ss ...),
// ASCII lowercased, and every separator (whitespace, punctuation such as
// ' ’ - . , ( ) /) removed. Invalid UTF-8 bytes are dropped. Characters
// outside the Latin ranges are kept unchanged.
std::string normalize_name(std::string_view utf8);

// The folded words of a name, split at the separators. Concatenated they
// give normalize_name(utf8): "O'Higgins" -> {"o", "higgins"}.
std::vector<std::string> name_tokens(std::string_view utf8);

}  // namespace layers
