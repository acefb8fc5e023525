#include "server/caching_policy.h"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "server/http/errors.h"

namespace server::caching {
namespace {

const std::string& process_nonce() {
  static const std::string nonce =
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  return nonce;
}

constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;

// FNV-1a, continued from h over s.
std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// The hash of the nonce alone, where every tag's hash starts.
std::uint64_t process_nonce_hash() {
  static const std::uint64_t h = fnv1a(kFnvOffset, process_nonce());
  return h;
}

bool cacheable_method(const http::Request& r) { return r.method == "GET" || r.method == "HEAD"; }

}  // namespace

std::string data_etag(const http::Request& request, std::int64_t generation, std::string_view representation) {
  // Parameters sorted by name (stable: repeated names keep their order), so
  // ?a=1&b=2 and ?b=2&a=1 share a tag. Unit separators keep "a=b&c" and
  // "a=b\x1fc" apart.
  std::vector<std::pair<std::string_view, std::string_view>> query(request.query.begin(), request.query.end());
  std::stable_sort(query.begin(), query.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  // The hash runs over the pieces in turn, as over their concatenation.
  std::uint64_t h = process_nonce_hash();
  h = fnv1a(h, "\x1f");
  h = fnv1a(h, kEncodingVersion);
  h = fnv1a(h, "\x1f");
  h = fnv1a(h, request.path);
  for (const auto& [name, value] : query) {
    h = fnv1a(h, "\x1e");
    h = fnv1a(h, name);
    h = fnv1a(h, "\x1f");
    h = fnv1a(h, value);
  }
  h = fnv1a(h, "\x1d");
  h = fnv1a(h, representation);
  std::string tag = "W/\"g";
  tag += std::to_string(generation);
  tag += '-';
  static constexpr char kHex[] = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) tag += kHex[(h >> shift) & 0xf];
  tag += '"';
  return tag;
}

Validator record_validator(std::int64_t revision, const Validator& data) {
  // data.etag is W/"g...": keep its quoted part after the revision.
  return {"W/\"r" + std::to_string(revision) + "-" + data.etag.substr(3), data.cache_control};
}

std::optional<layers::edit::Precondition> if_match(const http::Request& request) {
  const auto field = request.header("if-match");
  if (!field) return std::nullopt;
  layers::edit::Precondition p;
  std::string_view rest = *field;
  auto skip_space = [&rest] {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t' || rest.front() == ',')) rest.remove_prefix(1);
  };
  skip_space();
  if (rest == "*") {
    p.any = true;
    return p;
  }
  const auto bad = [] {
    return http::BadRequest("If-Match must be * or a list of entity tags such as W/\"r12\"");
  };
  if (rest.empty()) throw bad();
  while (!rest.empty()) {
    if (rest.substr(0, 2) == "W/") rest.remove_prefix(2);
    if (rest.empty() || rest.front() != '"') throw bad();
    const auto close = rest.find('"', 1);
    if (close == std::string_view::npos) throw bad();
    const std::string_view tag = rest.substr(1, close - 1);
    rest.remove_prefix(close + 1);
    // r<revision>, then "-" and the representation's part (ignored here).
    const std::string_view digits = tag.substr(1, tag.find('-') == std::string_view::npos ? tag.npos : tag.find('-') - 1);
    std::int64_t revision = -1;  // a foreign tag: matches no revision
    if (!tag.empty() && tag.front() == 'r' && !digits.empty() && digits.size() <= 18 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      revision = std::stoll(std::string(digits));
    p.revisions.push_back(revision);
    if (p.revisions.size() > 64) throw http::BadRequest("If-Match names more than 64 entity tags");
    skip_space();
  }
  return p;
}

bool client_is_current(const http::Request& request, const Validator& v) {
  return cacheable_method(request) && http::not_modified_since(request, v.etag);
}

http::Response not_modified(const Validator& v) { return http::not_modified(v.etag, v.cache_control); }

http::Response stamp(const http::Request& request, http::Response response, const Validator& v) {
  if (response.status != 200) return response;
  return http::conditional(request, std::move(response), v.etag, v.cache_control);
}

}  // namespace server::caching
