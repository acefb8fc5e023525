// What a write costs the in-memory snapshot: Snapshot::with_changes for one
// changed record against the whole build (the anchor, same run), over a
// registry of N generated records drawn like bench/reload_bench.sh draws
// its CSV (49 in 50 at a census zone's point, 1 in 50 on one or two
// communes by code). Usage:
//   territorio_snapshot_changes_bench STORE CENSUS_CSV [--records N] [--repeat R] [--seed S]
// STORE: a store built by `territorio build` (its units are used, and its
// own initiatives with --records 0); CENSUS_CSV: data/census_zones_2017.csv.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "layers/store/importer.h"
#include "layers/join/join.h"
#include "layers/snapshot/snapshot.h"
#include "layers/store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Draw {
  std::mt19937 rng;
  const std::vector<layers::CensusZone>& zones;
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng); }
  const layers::CensusZone& zone() {
    return zones[std::uniform_int_distribution<std::size_t>(0, zones.size() - 1)(rng)];
  }
};

// Record i as the importer would make it from the generated CSV row.
layers::StoredInitiative make(Draw& draw, const layers::Joiner& joiner, std::size_t i, bool codes,
                              const std::string& extra_column = {}) {
  static const char* areas[] = {"Social", "Económico", "Ordenamiento y Ambiental", "Político-Institucional"};
  static const char* stages[] = {"inscrita", "profundización", "finalizada", "terreno"};
  static const char* awards[] = {"", "Mención Honrosa", "2do Lugar", "1er Lugar"};
  layers::StoredInitiative s;
  layers::Initiative& in = s.initiative;
  in.id = "b" + std::to_string(i);
  in.name = "Iniciativa de prueba " + std::to_string(i);
  in.institution = "Municipalidad " + std::to_string(i % 345);
  in.award = awards[static_cast<std::size_t>(draw.uniform() * 4)];
  in.field_visit = draw.uniform() < 0.5;
  in.area = areas[static_cast<std::size_t>(draw.uniform() * 4)];
  in.stage = stages[static_cast<std::size_t>(draw.uniform() * 4)];
  auto& a = in.attributes;
  a = {{"id", in.id}, {"name", in.name}, {"institution", in.institution}};
  if (!in.award.empty()) a.emplace_back("award", in.award);
  a.emplace_back("field_visit", *in.field_visit ? "true" : "false");
  a.emplace_back("area", in.area);
  a.emplace_back("stage", in.stage);
  a.emplace_back("footprint_division", "2018");
  const layers::CensusZone& z = draw.zone();
  if (codes) {
    in.footprint.kind = layers::FootprintKind::codes;
    in.footprint.codes = {z.commune_code};
    if (draw.uniform() < 0.5) in.footprint.codes.push_back(draw.zone().commune_code);
    std::string list = in.footprint.codes[0];
    for (std::size_t k = 1; k < in.footprint.codes.size(); ++k) list += ";" + in.footprint.codes[k];
    a.emplace_back("footprint_codes", list);
  } else {
    in.footprint.kind = layers::FootprintKind::points;
    in.footprint.geometry = geo::Geometry::point(z.lon, z.lat);
    a.emplace_back("lon", std::to_string(z.lon));
    a.emplace_back("lat", std::to_string(z.lat));
  }
  if (!extra_column.empty()) a.emplace_back(extra_column, "x");
  const layers::JoinResult j = joiner.join(in.footprint, in.id);
  s.units = j.units;
  s.footprint_scale = j.scale;
  return s;
}

