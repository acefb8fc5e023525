// Settings come from server/options (flag, else environment variable, else
// default) and nowhere else: the tile cache budget and the web directory.
#include "server/options.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

namespace {

server::Options parse(std::vector<const char*> args) {
  args.insert(args.begin(), "territorio");
  return server::parse_options(static_cast<int>(args.size()), args.data());
}

TEST(Options, TileCacheFromFlagEnvironmentOrDefault) {
  ::unsetenv("TERRITORIO_TILE_CACHE_MB");
  EXPECT_EQ(parse({"serve"}).tile_cache_mb, 256);
  EXPECT_EQ(parse({"serve", "--tile-cache-mb", "64"}).tile_cache_mb, 64);
  EXPECT_EQ(parse({"serve", "--tile-cache-mb", "0"}).tile_cache_mb, 0);
  ASSERT_EQ(::setenv("TERRITORIO_TILE_CACHE_MB", "32", 1), 0);
  EXPECT_EQ(parse({"serve"}).tile_cache_mb, 32);
  EXPECT_EQ(parse({"serve", "--tile-cache-mb", "8"}).tile_cache_mb, 8) << "the flag wins";
  ::unsetenv("TERRITORIO_TILE_CACHE_MB");
}

TEST(Options, ABadTileCacheSizeIsAUsageError) {
  EXPECT_THROW(parse({"serve", "--tile-cache-mb", "-1"}), server::UsageError);
  EXPECT_THROW(parse({"serve", "--tile-cache-mb", "lots"}), server::UsageError);
  EXPECT_THROW(parse({"serve", "--tile-cache-mb", "65537"}), server::UsageError);
  EXPECT_THROW(parse({"serve", "--tile-cache-mb"}), server::UsageError);
  ASSERT_EQ(::setenv("TERRITORIO_TILE_CACHE_MB", "12x", 1), 0);
  EXPECT_THROW(parse({"serve"}), server::UsageError);
  ::unsetenv("TERRITORIO_TILE_CACHE_MB");
}

TEST(Options, WebDirectoryFromFlagOrEnvironment) {
  ::unsetenv("TERRITORIO_WEB");
  EXPECT_EQ(parse({"serve"}).web_dir, "") << "empty: the routes' default";
  EXPECT_EQ(parse({"serve", "--web", "/srv/web"}).web_dir, "/srv/web");
  ASSERT_EQ(::setenv("TERRITORIO_WEB", "/opt/web", 1), 0);
  EXPECT_EQ(parse({"serve"}).web_dir, "/opt/web");
  EXPECT_EQ(parse({"serve", "--web", "/srv/web"}).web_dir, "/srv/web");
  ::unsetenv("TERRITORIO_WEB");
}

}  // namespace
