#include "geo/geos/geos_context.h"

#include "geo/error.h"

namespace geo {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

void GeosContext::on_error(const char* message, void* self) {
  static_cast<GeosContext*>(self)->last_error_ = message ? message : "";
}

void GeosContext::fail(const std::string& what) const {
  throw GeosError(what + ": " + (last_error_.empty() ? "unknown GEOS error" : last_error_));
}

GeosContext& geos_context() {
  thread_local GeosContext context;
  return context;
}

}  // namespace geo
