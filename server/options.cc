#include "server/options.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "layers/export/tile_export.h"

#ifndef TERRITORIO_DEFAULT_DATA_DIR
#define TERRITORIO_DEFAULT_DATA_DIR "data"
#endif

namespace server {

namespace {
constexpr int kMaxTileCacheMb = 1 << 16;  // 64 GiB

std::string env_or(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : std::move(fallback);
}

int parse_int(const std::string& what, const std::string& text, int min, int max) {
  int v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || v < min || v > max)
    throw UsageError(what + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                     ", not '" + text + "'");
  return v;
}
// An origin as browsers send it: scheme://host[:port], nothing after.
std::string parse_origin(const std::string& what, const std::string& text) {
  const auto sep = text.find("://");
  const std::string scheme = sep == std::string::npos ? "" : text.substr(0, sep);
  const std::string rest = sep == std::string::npos ? "" : text.substr(sep + 3);
  if ((scheme != "http" && scheme != "https") || rest.empty() ||
      rest.find_first_of("/?#@ \t") != std::string::npos)
    throw UsageError(what + " must be an origin such as https://mapa.example.cl (scheme, host, optional port), not '" +
                     text + "'");
  return text;
}

std::vector<std::string> parse_origins(const std::string& what, const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string item = list.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(parse_origin(what, item));
    start = end + 1;
  }
  return out;
}
// --layers a,b,...: tile layer names as the /tiles route takes them, each once.
std::vector<std::string> parse_tile_layers(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::string name = list.substr(start, end - start);
    start = end + 1;
    if (name.empty()) continue;
    if (!layers::parse_tile_layer(name)) {
      std::string names;
      for (const auto& n : layers::tile_layer_names()) names += (names.empty() ? "" : ", ") + n;
      throw UsageError("--layers: no tile layer '" + name + "' (layers: " + names + ")");
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  if (out.empty()) throw UsageError("--layers needs at least one tile layer");
  return out;
}
}  // namespace

std::string usage() {
  return "usage: territorio COMMAND [options]\n"
         "\n"
         "commands:\n"
         "  serve                 build the store from the data directory if missing, then serve HTTP\n"
         "  build                 build the store from the data directory (--force replaces it)\n"
         "  import SOURCE         import initiatives from a GDAL vector source (CSV, GeoJSON, GPKG, SHP)\n"
         "  join SOURCE OUTPUT    append commune, province and region of both divisions to each record;\n"
         "                        OUTPUT format from its extension: .gpkg, .geojson, .csv;\n"
         "                        --progress: records and rate on stderr also when it is no terminal;\n"
         "                        --reader gdal: read a CSV through GDAL (the reference of the fast CSV path)\n"
         "  token create --name NAME [--region CODE]... [--role editor|admin] [--expires YYYY-MM-DD]\n"
         "                        issue a bearer token for writes; its secret is printed once\n"
         "  token list            every token: id, name, role, regions, dates, status (never secrets)\n"
         "  token revoke ID       revoke a token at once\n"
         "  audit [--since YYYY-MM-DD[THH:MM:SSZ]] [--token ID] [--limit N]\n"
         "                        the audit trail: every write, who and when, oldest first\n"
         "  export-tiles --layers LAYER[,LAYER...] [--minzoom N] [--maxzoom N] [--within CODE]\n"
         "               [--format mbtiles|pmtiles] OUT\n"
         "                        offline packages of the vector tiles, as served: OUT/LAYER.mbtiles or\n"
         "                        .pmtiles and OUT/LAYER.style.json (zooms 0 to 10 by default, at most 14;\n"
         "                        --within: only tiles meeting a unit of the 2018 division, e.g. 08)\n"
         "\n"
         "options (environment variable in brackets):\n"
         "  --store PATH|URI      SpatiaLite store file, or a PostgreSQL/PostGIS database as\n"
         "                        postgresql://user@host:port/db [TERRITORIO_STORE] (default var/territorio.sqlite)\n"
         "  --data DIR            bundled data directory [TERRITORIO_DATA]\n"
         "  --address ADDR        listen address [TERRITORIO_ADDRESS] (default 127.0.0.1)\n"
         "  --port N              listen port [TERRITORIO_PORT] (default 8080; 0 picks a free port)\n"
         "  --threads N           HTTP worker threads [TERRITORIO_THREADS] (default: one per core)\n"
         "  --jobs N              threads for heavy requests: uploads, downloads [TERRITORIO_JOBS]\n"
         "                        (default: one per core)\n"
         "  --job-queue N         heavy requests that may wait for a thread before 503 [TERRITORIO_JOB_QUEUE]\n"
         "                        (default: twice --jobs)\n"
         "  --cors-write-origin ORIGIN  an origin whose pages may send writes such as POST /join; repeatable\n"
         "                        [TERRITORIO_CORS_WRITE_ORIGINS, comma-separated] (default: none)\n"
         "  --public-url URL      base URL for links [TERRITORIO_PUBLIC_URL]\n"
         "  --tile-cache-mb N     memory for cached tiles, in MiB [TERRITORIO_TILE_CACHE_MB] (default 256; 0: off)\n"
         "  --web DIR             the map page's files [TERRITORIO_WEB] (default: the source tree's web/)\n"
         "  --write-rate N        writes per minute one token may sustain [TERRITORIO_WRITE_RATE] (default 300)\n"
         "  --write-burst N       writes a quiet token may make at once [TERRITORIO_WRITE_BURST] (default 20)\n"
         "  --help, --version\n";
}

