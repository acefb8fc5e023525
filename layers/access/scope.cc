#include "layers/access/scope.h"

#include <algorithm>

namespace layers::access {

void check_scope(const Principal& principal, const Footprints& touched) {
  const Token& t = principal.token;
  if (t.role == Role::admin) return;
  if (!touched.located) throw AccessDenied(Denial::out_of_scope, "a record with no location needs an admin token");
  for (const auto& region : touched.regions) {
    if (!std::binary_search(t.regions.begin(), t.regions.end(), region))
      throw AccessDenied(Denial::out_of_scope, "token " + t.id + " may not write in region " + region);
  }
}

}  // namespace layers::access
