// territorio token create|list|revoke as an administrator runs them: the
// secret printed once on stdout, never listed, revocation immediate.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace {

using test_support::run_command;

class TokenCli : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::copy_file(TERRITORIO_TEST_STORE, store_); }
  test_support::CommandResult token(const std::string& args, bool stdout_only = false) {
    const std::string command = std::string(TERRITORIO_BIN) + " token " + args + " --store " + store_;
    return run_command(stdout_only ? "(" + command + " 2>/dev/null)" : command);
  }
  test_support::TempDir dir_{"territorio-token-cli"};
  std::string store_ = dir_.path("s.sqlite");
};

TEST_F(TokenCli, CreateListRevoke) {
  auto created = token("create --name 'GORE Biobío' --region 08 --region 16 --expires 2099-12-31", true);
  ASSERT_EQ(created.exit_code, 0) << created.output;
  const std::string secret = created.output.substr(0, created.output.find('\n'));
  ASSERT_EQ(secret.size(), 4u + 12 + 1 + 43) << created.output;
  EXPECT_EQ(secret.substr(0, 4), "trt_");
  const std::string id = secret.substr(4, 12);

  auto listed = token("list");
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find(id + "  active   editor   08,16"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("2099-12-31  GORE Biobío"), std::string::npos) << listed.output;
  EXPECT_EQ(listed.output.find(secret.substr(17)), std::string::npos) << "secrets are never listed";

  auto admin = token("create --name SUBDERE --role admin");
  ASSERT_EQ(admin.exit_code, 0) << admin.output;
  EXPECT_NE(admin.output.find("(admin, regions all, expires never)"), std::string::npos) << admin.output;

  auto revoked = token("revoke " + id);
  ASSERT_EQ(revoked.exit_code, 0) << revoked.output;
  EXPECT_NE(token("list").output.find(id + "  revoked  editor"), std::string::npos);
}

TEST_F(TokenCli, MistakesExitWithAMessage) {
  auto r = token("create --name X --region 99");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("unknown region '99'"), std::string::npos) << r.output;
  r = token("create --name X --role owner");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--role must be editor or admin"), std::string::npos) << r.output;
  r = token("revoke 0123456789ab");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("no token has the id '0123456789ab'"), std::string::npos) << r.output;
  EXPECT_EQ(token("frobnicate").exit_code, 2);
  EXPECT_EQ(token("list").output.find("trt_"), std::string::npos);
}

}  // namespace
