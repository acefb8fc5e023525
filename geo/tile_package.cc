#include "geo/tile_package.h"

#include <unistd.h>

#include <filesystem>

namespace geo {

std::string partial_path(const std::string& path) {
  const std::filesystem::path p(path);
  const std::string name = "." + p.filename().string() + ".partial-" + std::to_string(::getpid());
  return (p.parent_path() / name).string();
}

}  // namespace geo
