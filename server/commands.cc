#include "server/commands.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "layers/access/token_store.h"
#include "layers/export/tile_export.h"
#include "layers/features/feature_census.h"
#include "layers/join/batch_join.h"
#include "layers/snapshot/registry.h"
#include "layers/snapshot/snapshot.h"
#include "layers/snapshot/territory_cache.h"
#include "layers/store/store.h"
#include "layers/store/store_builder.h"
#include "server/progress_bar.h"
#include "server/serve.h"

namespace server {

namespace {
void print_notes(const std::vector<std::string>& notes) {
  for (const auto& n : notes) std::fprintf(stderr, "note: %s\n", n.c_str());
}

int build(const Options& o) {
  if (o.force) layers::Store::remove(o.store);
  ProgressBar bar;
  const auto report = layers::build_store(o.data_dir, o.store, std::ref(bar));
  bar.finish();
  print_notes(report.notes);
  std::fprintf(stderr, "built %s: %zu initiatives\n", layers::Store::shown(o.store).c_str(), report.imported);
  // The boundaries' tiles, neighbourhood and texts, so that a server starts without building them.
  if (const std::string cache = layers::territory_cache_path(o.store); !cache.empty()) {
    const auto registry = layers::Registry::load(o.store);
    layers::write_territory_cache(cache, layers::Territory(registry->shared_catalog(), {}));
    std::fprintf(stderr, "wrote the territory cache %s\n", cache.c_str());
  }
  return 0;
}

int import(const Options& o) {
  ProgressBar bar;
  const auto report = layers::import_into_store(o.store, o.positional[0], std::ref(bar));
  bar.finish();
  print_notes(report.notes);
  if (report.imported == 0)
    std::fprintf(stderr, "nothing was imported into %s: the source has no records\n", layers::Store::shown(o.store).c_str());
  else
    std::fprintf(stderr, "imported %zu initiatives into %s\n", report.imported, layers::Store::shown(o.store).c_str());
  return 0;
}

int join(const Options& o) {
  // The join reads units and the 2018 communes' polygons only: no initiatives,
  // gazetteer or other boundaries (a fifth of Registry::load's work).
  const layers::Catalog catalog(
      layers::Store::open(o.store)->load_units(layers::Store::UnitGeometries::communes_2018));
  RateProgress bar(o.progress || isatty(STDERR_FILENO) == 1, "joining records");
  layers::BatchJoinOptions options;
  options.reader = o.join_reader == "gdal" ? layers::JoinReader::gdal : layers::JoinReader::automatic;
  options.progress = std::ref(bar);
  const auto report = layers::batch_join(catalog, o.positional[0], o.positional[1], options);
  bar.finish();
  print_notes(report.notes);
  std::fprintf(stderr, "joined %zu records into %s:", report.records, o.positional[1].c_str());
  for (const auto& [basis, n] : report.by_basis) std::fprintf(stderr, " %s=%zu", basis.c_str(), n);
  std::fputc('\n', stderr);
  return 0;
}
std::string regions_text(const layers::access::Token& t) {
  if (t.role == layers::access::Role::admin) return "all";
  std::string out;
  for (const auto& r : t.regions) out += (out.empty() ? "" : ",") + r;
  return out;
}

// token create|list|revoke: the secret goes to stdout once, everything
// else to stderr, so `territorio token create ... > secret.txt` keeps it.
int token(const Options& o) {
  namespace access = layers::access;
  if (!layers::Store::exists(o.store))
    throw layers::DataError("store " + layers::Store::shown(o.store) + " not found: run territorio build");
  access::TokenStore tokens(o.store);
  const auto now = std::chrono::system_clock::now();
  const std::string& action = o.positional[0];
  if (action == "create") {
    access::NewToken request{o.token.name, *access::parse_role(o.token.role), o.token.regions, o.token.expires};
    const auto issued = tokens.create(request, now);
    std::fprintf(stderr, "created token %s for %s (%s, regions %s, expires %s)\n", issued.token.id.c_str(),
                 issued.token.name.c_str(), std::string(access::role_name(issued.token.role)).c_str(),
                 regions_text(issued.token).c_str(), issued.token.expires.value_or("never").c_str());
    std::fprintf(stderr, "the secret below is shown only now; send it as 'Authorization: Bearer <secret>'\n");
    std::printf("%s\n", issued.bearer.c_str());
    return 0;
  }
  if (action == "revoke") {
    const auto t = tokens.revoke(o.positional[1], now);
    std::fprintf(stderr, "revoked token %s (%s) at %s\n", t.id.c_str(), t.name.c_str(), t.revoked->c_str());
    return 0;
  }
  std::printf("%-12s  %-7s  %-7s  %-12s  %-20s  %-10s  %s\n", "id", "status", "role", "regions", "created",
              "expires", "name");
  for (const auto& t : tokens.list()) {
    std::printf("%-12s  %-7s  %-7s  %-12s  %-20s  %-10s  %s\n", t.id.c_str(),
                std::string(access::status_name(access::status(t, now))).c_str(),
                std::string(access::role_name(t.role)).c_str(), regions_text(t).c_str(), t.created.c_str(),
                t.expires.value_or("never").c_str(), t.name.c_str());
  }
  return 0;
}
// audit: one line per row, oldest first; what the rows hold is public
// (token ids and names, never secrets).
int audit(const Options& o) {
  if (!layers::Store::exists(o.store))
    throw layers::DataError("store " + layers::Store::shown(o.store) + " not found: run territorio build");
  const auto store = layers::Store::open(o.store);
  const auto rows = store->audit_listing(o.audit.since, o.audit.token, static_cast<std::size_t>(o.audit.limit));
  std::printf("%-20s  %-10s  %-8s  %-12s  %-24s  %s\n", "time", "generation", "operation", "token", "feature", "by");
  for (const auto& r : rows)
    std::printf("%-20s  %-10lld  %-8s  %-12s  %-24s  %s\n", r.time.c_str(), static_cast<long long>(r.generation),
                r.operation.c_str(), r.token_id.value_or("-").c_str(), r.feature_id.c_str(), r.token_name.c_str());
  std::fprintf(stderr, "%zu rows\n", rows.size());
  return 0;
}
// export-tiles: OUT is made if missing; the packages and their styles
// land in it under their final names only once complete.
int export_tiles(const Options& o) {
  const auto& e = o.tiles_export;
  layers::TileExportRequest request;
  for (const auto& name : e.layers) request.layers.push_back(*layers::parse_tile_layer(name));
  request.minzoom = e.minzoom;
  request.maxzoom = e.maxzoom;
  request.within = e.within;
  request.format = *layers::parse_package_format(e.format);
  request.out_dir = o.positional[0];
  std::error_code ec;
  std::filesystem::create_directories(request.out_dir, ec);
  if (ec || !std::filesystem::is_directory(request.out_dir)) {
    std::fprintf(stderr, "territorio: cannot use '%s' as the output folder: %s\n", request.out_dir.c_str(),
                 ec ? ec.message().c_str() : "not a folder");
    return 1;
  }
  if (::access(request.out_dir.c_str(), W_OK | X_OK) != 0) {
    std::fprintf(stderr, "territorio: cannot write into '%s': %s\n", request.out_dir.c_str(), std::strerror(errno));
    return 1;
  }
  if (!layers::Store::exists(o.store))
    throw layers::DataError("store " + layers::Store::shown(o.store) + " not found: run territorio build");
  layers::SnapshotInputs inputs;
  inputs.census_zones = layers::read_census_zones(o.data_dir + "/census_zones_2017.csv");
  inputs.territory_cache = layers::territory_cache_path(o.store);
  const auto snapshot = layers::Snapshot::load(o.store, inputs);
  ProgressBar bar;
  const auto packages = layers::export_tile_packages(*snapshot, request, std::ref(bar));
  bar.finish();
  for (const auto& p : packages)
    std::fprintf(stderr, "wrote %s: %zu tiles with data of %zu visited, %.1f MB of tiles; style %s\n", p.path.c_str(),
                 p.written, p.visited, static_cast<double>(p.tile_bytes) / 1e6, p.style_path.c_str());
  return 0;
}
}  // namespace

int run_command(const Options& o) {
  if (o.command == "export-tiles") return export_tiles(o);
  if (o.command == "token") return token(o);
  if (o.command == "audit") return audit(o);
  if (o.command == "build") return build(o);
  if (o.command == "import") return import(o);
  if (o.command == "join") return join(o);
  if (!layers::Store::exists(o.store)) {
    std::fprintf(stderr, "store %s not found: building it from %s\n", layers::Store::shown(o.store).c_str(),
                 o.data_dir.c_str());
    build(o);
  }
  return serve(o);
}

}  // namespace server
