#include "layers/store/seed_edition.h"

namespace layers {

void mark_seed_edition(std::vector<SourceRecord>& records) {
  for (SourceRecord& r : records)
    if (r.initiative.contest.empty()) r.initiative.contest = kSeedContest;
}

}  // namespace layers
