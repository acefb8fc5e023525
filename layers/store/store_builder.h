#pragma once
// Building the embedded store from the bundled data, and importing further
// initiative sources into it.
#include <string>
#include <vector>

#include "layers/store/store.h"

namespace layers {

struct ImportReport {
  std::size_t imported = 0;
  std::vector<std::string> notes;  // repairs and snaps
};

// Builds data/ into a new store at locator (a file path, or a postgresql://
// database holding no store): a file is written to "<path>.building" and
// renamed only when complete, a database in one transaction, so an
// interrupted build leaves nothing behind. Imports data/initiatives_seed.csv.
ImportReport build_store(const std::string& data_dir, const std::string& locator, const Progress& progress = {});

// Imports a GDAL vector source of initiatives into an existing store in one
// transaction; on any bad record nothing is written and ImportError says which.
ImportReport import_into_store(const std::string& locator, const std::string& source, const Progress& progress = {});

}  // namespace layers
