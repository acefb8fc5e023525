#include "server/site.h"

#include "server/http/errors.h"

namespace server {
namespace {

// The first element of a comma-separated forwarded list ("https, http").
std::string first_item(const std::string& v) {
  std::string s = v.substr(0, v.find(','));
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(s.begin());
  return s;
}

bool host_ok(const std::string& h) {
  if (h.empty() || h.size() > 255) return false;
  for (char c : h)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' ||
          c == '_'))
      return false;
  return true;
}

}  // namespace

std::string base_url(const http::Request& r, const Site& site) {
  if (!site.public_url.empty()) {
    std::string u = site.public_url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    return u;
  }
  std::string proto = "http";
  if (const auto p = r.header("x-forwarded-proto")) {
    proto = first_item(*p);
    if (proto != "http" && proto != "https") throw http::BadRequest("X-Forwarded-Proto must be http or https");
  }
  std::string host;
  if (const auto h = r.header("x-forwarded-host"))
    host = first_item(*h);
  else if (const auto h2 = r.header("host"))
    host = first_item(*h2);
  else
    host = "localhost";
  if (!host_ok(host)) throw http::BadRequest("the Host (or X-Forwarded-Host) header is not a host name");
  return proto + "://" + host;
}

}  // namespace server
