#include "server/routes/html_language.h"

#include <array>
#include <string_view>

#include "server/accept_language.h"
#include "server/http/errors.h"

namespace server::routes {

encode::Language html_language(const http::Request& r) {
  if (const auto lang = r.query_value("lang")) {
    if (*lang == "es") return encode::Language::es;
    if (*lang == "en") return encode::Language::en;
    throw http::BadRequest("lang must be es or en, not '" + *lang + "'", {{"parameter", "lang"}, {"allowed", nlohmann::json::array({"es", "en"})}});
  }
  static constexpr std::array<std::string_view, 2> kOffered = {"en", "es"};
  const auto field = r.header("accept-language");
  return field && preferred_language(*field, kOffered) == "es" ? encode::Language::es : encode::Language::en;
}

}  // namespace server::routes
