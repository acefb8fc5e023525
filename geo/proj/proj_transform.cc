#include "geo/proj/proj_transform.h"

#include <proj.h>

#include <cmath>

#include "geo/error.h"

namespace geo {

namespace {
class ProjContext {
 public:
  ProjContext() : ctx_(proj_context_create()) { proj_log_level(ctx_, PJ_LOG_NONE); }
  ~ProjContext() { proj_context_destroy(ctx_); }
  ProjContext(const ProjContext&) = delete;
  ProjContext& operator=(const ProjContext&) = delete;
  PJ_CONTEXT* get() const { return ctx_; }

 private:
  PJ_CONTEXT* ctx_;
};

PJ_CONTEXT* proj_ctx() {
  thread_local ProjContext context;
  return context.get();
}

std::string proj_message(PJ_CONTEXT* ctx) {
  const int err = proj_context_errno(ctx);
  const char* msg = proj_context_errno_string(ctx, err);
  return msg ? msg : "unknown PROJ error";
}
}  // namespace

void ProjTransform::Deleter::operator()(void* pj) const { proj_destroy(static_cast<PJ*>(pj)); }

ProjTransform::ProjTransform(const std::string& from, const std::string& to) {
  PJ_CONTEXT* ctx = proj_ctx();
  PJ* raw = proj_create_crs_to_crs(ctx, from.c_str(), to.c_str(), nullptr);
  if (!raw) throw ProjError("no transformation from " + from + " to " + to + ": " + proj_message(ctx));
  PJ* norm = proj_normalize_for_visualization(ctx, raw);
  proj_destroy(raw);
  if (!norm) throw ProjError("cannot normalise axis order of " + from + " -> " + to + ": " + proj_message(ctx));
  pj_.reset(norm);
}

ProjTransform::~ProjTransform() = default;

void ProjTransform::transform(double& x, double& y) const {
  PJ_COORD c = proj_coord(x, y, 0, 0);
  c = proj_trans(static_cast<PJ*>(pj_.get()), PJ_FWD, c);
  if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y))
    throw ProjError("cannot transform (" + std::to_string(x) + ", " + std::to_string(y) + ")");
  x = c.xy.x;
  y = c.xy.y;
}

void ProjTransform::transform(std::vector<double>& xy) const {
  for (std::size_t i = 0; i + 1 < xy.size(); i += 2) transform(xy[i], xy[i + 1]);
}

bool proj_crs_exists(const std::string& crs) {
  PJ* pj = proj_create(proj_ctx(), crs.c_str());
  const bool ok = pj != nullptr && proj_is_crs(pj);
  proj_destroy(pj);
  return ok;
}

}  // namespace geo
