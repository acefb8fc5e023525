#pragma once
// The join: resolves a footprint to the set of communes it touches and rolls
// them up to provinces and regions in both divisions.
#include <string>
#include <vector>

#include "layers/model/catalog.h"
#include "layers/join/gazetteer.h"
#include "layers/model/initiative.h"

namespace layers {

struct JoinOptions {
  // A polygon footprint reaches a commune when the overlap is at least this
  // share of the footprint or of the commune: boundaries from different
  // sources disagree by slivers that must not count as presence.
  double min_overlap_share = 0.01;
};

struct JoinResult {
  std::vector<JoinedUnit> units;  // every division and level, ordered
  std::vector<std::string> notes; // repairs and snaps worth telling the user
  // The coarsest level the footprint names (a region code -> region; points
  // and polygons -> commune); empty for an unknown footprint. Coverage uses
  // it to tell "acts in this unit" from "acts on a whole enclosing unit".
  std::optional<Level> scale;
};

class Joiner {
 public:
  Joiner(const Catalog& catalog, const Gazetteer& gazetteer, JoinOptions options = {})
      : catalog_(catalog), gazetteer_(gazetteer), options_(options) {}

  // Throws ImportError(record_label, reason) when the footprint cannot be
  // resolved (unknown code, unknown or ambiguous name, point outside Chile or
  // in no commune). A polygon footprint must already be valid.
  JoinResult join(const Footprint& footprint, const std::string& record_label) const;

 private:
  struct CommuneHit {
    const Unit* commune;
    std::string basis;
    Level scale = Level::commune;  // level of the footprint element that reached it
  };
  void from_codes(const Footprint& f, const std::string& label, std::vector<CommuneHit>& out) const;
  void from_names(const Footprint& f, const std::string& label, std::vector<CommuneHit>& out) const;
  void from_points(const Footprint& f, const std::string& label, std::vector<CommuneHit>& out,
                   std::vector<std::string>& notes) const;
  void from_polygons(const Footprint& f, const std::string& label, std::vector<CommuneHit>& out) const;
  void add_unit(std::vector<CommuneHit>& out, Division d, const Unit& u, const std::string& basis) const;
  JoinResult roll_up(const std::vector<CommuneHit>& hits) const;

  const Catalog& catalog_;
  const Gazetteer& gazetteer_;
  JoinOptions options_;
};

// True if (lon, lat) lies in the box that holds every Chilean territory we
// map (continent, islands, Rapa Nui): anything else is a swapped or bad point.
bool in_chile_extent(double lon, double lat);

}  // namespace layers
