#include "geo/gdal/vsimem.h"

#include <cpl_vsi.h>

#include <atomic>

#include "geo/error.h"

namespace geo {

MemoryDirectory::MemoryDirectory() {
  static std::atomic<unsigned long long> next{0};
  dir_ = "/vsimem/territorio_" + std::to_string(next++);
  VSIMkdir(dir_.c_str(), 0755);  // drivers that create files in a folder (CSV) check that it is one
}

MemoryDirectory::~MemoryDirectory() { VSIRmdirRecursive(dir_.c_str()); }

void MemoryDirectory::write(const std::string& name, std::string_view bytes) {
  const std::string p = path(name);
  VSILFILE* f = VSIFOpenL(p.c_str(), "wb");
  if (!f) throw GdalError("cannot create in-memory file " + p);
  const bool ok = bytes.empty() || VSIFWriteL(bytes.data(), 1, bytes.size(), f) == bytes.size();
  VSIFCloseL(f);
  if (!ok) throw GdalError("cannot write in-memory file " + p);
}

std::string MemoryDirectory::read(const std::string& name) const {
  vsi_l_offset size = 0;
  const std::string p = path(name);
  GByte* data = VSIGetMemFileBuffer(p.c_str(), &size, FALSE);
  if (!data) throw GdalError("no in-memory file " + p);
  return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace geo
