#include "server/options.h"

#include <charconv>
#include <cstdlib>

#ifndef TERRITORIO_DEFAULT_DATA_DIR
#define TERRITORIO_DEFAULT_DATA_DIR "data"
#endif

namespace server {

namespace {
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
}  // namespace

std::string usage() {
  return "usage: territorio COMMAND [options]\n"
         "\n"
         "commands:\n"
         "  serve                 build the store from the data directory if missing, then serve HTTP\n"
         "  build                 build the store from the data directory (--force replaces it)\n"
         "  import SOURCE         import initiatives from a GDAL vector source (CSV, GeoJSON, GPKG, SHP)\n"
         "  join SOURCE OUTPUT    append commune, province and region of both divisions to each record;\n"
         "                        OUTPUT format from its extension: .gpkg, .geojson, .csv\n"
         "\n"
         "options (environment variable in brackets):\n"
         "  --store PATH          SpatiaLite store [TERRITORIO_STORE] (default var/territorio.sqlite)\n"
         "  --data DIR            bundled data directory [TERRITORIO_DATA]\n"
         "  --address ADDR        listen address [TERRITORIO_ADDRESS] (default 127.0.0.1)\n"
         "  --port N              listen port [TERRITORIO_PORT] (default 8080; 0 picks a free port)\n"
         "  --threads N           HTTP worker threads [TERRITORIO_THREADS] (default: one per core)\n"
         "  --public-url URL      base URL for links [TERRITORIO_PUBLIC_URL]\n"
         "  --help, --version\n";
}

Options parse_options(int argc, const char* const* argv) {
  Options o;
  o.store = env_or("TERRITORIO_STORE", "var/territorio.sqlite");
  o.data_dir = env_or("TERRITORIO_DATA", TERRITORIO_DEFAULT_DATA_DIR);
  o.address = env_or("TERRITORIO_ADDRESS", o.address);
  o.port = parse_int("TERRITORIO_PORT", env_or("TERRITORIO_PORT", "8080"), 0, 65535);
  o.threads = parse_int("TERRITORIO_THREADS", env_or("TERRITORIO_THREADS", "0"), 0, 256);
  o.public_url = env_or("TERRITORIO_PUBLIC_URL", "");
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
    else if (a == "--public-url") o.public_url = value();
    else if (a == "--force") o.force = true;
    else if (a.rfind("--", 0) == 0) throw UsageError("unknown option " + a);
    else if (o.command.empty()) o.command = a;
    else o.positional.push_back(a);
  }
  if (o.help || o.version) return o;
  if (o.command.empty()) throw UsageError("no command given");
  const std::size_t want = o.command == "import" ? 1 : o.command == "join" ? 2 : 0;
  if (o.command != "serve" && o.command != "build" && o.command != "import" && o.command != "join")
    throw UsageError("unknown command '" + o.command + "'");
  if (o.positional.size() != want)
    throw UsageError(o.command + " takes " + std::to_string(want) + " argument(s), got " +
                     std::to_string(o.positional.size()));
  return o;
}

}  // namespace server
