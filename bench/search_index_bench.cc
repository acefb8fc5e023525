// What the full-text index of the initiatives costs: the whole build
// (with every snapshot load), the copy and change a write makes (with every
// write's snapshot), and queries, over N generated records named like
// bench/snapshot_changes_bench.cc's ("Iniciativa de prueba i",
// "Municipalidad i % 345"), one in ten with a description and a remark.
// Usage: territorio_search_index_bench [--records N] [--repeat R]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "layers/search/initiative_search.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

layers::StoredInitiative make(std::size_t i) {
  layers::StoredInitiative s;
  s.initiative.id = "b" + std::to_string(i);
  s.initiative.name = "Iniciativa de prueba " + std::to_string(i);
  s.initiative.institution = "Municipalidad " + std::to_string(i % 345);
  if (i % 10 == 0) {
    s.initiative.sheet.description = "Presupuestos participativos en la comuna " + std::to_string(i % 345) + ".";
    s.initiative.sheet.remark(layers::Dimension::participation) = {
        "decisión sobre proyectos (por ej. Presupuestos Participativos en la comuna)", "4.2.4 b)"};
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t records = 100'000, repeat = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--records") records = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--repeat") repeat = std::strtoull(argv[i + 1], nullptr, 10);
  }
  std::vector<layers::StoredInitiative> v;
  for (std::size_t i = 0; i < records; ++i) v.push_back(make(i));
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.initiative.id < b.initiative.id; });
  const layers::InitiativeList list = layers::InitiativeList::of(std::move(v));

  std::vector<double> build, derive, selective, broad;
  std::unique_ptr<layers::InitiativeSearch> index;
  for (std::size_t r = 0; r < repeat; ++r) {
    auto t0 = Clock::now();
    index = std::make_unique<layers::InitiativeSearch>(list);
    build.push_back(ms_since(t0));
  }
  for (std::size_t r = 0; r < repeat; ++r) {
    layers::StoredInitiative changed = layers::copy_record(list[r]);
    changed.initiative.sheet.description = "Cambiada " + std::to_string(r);
    std::vector<layers::InitiativeChange> changes;
    changes.push_back({changed.initiative.id, std::move(changed), 0});
    const layers::ListUpdate update = layers::apply_changes(list, changes, 2);
    auto t0 = Clock::now();
    layers::InitiativeSearch next(*index, update.records, {changes.front().id});
    derive.push_back(ms_since(t0));
  }
  const auto one = layers::parse_search_text("prueba 4242");
  const auto many = layers::parse_search_text("presupuestos participativos");
  std::size_t hits = 0;
  for (std::size_t r = 0; r < repeat; ++r) {
    auto t0 = Clock::now();
    hits += index->search(list, one, 10).size();
    selective.push_back(ms_since(t0));
    t0 = Clock::now();
    hits += index->search(list, many, 10).size();
    broad.push_back(ms_since(t0));
  }
  std::printf("records %zu: build %.1f ms, write's copy+change %.2f ms, query 'prueba 4242' %.2f ms, "
              "'presupuestos participativos' (%zu matches of 10%%) %.2f ms (median of %zu; %zu hits)\n",
              records, median(build), median(derive), median(selective), records / 10, median(broad), repeat, hits);
}
