// parse_bearer: the token an Authorization value carries, without a lookup.
#include <gtest/gtest.h>

#include <string>

#include "layers/access/credentials.h"

namespace {

namespace access = layers::access;

const std::string kId = "0123456789ab";
const std::string kSecret = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_01234";  // 43 base64url

TEST(Bearer, ParsesTheSchemeInAnyCaseAndTrimsSpaces) {
  const std::string token = access::bearer_text(kId, kSecret);
  for (const std::string& value : {"Bearer " + token, "bearer " + token, "BEARER   " + token + "  "}) {
    const auto parts = access::parse_bearer(value);
    ASSERT_TRUE(parts) << value;
    EXPECT_EQ(parts->id, kId);
    EXPECT_EQ(parts->secret, kSecret);
  }
}

TEST(Bearer, RefusesEverythingElse) {
  const std::string token = access::bearer_text(kId, kSecret);
  for (const std::string& value :
       {std::string(), std::string("Bearer"), std::string("Bearer "), "Bearer\t" + token, "Basic " + token,
        "Bearertrt_" + token, token, "Bearer " + token + "x", "Bearer " + token.substr(0, token.size() - 1),
        "Bearer trt_0123456789AB_" + kSecret, "Bearer trt_0123456789ab-" + kSecret,
        "Bearer trt_0123456789ab_" + kSecret.substr(1) + "=", "Bearer " + token + " extra",
        "Bearer TRT_0123456789ab_" + kSecret, std::string("Bearer \0", 8)}) {
    EXPECT_FALSE(access::parse_bearer(value)) << value;
  }
}

}  // namespace
