// A running server sees an import the moment it is committed.
#include "layers/registry_holder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "layers/store_builder.h"

namespace {

TEST(RegistryHolder, ReloadsWhenTheStoreChanges) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("territorio-holder-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string store = (dir / "s.sqlite").string();
  fs::copy_file(TERRITORIO_TEST_STORE, store);

  layers::RegistryHolder holder(store);
  const auto before = holder.current();
  EXPECT_EQ(before->initiatives().size(), 29u);
  EXPECT_EQ(holder.current(), before) << "no change, same snapshot";

  std::ofstream(dir / "one.csv") << "id,name,footprint_codes\nh1,Nueva,05101\n";
  layers::import_into_store(store, (dir / "one.csv").string());
  const auto after = holder.current();
  EXPECT_EQ(after->initiatives().size(), 30u);
  EXPECT_EQ(after->generation(), before->generation() + 1);
  EXPECT_EQ(before->initiatives().size(), 29u) << "old snapshot untouched for requests still using it";
  fs::remove_all(dir);
}

}  // namespace
