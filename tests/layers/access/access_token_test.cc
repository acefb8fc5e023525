// Tokens: secrets shown once and stored only as digests, bearer values
// checked (missing, malformed, unknown, expired, revoked), and editors
// kept to their regions.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "layers/access/credentials.h"
#include "layers/access/rate_limit.h"
#include "layers/access/scope.h"
#include "layers/access/secret.h"
#include "layers/access/token_store.h"
#include "tests/support/temp_dir.h"

namespace {

namespace access = layers::access;
using namespace std::chrono_literals;

const auto kNow = std::chrono::system_clock::from_time_t(1796000000);  // 2026-11-30T00:53:20Z

class Tokens : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::copy_file(TERRITORIO_TEST_STORE, store_); }
  test_support::TempDir dir_{"territorio-tokens"};
  std::string store_ = dir_.path("s.sqlite");
  access::TokenStore tokens_{store_};
};

TEST(Secret, IsBase64urlOf256BitsAndDigestsAreSha256) {
  const std::string a = access::random_secret(), b = access::random_secret();
  EXPECT_EQ(a.size(), 43u);  // ceil(256 / 6)
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_EQ(access::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(access::random_hex(6).size(), 12u);
  EXPECT_TRUE(access::constant_time_equal("abc", "abc"));
  EXPECT_FALSE(access::constant_time_equal("abc", "abd"));
  EXPECT_FALSE(access::constant_time_equal("abc", "abcd"));
}

TEST(Secret, BearerTextHasOneShape) {
  const std::string good = access::bearer_text("0123456789ab", std::string(43, 'x'));
  ASSERT_TRUE(access::split_bearer(good));
  EXPECT_EQ(access::split_bearer(good)->id, "0123456789ab");
  EXPECT_FALSE(access::split_bearer(""));
  EXPECT_FALSE(access::split_bearer(good.substr(1)));
  EXPECT_FALSE(access::split_bearer(good + "x"));
  EXPECT_FALSE(access::split_bearer(access::bearer_text("0123456789AB", std::string(43, 'x'))));  // upper-case id
  EXPECT_FALSE(access::split_bearer(access::bearer_text("0123456789ab", std::string(42, 'x') + "=")));
  EXPECT_TRUE(access::is_calendar_date("2028-02-29"));
  EXPECT_FALSE(access::is_calendar_date("2027-02-29"));
  EXPECT_FALSE(access::is_calendar_date("2027-1-01"));
}

TEST_F(Tokens, TheStoreKeepsOnlyTheDigest) {
  const auto issued = tokens_.create({"GORE Biobío", access::Role::editor, {"16", "08", "08"}, "2027-12-31"}, kNow);
  const auto parts = access::split_bearer(issued.bearer);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->id, issued.token.id);
  EXPECT_EQ(issued.token.regions, (std::vector<std::string>{"08", "16"}));
  EXPECT_EQ(issued.token.created, "2026-11-30T00:53:20Z");

  const auto stored = tokens_.find(issued.token.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->secret_sha256, access::sha256_hex(parts->secret));
  EXPECT_EQ(stored->token.name, "GORE Biobío");
  EXPECT_EQ(stored->token.expires, "2027-12-31");

  std::ifstream file(store_, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find(parts->secret), std::string::npos) << "the secret itself is written nowhere";

  const auto listed = tokens_.list();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(access::status(listed[0], kNow), access::TokenStatus::active);
}