struct Timing {
  double median = 0, max = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s STORE CENSUS_CSV [--records N] [--repeat R] [--seed S]\n", argv[0]);
    return 1;
  }
  std::size_t records = 100000;
  int repeat = 15;
  unsigned seed = 13;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string o = argv[i];
    if (o == "--records") records = std::strtoull(argv[i + 1], nullptr, 10);
    else if (o == "--repeat") repeat = std::atoi(argv[i + 1]);
    else if (o == "--seed") seed = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
  }
  try {
    layers::SnapshotInputs inputs;
    inputs.census_zones = layers::read_census_zones(argv[2]);
    auto catalog = [&] {
      return std::make_unique<layers::Catalog>(layers::Store::open(argv[1])->load_units());
    };
    const layers::Registry base(catalog(), {}, 1);
    const layers::Joiner joiner(base.catalog(), base.gazetteer());
    Draw draw{std::mt19937(seed), inputs.census_zones};

    auto t0 = Clock::now();
    std::vector<layers::StoredInitiative> all;
    if (records == 0) all = layers::Store::open(argv[1])->load_initiatives();
    all.reserve(records);
    std::size_t with_codes = 0;
    for (std::size_t i = 1; i <= records; ++i) {
      const bool codes = draw.uniform() < 0.02;
      with_codes += codes;
      all.push_back(make(draw, joiner, i, codes));
    }
    // The store's order: by id.
    std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.initiative.id < y.initiative.id; });
    std::printf("records: %zu (%zu by code), generated and joined in %.0f ms\n", all.size(), with_codes, ms_since(t0));

    t0 = Clock::now();
    auto registry = std::make_shared<const layers::Registry>(catalog(), std::move(all), 2);
    auto snapshot = std::make_shared<const layers::Snapshot>(registry, inputs);
    const double whole = ms_since(t0);
    std::printf("whole snapshot (anchor): %.0f ms\n", whole);

    std::int64_t generation = 2;
    std::size_t next_id = records + 1;
    // The snapshot a write replaces is freed after the clock stops, as the
    // server frees it off the request path (RegistryHolder::release_retired).
    std::shared_ptr<const layers::Snapshot> retired;
    auto write = [&](std::vector<layers::InitiativeChange> changes) {
      auto next = layers::Snapshot::with_changes(*snapshot, changes, ++generation);
      if (!next) throw std::runtime_error("with_changes returned null");
      retired = std::exchange(snapshot, std::move(next));
    };
    const auto report = [&](const char* what, const Timing& t) {
      std::printf("%-48s median %8.3f ms  max %8.3f ms  (whole / median: %.0fx)\n", what, t.median, t.max,
                  whole / t.median);
    };
    // Each write below is made before the clock starts; only with_changes is timed.
    auto timed_write = [&](const std::function<std::vector<layers::InitiativeChange>()>& make_changes) {
      std::vector<double> t;
      for (int r = 0; r < repeat; ++r) {
        auto changes = make_changes();
        const auto start = Clock::now();
        write(std::move(changes));
        t.push_back(ms_since(start));
        retired.reset();
      }
      std::sort(t.begin(), t.end());
      return Timing{t[t.size() / 2], t.back()};
    };
    auto existing = [&] {
      const auto& list = snapshot->registry().initiatives();
      return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(draw.rng)].initiative.id;
    };
    auto replace = [&](bool codes) {
      return [&, codes] {
        const std::string id = existing();
        layers::StoredInitiative s = make(draw, joiner, next_id++, codes);
        s.initiative.id = id;
        std::vector<layers::InitiativeChange> c;
        c.push_back({id, std::move(s)});
        return c;
      };
    };
    report("replace one record by a point footprint", timed_write(replace(false)));
    report("replace one record by a code footprint", timed_write(replace(true)));
    report("create one record (point)", timed_write([&] {
             layers::StoredInitiative s = make(draw, joiner, next_id++, false);
             std::vector<layers::InitiativeChange> c;
             c.push_back({s.initiative.id, std::move(s)});
             return c;
           }));
    report("delete one record", timed_write([&] {
             std::vector<layers::InitiativeChange> c;
             c.push_back({existing(), std::nullopt});
             return c;
           }));
    int column = 0;
    report("create one record with a new attribute column", timed_write([&] {
             layers::StoredInitiative s = make(draw, joiner, next_id++, false, "column_" + std::to_string(++column));
             std::vector<layers::InitiativeChange> c;
             c.push_back({s.initiative.id, std::move(s)});
             return c;
           }));
    std::printf("records at the end: %zu, generation %lld\n", snapshot->registry().initiatives().size(),
                static_cast<long long>(snapshot->generation()));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "snapshot_changes_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
