#include "server/http/caching.h"

#include <cstdint>
#include <cstdio>

#include "server/http/text.h"

namespace server::http {
namespace {

// The opaque part of an entity tag, without W/ and quotes.
std::string_view opaque(std::string_view tag) {
  tag = trim(tag);
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
  return tag;
}

}  // namespace

std::string weak_etag(std::string_view seed) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : seed) h = (h ^ c) * 1099511628211ull;
  char buf[32];
  std::snprintf(buf, sizeof buf, "W/\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

bool not_modified_since(const Request& request, const std::string& etag) {
  const auto inm = request.header("if-none-match");
  if (!inm) return false;
  std::string_view list = *inm;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view item = trim(list.substr(start, end - start));
    if (item == "*" || (!item.empty() && opaque(item) == opaque(etag))) return true;
    start = end + 1;
  }
  return false;
}

Response not_modified(const std::string& etag, const std::string& cache_control) {
  Response r = empty(304);
  r.headers = {{"ETag", etag}, {"Cache-Control", cache_control}};
  return r;
}

Response conditional(const Request& request, Response response, std::string etag, std::string cache_control) {
  if ((request.method == "GET" || request.method == "HEAD") && not_modified_since(request, etag)) {
    Response r = not_modified(etag, cache_control);
    if (const auto vary = find_header(response, "Vary")) set_header(r, "Vary", *vary);
    return r;
  }
  set_header(response, "ETag", std::move(etag));
  set_header(response, "Cache-Control", std::move(cache_control));
  return response;
}

}  // namespace server::http
