// The territorio binary: sub-commands serve, build, import, join, token,
// audit and export-tiles. Named exceptions become messages and exit codes
// here and nowhere else.
#include <cstdio>
#include <exception>

#include "geo/error.h"
#include "layers/errors.h"
#include "server/commands.h"
#include "server/options.h"

int main(int argc, char** argv) {
  try {
    const server::Options options = server::parse_options(argc, argv);
    if (options.help) {
      std::fputs(server::usage().c_str(), stdout);
      return 0;
    }
    if (options.version) {
      std::puts("territorio " TERRITORIO_VERSION);
      return 0;
    }
    return server::run_command(options);
  } catch (const server::UsageError& e) {
    std::fprintf(stderr, "territorio: %s\n\n%s", e.what(), server::usage().c_str());
    return 2;
  } catch (const layers::DomainError& e) {
    // A request the data refuses (export-tiles: an unknown --within code, an area too large).
    std::fprintf(stderr, "territorio: %s\n", e.what());
    return e.fault == layers::Fault::invalid ? 2 : 1;
  } catch (const layers::ImportError& e) {
    std::fprintf(stderr, "territorio: import failed, nothing was written: %s\n", e.what());
    return 1;
  } catch (const layers::DataError& e) {
    std::fprintf(stderr, "territorio: %s\n", e.what());
    return 1;
  } catch (const geo::Error& e) {
    std::fprintf(stderr, "territorio: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "territorio: unexpected error: %s\n", e.what());
    return 70;
  }
}
