// libFuzzer target: PATCH's merge (layers/edit/merge_patch.h) on two JSON
// documents split from the input at its first NUL byte (target, then
// patch), each read by parse_json_body; the result is then read as a
// feature. Merge patches are idempotent: applying the patch a second time
// must change nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "layers/edit/feature_body.h"
#include "layers/edit/json_body.h"
#include "layers/edit/merge_patch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace layers::edit;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  if (split == std::string_view::npos) return 0;
  Json target, patch;
  try {
    target = parse_json_body(input.substr(0, split));
    patch = parse_json_body(input.substr(split + 1));
  } catch (const BadBody&) {
    return 0;
  }
  const Json merged = apply_merge_patch(target, patch);
  if (apply_merge_patch(merged, patch) != merged) std::abort();
  FeatureOptions options;
  options.max_vertices = 2000;
  try {
    parse_feature(merged, options);
  } catch (const BadBody&) {
  }
  return 0;
}
