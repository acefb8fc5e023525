#pragma once
// Token secrets: 256 random bits from the system's CSPRNG, written in
// base64url, and the SHA-256 digest that is all the store keeps. A secret
// has full entropy, so a plain digest (no slow KDF) cannot be brute-forced.
#include <string>
#include <string_view>

namespace layers::access {

// 32 random bytes as unpadded base64url (43 characters).
std::string random_secret();
// n random bytes as lower-case hex (2n characters): token ids.
std::string random_hex(std::size_t bytes);
// Lower-case hex SHA-256 of text (64 characters).
std::string sha256_hex(std::string_view text);
// Equal strings, compared in time that does not depend on where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace layers::access