Options parse_options(int argc, const char* const* argv) {
  Options o;
  o.store = env_or("TERRITORIO_STORE", "var/territorio.sqlite");
  o.data_dir = env_or("TERRITORIO_DATA", TERRITORIO_DEFAULT_DATA_DIR);
  o.address = env_or("TERRITORIO_ADDRESS", o.address);
  o.port = parse_int("TERRITORIO_PORT", env_or("TERRITORIO_PORT", "8080"), 0, 65535);
  o.threads = parse_int("TERRITORIO_THREADS", env_or("TERRITORIO_THREADS", "0"), 0, 256);
  o.jobs = parse_int("TERRITORIO_JOBS", env_or("TERRITORIO_JOBS", "0"), 0, 256);
  o.job_queue = parse_int("TERRITORIO_JOB_QUEUE", env_or("TERRITORIO_JOB_QUEUE", "0"), 0, 4096);
  o.cors_write_origins = parse_origins("TERRITORIO_CORS_WRITE_ORIGINS", env_or("TERRITORIO_CORS_WRITE_ORIGINS", ""));
  bool origins_given = false;  // on the command line: they replace the environment's
  o.public_url = env_or("TERRITORIO_PUBLIC_URL", "");
  o.write_rate = parse_int("TERRITORIO_WRITE_RATE", env_or("TERRITORIO_WRITE_RATE", "300"), 1, 1000000);
  o.write_burst = parse_int("TERRITORIO_WRITE_BURST", env_or("TERRITORIO_WRITE_BURST", "20"), 1, 100000);
  o.tile_cache_mb = parse_int("TERRITORIO_TILE_CACHE_MB", env_or("TERRITORIO_TILE_CACHE_MB", "256"), 0, kMaxTileCacheMb);
  o.web_dir = env_or("TERRITORIO_WEB", "");
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError(a + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") o.help = true;
    else if (a == "--version") o.version = true;
    else if (a == "--store") o.store = value();
    else if (a == "--data") o.data_dir = value();
    else if (a == "--address") o.address = value();
    else if (a == "--port") o.port = parse_int("--port", value(), 0, 65535);
    else if (a == "--threads") o.threads = parse_int("--threads", value(), 0, 256);
    else if (a == "--jobs") o.jobs = parse_int("--jobs", value(), 0, 256);
    else if (a == "--job-queue") o.job_queue = parse_int("--job-queue", value(), 0, 4096);
    else if (a == "--cors-write-origin") {
      if (!origins_given) o.cors_write_origins.clear();
      origins_given = true;
      o.cors_write_origins.push_back(parse_origin("--cors-write-origin", value()));
    }
    else if (a == "--public-url") o.public_url = value();
    else if (a == "--write-rate") o.write_rate = parse_int("--write-rate", value(), 1, 1000000);
    else if (a == "--write-burst") o.write_burst = parse_int("--write-burst", value(), 1, 100000);
    else if (a == "--tile-cache-mb") o.tile_cache_mb = parse_int("--tile-cache-mb", value(), 0, kMaxTileCacheMb);
    else if (a == "--web") o.web_dir = value();
    else if (a == "--force") o.force = true;
    else if (a == "--progress") o.progress = true;
    else if (a == "--reader") {
      o.join_reader = value();
      if (o.join_reader != "auto" && o.join_reader != "gdal")
        throw UsageError("--reader must be auto or gdal, not '" + o.join_reader + "'");
    }
    else if (a == "--name") o.token.name = value();
    else if (a == "--region") o.token.regions.push_back(value());
    else if (a == "--role") o.token.role = value();
    else if (a == "--expires") o.token.expires = value();
    else if (a == "--since") o.audit.since = value();
    else if (a == "--token") o.audit.token = value();
    else if (a == "--limit") o.audit.limit = parse_int("--limit", value(), 1, 1000000);
    else if (a == "--layers") o.tiles_export.layers = parse_tile_layers(value());
    else if (a == "--minzoom") o.tiles_export.minzoom = parse_int("--minzoom", value(), 0, layers::kMaxExportZoom);
    else if (a == "--maxzoom") o.tiles_export.maxzoom = parse_int("--maxzoom", value(), 0, layers::kMaxExportZoom);
    else if (a == "--within") o.tiles_export.within = value();
    else if (a == "--format") {
      o.tiles_export.format = value();
      if (!layers::parse_package_format(o.tiles_export.format))
        throw UsageError("--format must be mbtiles or pmtiles, not '" + o.tiles_export.format + "'");
    }
    else if (a.rfind("--", 0) == 0) throw UsageError("unknown option " + a);
    else if (o.command.empty()) o.command = a;
    else o.positional.push_back(a);
  }
  if (o.help || o.version) return o;
  if (o.command.empty()) throw UsageError("no command given");
  if (o.command == "token") {
    const std::string action = o.positional.empty() ? "" : o.positional[0];
    const std::size_t args = action == "revoke" ? 2 : 1;
    if ((action != "create" && action != "list" && action != "revoke") || o.positional.size() != args)
      throw UsageError("token takes create, list or revoke ID");
    if (action == "create" && o.token.role != "editor" && o.token.role != "admin")
      throw UsageError("--role must be editor or admin, not '" + o.token.role + "'");
    return o;
  }
  if (o.command == "export-tiles") {
    if (o.tiles_export.layers.empty()) throw UsageError("export-tiles needs --layers");
    if (o.tiles_export.minzoom > o.tiles_export.maxzoom)
      throw UsageError("--minzoom " + std::to_string(o.tiles_export.minzoom) + " is above --maxzoom " +
                       std::to_string(o.tiles_export.maxzoom));
    if (o.positional.size() != 1) throw UsageError("export-tiles takes one argument, the output folder OUT");
    return o;
  }
  const std::size_t want = o.command == "import" ? 1 : o.command == "join" ? 2 : 0;
  if (o.command != "serve" && o.command != "build" && o.command != "import" && o.command != "join" &&
      o.command != "audit")
    throw UsageError("unknown command '" + o.command + "'");
  if (o.positional.size() != want)
    throw UsageError(o.command + " takes " + std::to_string(want) + " argument(s), got " +
                     std::to_string(o.positional.size()));
  return o;
}

}  // namespace server
