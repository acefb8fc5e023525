#include "layers/registry_holder.h"

#include <sys/stat.h>

namespace layers {

RegistryHolder::RegistryHolder(std::string store_path) : path_(std::move(store_path)) {
  loaded_ = stamp();
  registry_ = Registry::load(path_);
}

RegistryHolder::Stamp RegistryHolder::stamp() const {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return {};
  return {static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::shared_ptr<const Registry> RegistryHolder::current() {
  const Stamp now = stamp();
  std::lock_guard lock(mutex_);
  if (!(now == loaded_) && now.inode != 0) {
    auto fresh = Registry::load(path_);
    // Only a newer generation replaces the snapshot (a touch changes nothing).
    if (!registry_ || fresh->generation() != registry_->generation()) registry_ = std::move(fresh);
    loaded_ = now;
  }
  return registry_;
}

}  // namespace layers
