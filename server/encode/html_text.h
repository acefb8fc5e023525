#pragma once
// The words of the API's HTML pages in the reader's language. The JSON
// documents are written in English; their HTML views show them in Spanish
// through one table keyed by the English text (as gettext keys by msgid):
// page titles, link titles, collection titles and descriptions, field
// titles and the names of the documents' members. Text the table lacks
// (data, OpenAPI summaries) is shown as it is.
#include <string>
#include <string_view>

namespace server::encode {

enum class Language { en, es };

// "en" or "es", for <html lang> and ?lang=.
std::string_view language_tag(Language language);

// The text in the language: English as given, else the table's entry (an
// exact one, or a pattern such as "Schema of {}" whose hole is translated
// in turn), else the text unchanged.
std::string translate(Language language, std::string_view english);

// A JSON member's name as a table heading (the name itself in English).
std::string member_label(Language language, std::string_view name);

}  // namespace server::encode
