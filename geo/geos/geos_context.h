#pragma once
// A GEOS context handle per thread (GEOS contexts are not thread-safe).
// geos_context() gives the calling thread's context, created on first use.
#include <geos_c.h>

#include <string>

namespace geo {

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t handle() const { return handle_; }
  // The last error GEOS reported on this context.
  const std::string& last_error() const { return last_error_; }
  // Throws GeosError "<what>: <last GEOS message>".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  static void on_error(const char* message, void* self);
  GEOSContextHandle_t handle_;
  std::string last_error_;
};

GeosContext& geos_context();
inline GEOSContextHandle_t geos_handle() { return geos_context().handle(); }

}  // namespace geo
