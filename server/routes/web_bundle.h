#pragma once
// The map page's own ES modules joined into one module, so a browser makes
// one request for them instead of one per file (issue 18: over HTTP/1.1's
// six connections, twenty small modules held back MapLibre's megabyte).
// Each module keeps its own scope (an arrow function run once, in the order
// the browser would evaluate them: depth first, imports in source order)
// and hands its exports to the modules importing it; imports from outside
// web/ (MapLibre under /map/vendor/) stay imports of the joined module.
//
// It reads only the forms the page's modules are written in, and refuses
// anything else rather than guess: `import { a, b as c } from '...';` at a
// line's start, `export` before function / async function / class / const
// declarations of one name, no cycles. The page's code is unchanged by it.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace server::routes {

// A module the joiner cannot read (the message names the file and form).
struct BundleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Bundle {
  std::string text;                               // the joined module
  std::vector<std::filesystem::path> files;       // the modules read, in evaluation order
};

// Joins `entry` (a file of `root`) and every module it imports from `root`.
Bundle bundle_modules(const std::filesystem::path& root, const std::string& entry);

}  // namespace server::routes
