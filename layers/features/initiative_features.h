#pragma once
// The initiatives collection: one feature per record with every field of
// it, the codes of the units it acts in, and its geometry (its own points
// or polygons, else the union of the units it acts in, borrowed from the
// unit collections for a single unit and dissolved once per set of units
// otherwise). Built whole from a registry, or from the collection before a
// write: records the write did not touch keep their feature object, and
// the list of attribute fields is updated from the written records alone.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "layers/features/collections.h"
#include "layers/features/feature_build.h"
#include "layers/model/initiative_list.h"

namespace layers {

class InitiativeFeatures {
 public:
  // unit_texts: the text of every unit geometry of the registry's catalog.
  InitiativeFeatures(const Registry& registry, const UnitTexts& unit_texts);
  // After a write: registry holds update.records.
  InitiativeFeatures(const InitiativeFeatures& before, const Registry& registry, const ListUpdate& update,
                     const UnitTexts& unit_texts);

  const std::shared_ptr<const Collection>& collection() const { return collection_; }

 private:
  // An attribute column beyond the fixed fields, and the first record (by
  // id) that carries it: columns appear in the order records first show them.
  struct Attribute {
    std::string name;
    std::string first_carrier;
  };
  // Geometries dissolved from several units, by the units' geometries.
  struct Dissolved {
    std::shared_ptr<const geo::Geometry> geometry;
    GeometryText text;
  };
  using DissolvedMemo = std::map<std::vector<const geo::Geometry*>, Dissolved>;
  class Builder;

  std::vector<Attribute> attributes_;
  std::shared_ptr<const DissolvedMemo> dissolved_;
  std::shared_ptr<const Collection> collection_;
};

}  // namespace layers
