#pragma once
// Turns source records into stored initiatives: joins each footprint and
// resolves the recorded region. Pure computation: writing is the Store's job.
#include <vector>

#include "layers/store/initiative_source.h"
#include "layers/join/join.h"
#include "layers/store/store.h"

namespace layers {

// Throws ImportError naming the first record that cannot be joined.
std::vector<StoredInitiative> join_records(const Joiner& joiner, const Gazetteer& gazetteer,
                                           std::vector<SourceRecord> records, std::vector<std::string>& notes,
                                           const Progress& progress = {});

// The gazetteer of every unit of both divisions in a catalog.
Gazetteer make_gazetteer(const Catalog& catalog);

}  // namespace layers
