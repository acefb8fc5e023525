#include "layers/styles/style_xml.h"

#include <nlohmann/json.hpp>

namespace layers::style_xml {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// nlohmann-json prints the shortest round-trip form (0.9995, not 0.99950000000000006).
std::string number(double v) { return nlohmann::json(v).dump(); }

}  // namespace layers::style_xml
