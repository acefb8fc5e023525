#pragma once
// The text functions of CQL2 (OGC 21-065) for case- and accent-insensitive
// comparison: CASEI is Unicode full case folding, ACCENTI removes the
// nonspacing marks of the canonical decomposition, both from the Unicode
// 14.0 tables the standard names (generated, scripts/gen_unicode_fold.py).
// Plain comparisons use neither: they compare code points.
#include <string>
#include <string_view>

namespace layers::cql2 {

// Full case folding: "ÑUÑOA" -> "ñuñoa", "Straße" -> "strasse". Accents stay.
std::string casei(std::string_view utf8);

// Accents removed, case kept: "Ñuñoa" -> "Nunoa", "Bío Bío" -> "Bio Bio".
std::string accenti(std::string_view utf8);

}  // namespace layers::cql2
