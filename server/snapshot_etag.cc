#include "server/snapshot_etag.h"

#include <chrono>

#include "server/http/caching.h"

namespace server {
namespace {

const std::string& process_nonce() {
  static const std::string nonce =
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  return nonce;
}

}  // namespace

std::string snapshot_etag(const http::Request& request, std::int64_t generation) {
  // Unit separators keep "a=b&c" and "a=b\x1fc" apart.
  std::string seed = process_nonce();
  seed += '\x1f';
  seed += std::to_string(generation);
  seed += '\x1f';
  seed += request.path;
  for (const auto& [name, value] : request.query) {
    seed += '\x1e';
    seed += name;
    seed += '\x1f';
    seed += value;
  }
  return http::weak_etag(seed);
}

}  // namespace server
