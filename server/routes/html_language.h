#pragma once
// The language of the API's HTML pages: ?lang=es|en, else the request's
// Accept-Language (Spanish when it prefers Spanish to English), else
// English. JSON answers are the same in both; a response that may be HTML
// varies on both headers.
#include "server/encode/html_text.h"
#include "server/http/request.h"

namespace server::routes {

// Throws http::BadRequest naming `lang` for a value other than es or en.
encode::Language html_language(const http::Request& r);

inline constexpr const char* kVaryHtml = "Accept, Accept-Language, Accept-Encoding";

}  // namespace server::routes
