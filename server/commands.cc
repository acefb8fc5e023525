#include "server/commands.h"

#include <cstdio>
#include <filesystem>

#include "layers/batch_join.h"
#include "layers/registry.h"
#include "layers/store_builder.h"
#include "server/progress_bar.h"
#include "server/serve.h"

namespace server {

namespace {
void print_notes(const std::vector<std::string>& notes) {
  for (const auto& n : notes) std::fprintf(stderr, "note: %s\n", n.c_str());
}

int build(const Options& o) {
  if (o.force) std::filesystem::remove(o.store);
  ProgressBar bar;
  const auto report = layers::build_store(o.data_dir, o.store, std::ref(bar));
  bar.finish();
  print_notes(report.notes);
  std::fprintf(stderr, "built %s: %zu initiatives\n", o.store.c_str(), report.imported);
  return 0;
}

int import(const Options& o) {
  ProgressBar bar;
  const auto report = layers::import_into_store(o.store, o.positional[0], std::ref(bar));
  bar.finish();
  print_notes(report.notes);
  std::fprintf(stderr, "imported %zu initiatives into %s\n", report.imported, o.store.c_str());
  return 0;
}

int join(const Options& o) {
  const auto registry = layers::Registry::load(o.store);
  ProgressBar bar;
  const auto report = layers::batch_join(registry->catalog(), o.positional[0], o.positional[1], std::ref(bar));
  bar.finish();
  std::fprintf(stderr, "joined %zu records into %s:", report.records, o.positional[1].c_str());
  for (const auto& [basis, n] : report.by_basis) std::fprintf(stderr, " %s=%zu", basis.c_str(), n);
  std::fputc('\n', stderr);
  return 0;
}
}  // namespace

int run_command(const Options& o) {
  if (o.command == "build") return build(o);
  if (o.command == "import") return import(o);
  if (o.command == "join") return join(o);
  if (!layers::Store::exists(o.store)) {
    std::fprintf(stderr, "store %s not found: building it from %s\n", o.store.c_str(), o.data_dir.c_str());
    build(o);
  }
  return serve(o);
}

}  // namespace server