TEST_F(Tokens, RequestsThatCannotBeHonouredAreRefusedByName) {
  auto refused = [&](access::NewToken request) {
    try {
      tokens_.create(request, kNow);
    } catch (const access::TokenError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refused({"x", access::Role::editor, {"17"}, {}}), "unknown region '17': use a 2018 region code, 01 to 16");
  EXPECT_EQ(refused({"x", access::Role::editor, {}, {}}),
            "an editor token needs at least one --region (a 2018 region code such as 08)");
  EXPECT_EQ(refused({"", access::Role::admin, {}, {}}), "a token needs a --name of 1 to 200 bytes");
  EXPECT_EQ(refused({"x", access::Role::admin, {}, "2027-13-01"}),
            "--expires must be a date written YYYY-MM-DD, not '2027-13-01'");
  EXPECT_EQ(refused({"x", access::Role::admin, {}, "2026-11-29"}), "--expires 2026-11-29 is in the past");
  EXPECT_TRUE(tokens_.list().empty()) << "nothing was stored";
  EXPECT_THROW(tokens_.revoke("0123456789ab", kNow), access::TokenError);
}

TEST_F(Tokens, CredentialsAreCheckedAgainstTheStore) {
  const auto issued = tokens_.create({"GORE Biobío", access::Role::editor, {"08"}, "2026-12-01"}, kNow);
  const std::string header = "Bearer " + issued.bearer;
  EXPECT_EQ(access::authenticate(tokens_, header, kNow).token.id, issued.token.id);
  EXPECT_EQ(access::authenticate(tokens_, "bearer   " + issued.bearer + " ", kNow).token.id, issued.token.id);

  auto denial = [&](std::optional<std::string> value, std::chrono::system_clock::time_point now) {
    try {
      access::authenticate(tokens_, value, now);
    } catch (const access::AccessDenied& e) {
      return e.why;
    }
    return access::Denial::out_of_scope;  // not denied at all
  };
  EXPECT_EQ(denial(std::nullopt, kNow), access::Denial::missing);
  EXPECT_EQ(denial("Basic dXNlcjpwYXNz", kNow), access::Denial::malformed);
  EXPECT_EQ(denial("Bearer", kNow), access::Denial::malformed);
  std::string wrong = issued.bearer;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(denial("Bearer " + wrong, kNow), access::Denial::unknown) << "right id, wrong secret";
  EXPECT_EQ(denial("Bearer " + access::bearer_text("0123456789ab", std::string(43, 'x')), kNow),
            access::Denial::unknown);
  EXPECT_EQ(denial(header, kNow + 24h), access::Denial::out_of_scope) << "valid through its last day";
  EXPECT_EQ(denial(header, kNow + 48h), access::Denial::expired);
  tokens_.revoke(issued.token.id, kNow);
  EXPECT_EQ(denial(header, kNow), access::Denial::revoked);
}

TEST(Scope, EditorsWriteOnlyInTheirRegions) {
  access::Principal editor{{"a", "GORE Biobío", access::Role::editor, {"08"}, "", {}, {}}};
  access::Principal admin{{"b", "SUBDERE", access::Role::admin, {}, "", {}, {}}};
  EXPECT_NO_THROW(access::check_scope(editor, {{"08"}, true}));
  EXPECT_THROW(access::check_scope(editor, {{"08", "16"}, true}), access::AccessDenied) << "crosses into Ñuble";
  EXPECT_THROW(access::check_scope(editor, {{"13"}, true}), access::AccessDenied);
  EXPECT_THROW(access::check_scope(editor, {{}, false}), access::AccessDenied) << "no location: admins only";
  EXPECT_NO_THROW(access::check_scope(admin, {{"13", "16"}, true}));
  EXPECT_NO_THROW(access::check_scope(admin, {{}, false}));
  try {
    access::check_scope(editor, {{"13"}, true});
  } catch (const access::AccessDenied& e) {
    EXPECT_TRUE(e.authenticated()) << "403, not 401";
  }
}

}  // namespace

namespace {

TEST(RateLimiter, BurstThenSustainedRatePerToken) {
  layers::access::RateLimiter limiter({2, 4});  // 2 writes/s, bursts of 4
  const auto t0 = layers::access::RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  int retry = 0;
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limiter.allow("a", t0, retry)) << i;
  EXPECT_FALSE(limiter.allow("a", t0, retry));
  EXPECT_EQ(retry, 1);
  EXPECT_TRUE(limiter.allow("b", t0, retry)) << "each token has its own bucket";
  EXPECT_TRUE(limiter.allow("a", t0 + std::chrono::milliseconds(500), retry)) << "one write per 0.5 s";
  EXPECT_FALSE(limiter.allow("a", t0 + std::chrono::milliseconds(600), retry));
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limiter.allow("a", t0 + std::chrono::minutes(5), retry)) << i;
  EXPECT_FALSE(limiter.allow("a", t0 + std::chrono::minutes(5), retry)) << "never more than the burst";

  layers::access::RateLimiter slow({0.1, 1});  // one write per 10 s
  EXPECT_TRUE(slow.allow("a", t0, retry));
  EXPECT_FALSE(slow.allow("a", t0, retry));
  EXPECT_EQ(retry, 10);
}

}  // namespace
