#pragma once
// Whether a principal may write a record. An editor writes a record only
// when every commune of its footprint, before and after the change, lies
// in one of the token's regions (2018 division; a 2007 footprint is checked
// through its communes). Records with no location need an admin.
#include <set>
#include <string>

#include "layers/access/credentials.h"

namespace layers::access {

struct Footprints {
  // 2018 region codes of every commune the record touches, before and
  // after the change together.
  std::set<std::string> regions;
  // False when the record, before or after, has no location at all.
  bool located = true;
};

// Throws AccessDenied(out_of_scope) naming what is outside the token's scope.
void check_scope(const Principal& principal, const Footprints& touched);

}  // namespace layers::access
