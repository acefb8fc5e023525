#pragma once
// The measures that rank the gaps of a coverage: how far each unit is from
// the nearest unit with an initiative, and how many initiatives its
// neighbours have per 100,000 inhabitants.
#include "layers/coverage/coverage.h"
#include "layers/neighbours/neighbourhood.h"

namespace layers {

// Sets nearest_initiative_km and neighbours_per_100k of every unit of
// `coverage`. `whole` is the coverage of every unit of the same level,
// division and filter (coverage itself when it is not restricted to a
// unit's insides): the nearest initiative and the neighbours may lie
// outside. nearest_initiative_km is 0 for a covered unit and stays unset
// when no unit is covered; neighbours_per_100k counts each initiative once
// however many neighbours it acts in, over the neighbours' population.
void measure_gaps(Coverage& coverage, const Coverage& whole, const Neighbourhood& neighbourhood);

}  // namespace layers
