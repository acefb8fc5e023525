#include "layers/edit/merge_patch.h"

#include <string>
#include <utility>
#include <vector>

namespace layers::edit {

Json apply_merge_patch(Json target, const Json& patch) {
  if (!patch.is_object()) return patch;
  // Objects still to merge. An ordered object is a vector: all the changes
  // to one object are made before pointers to its members are taken, and
  // each later step changes only the inside of its own member.
  std::vector<std::pair<Json*, const Json*>> pending = {{&target, &patch}};
  std::vector<const std::string*> nested;
  while (!pending.empty()) {
    const auto [t, p] = pending.back();
    pending.pop_back();
    if (!t->is_object()) *t = Json::object();
    nested.clear();
    for (auto member = p->begin(); member != p->end(); ++member) {
      const std::string& name = member.key();
      if (member->is_null()) {
        t->erase(name);
      } else if (member->is_object()) {
        if (!t->contains(name)) (*t)[name] = Json::object();
        nested.push_back(&name);
      } else {
        (*t)[name] = *member;
      }
    }
    for (const std::string* name : nested) pending.emplace_back(&t->find(*name).value(), &p->find(*name).value());
  }
  return target;
}

}  // namespace layers::edit
