#pragma once
// The bundled practice sheets (data/practice_sheets.csv: id, description,
// remark_<dimension>, remark_<dimension>_section; data/SOURCES.md) laid
// over the seed records when the store is built, as if the seed file had
// those columns: each sheet field with a value is read as import reads it
// and kept among the record's attributes, so items show it.
#include <string>
#include <vector>

#include "layers/store/initiative_source.h"

namespace layers {

// Throws DataError naming the file and line for an id no record has, a
// repeated id, a column that is not a sheet field, or a field that
// read_sheet_fields refuses.
void apply_practice_sheets(const std::string& csv_path, std::vector<SourceRecord>& records);

}  // namespace layers
