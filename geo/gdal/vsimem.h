#pragma once
// Files in GDAL's in-memory file system (/vsimem/), so a dataset written by
// a GDAL driver can be handed out as bytes without touching the disk.
#include <string>
#include <string_view>

namespace geo {

// A unique /vsimem/ directory, deleted with everything under it on destruction.
class MemoryDirectory {
 public:
  MemoryDirectory();
  ~MemoryDirectory();
  MemoryDirectory(const MemoryDirectory&) = delete;
  MemoryDirectory& operator=(const MemoryDirectory&) = delete;

  // The path of a file named `name` inside the directory.
  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  // Creates (or replaces) a file named `name` holding a copy of bytes.
  void write(const std::string& name, std::string_view bytes);
  // The bytes of a file written there; GdalError if it does not exist.
  std::string read(const std::string& name) const;

 private:
  std::string dir_;
};

}  // namespace geo
