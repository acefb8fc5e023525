// libFuzzer target: the Authorization header's parsing
// (layers::access::parse_bearer) on arbitrary bytes. A token it accepts
// must write back (bearer_text) to text the header holds, and that text
// must parse to the same parts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "layers/access/credentials.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace access = layers::access;
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  const auto parts = access::parse_bearer(header);
  if (!parts) return 0;
  const std::string token = access::bearer_text(parts->id, parts->secret);
  if (header.find(token) == std::string_view::npos) std::abort();
  const auto again = access::parse_bearer("Bearer " + token);
  if (!again || again->id != parts->id || again->secret != parts->secret) std::abort();
  return 0;
}
