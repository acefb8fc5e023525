// territorio audit as an operator runs it: every write, oldest first, who
// and when; --token and --since narrow it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace {

using test_support::run_command;

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

TEST(AuditCli, ListsTheBuildsImportsAndFiltersByTokenAndTime) {
  test_support::TempDir dir("territorio-audit-cli");
  const std::string store = dir.path("s.sqlite");
  std::filesystem::copy_file(TERRITORIO_TEST_STORE, store);
  const std::string bin = std::string(TERRITORIO_BIN);

  const auto all = run_command("(" + bin + " audit --store " + store + " 2>/dev/null)");
  ASSERT_EQ(all.exit_code, 0) << all.output;
  EXPECT_EQ(lines(all.output), 1u + 29) << "a header and one import row per seed record\n" << all.output;
  EXPECT_NE(all.output.find("import    -             64                        territorio import"), std::string::npos)
      << all.output;

  const auto by_token = run_command(bin + " audit --token 000000000000 --store " + store);
  ASSERT_EQ(by_token.exit_code, 0) << by_token.output;
  EXPECT_NE(by_token.output.find("0 rows"), std::string::npos) << by_token.output;

  const auto future = run_command(bin + " audit --since 2999-01-01 --store " + store);
  EXPECT_NE(future.output.find("0 rows"), std::string::npos) << future.output;
  const auto past = run_command(bin + " audit --since 2000-01-01 --limit 5 --store " + store);
  EXPECT_NE(past.output.find("5 rows"), std::string::npos) << past.output;
}

}  // namespace
