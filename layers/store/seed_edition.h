#pragma once
// The contest edition of the bundled seed records. data/initiatives_seed.csv
// has no contest column: its 29 initiatives are those the seed report
// analyses from the "Primer Concurso de Buenas Prácticas para el Desarrollo
// de los Territorios" (report section 1), so the build gives each the label
// "Primer Concurso". The report names no year for it: year stays unknown.
#include <string_view>
#include <vector>

#include "layers/store/initiative_source.h"

namespace layers {

inline constexpr std::string_view kSeedContest = "Primer Concurso";

// Sets contest to kSeedContest on every record that has none (a value the
// source gives is kept).
void mark_seed_edition(std::vector<SourceRecord>& records);

}  // namespace layers
