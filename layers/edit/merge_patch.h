#pragma once
// JSON merge patch (RFC 7386): how PATCH changes a feature. Iterative, so a
// patch of any depth costs no stack; members keep their order and new ones
// are appended.
#include "layers/edit/json_body.h"

namespace layers::edit {

// target with patch applied: a patch that is not an object replaces the
// target; in an object patch, null removes a member and an object is merged
// into the member of the same name (made an object first if it is not one).
Json apply_merge_patch(Json target, const Json& patch);

}  // namespace layers::edit
