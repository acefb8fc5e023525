#pragma once
// The territory cache: a Territory's costly parts (TerritoryParts: the
// simplified bands of the unit tiles, the neighbourhood, the GeoJSON text
// of every boundary) in a file beside a SpatiaLite store, written by
// `territorio build` and by a server that had to build them, read by a
// server at start and at a reload that brings other boundaries, so neither
// redoes seconds of work. A cache is used only when it is of the same
// format, written by the same build of the program (geo::program_id()) and
// for the same boundaries (Territory::boundaries_key()); one that is
// missing, stale, truncated or damaged is never trusted: the Territory is
// built and the file written again. A PostgreSQL store has no cache (see
// README.md): its servers build the Territory.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "layers/snapshot/territory.h"

namespace layers {

// "<store>.territory" for a SpatiaLite store; empty for PostgreSQL.
std::string territory_cache_path(const std::string& store_locator);

// Writes the parts of territory to path: a temporary file in the same
// folder, synced, then renamed over path. Throws DataError on failure
// (the temporary file is removed).
void write_territory_cache(const std::string& path, const Territory& territory);

// The parts saved at path for catalog (whose boundaries_key is key), or
// nullopt with the reason in `why`: no file, another format or build,
// other boundaries, a truncated or damaged file.
std::optional<TerritoryParts> read_territory_cache(const std::string& path, const Catalog& catalog, std::uint64_t key,
                                                   std::string& why);

// The Territory of catalog: from the cache at path when it fits, else
// built and (best effort) written there. Empty path: built. log gets one
// line when a cache was not used (but for a missing file) or not written.
std::shared_ptr<const Territory> cached_territory(std::shared_ptr<const Catalog> catalog,
                                                  const std::vector<CensusZone>& census_zones, const std::string& path,
                                                  const std::function<void(const std::string&)>& log);

}  // namespace layers
