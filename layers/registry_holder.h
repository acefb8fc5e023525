#pragma once
// Holds the current Registry snapshot and replaces it when the store file
// changes (an import from the CLI, an edit): every request takes the
// snapshot current at its start, so caches and ETags keyed by the
// registry's generation never outlive the data they were built from.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "layers/registry.h"

namespace layers {

class RegistryHolder {
 public:
  explicit RegistryHolder(std::string store_path);
  // The current snapshot; if the store changed since it was loaded, the new
  // one is loaded first (callers wait for it: answers are never stale).
  std::shared_ptr<const Registry> current();

 private:
  struct Stamp {
    std::uint64_t inode = 0, size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const Stamp&) const = default;
  };
  Stamp stamp() const;

  std::string path_;
  std::mutex mutex_;
  std::shared_ptr<const Registry> registry_;
  Stamp loaded_;
};

}  // namespace layers
