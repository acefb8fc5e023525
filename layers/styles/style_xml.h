#pragma once
// Small helpers the XML style encodings share: escaping and the shortest
// text of a number that reads back as the same double.
#include <string>
#include <string_view>

namespace layers::style_xml {

std::string escape(std::string_view text);
std::string number(double v);

}  // namespace layers::style_xml
