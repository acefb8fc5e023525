#include "server/http/prometheus_text.h"

#include <charconv>

namespace server::http {

std::string prometheus_number(double v) {
  char buf[400];  // fixed notation of the largest double fits
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

std::string prometheus_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"' || c == '\n') out += '\\';
    out += c == '\n' ? 'n' : c;
  }
  return out;
}

void append_prometheus_family(std::string& out, const std::string& name, const char* type, const char* help,
                              double value) {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
         prometheus_number(value) + "\n";
}

}  // namespace server::http
