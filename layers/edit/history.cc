#include "layers/edit/history.h"

#include <algorithm>

#include "layers/edit/feature_body.h"
#include "layers/store/store.h"

namespace layers::edit {

FeatureHistory read_history(const std::string& store_path, const std::string& id) {
  const auto store = Store::open(store_path);
  FeatureHistory h;
  h.rows = store->feature_history(id);
  if (h.rows.empty()) {
    const auto current = store->read_initiatives(id);
    if (!current.empty()) {
      AuditRow row;
      row.generation = current.front().revision;
      row.operation = "import";
      row.feature_id = id;
      row.after = record_feature_json(current.front().initiative);
      h.rows.push_back(std::move(row));
    }
  }
  h.known = !h.rows.empty();
  return h;
}

Changes read_changes(const std::string& store_path, std::int64_t since, std::size_t limit) {
  const auto store = Store::open(store_path);
  Changes c;
  // One read transaction would be tidier; the generation read first is a
  // lower bound, so a client asking again from it misses nothing.
  c.generation = store->generation();
  c.rows = store->changes_since(since, limit + 1);
  if (!c.rows.empty()) c.generation = std::max(c.generation, c.rows.back().generation);
  if (c.rows.size() > limit) {
    // Cut at a generation's start, so asking again from `generation`
    // misses none of its rows; one generation larger than the limit (a big
    // import) is sent cut, and the client must read everything anew.
    c.complete = false;
    const std::int64_t first_left_out = c.rows[limit].generation;
    c.rows.resize(limit);
    std::size_t keep = limit;
    while (keep > 0 && c.rows[keep - 1].generation == first_left_out) --keep;
    if (keep > 0) {
      c.rows.resize(keep);
      c.generation = first_left_out - 1;
    } else {
      c.generation = first_left_out;
    }
  }
  return c;
}

}  // namespace layers::edit
