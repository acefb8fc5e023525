#pragma once
// The controlled vocabularies of initiative attributes, from the seed report
// (Cuadro Nº 2 and the annex tables). Filters accept these values (compared
// accent- and case-insensitively) plus any value present in the data.
#include <string>
#include <vector>

#include "layers/snapshot/registry.h"

namespace layers {

// The known values of a filter attribute ("area", "stage", ...); empty for
// an attribute with an open vocabulary.
const std::vector<std::string>& vocabulary(const std::string& attribute);
// The vocabulary plus every value the registry's initiatives carry, sorted.
std::vector<std::string> allowed_values(const Registry& registry, const std::string& attribute);
// The attribute's value on one initiative ("" when unknown).
std::string attribute_value(const Initiative& i, const std::string& attribute);

}  // namespace layers
