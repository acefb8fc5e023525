#include "layers/store/practice_sheets.h"

#include <set>
#include <unordered_map>

#include "layers/errors.h"
#include "layers/model/initiative_fields.h"
#include "layers/store/csv_table.h"

namespace layers {

namespace {
bool is_sheet_field(const std::string& name) {
  if (name == "description") return true;
  for (Dimension d : kAllDimensions)
    if (name == remark_field(d) || name == section_field(d)) return true;
  return false;
}
}  // namespace

void apply_practice_sheets(const std::string& csv_path, std::vector<SourceRecord>& records) {
  const CsvTable table = read_csv(csv_path);
  const std::size_t id_column = table.column("id");
  for (const std::string& name : table.header)
    if (name != "id" && !is_sheet_field(name))
      throw DataError(csv_path + ": column '" + name + "' is not a practice sheet field");
  std::unordered_map<std::string, SourceRecord*> by_id;
  for (SourceRecord& r : records) by_id[r.initiative.id] = &r;
  std::set<std::string> seen;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const auto& fields = table.rows[row];
    const std::string where = csv_path + ": line " + std::to_string(row + 2);
    const std::string& id = fields[id_column];
    const auto it = by_id.find(id);
    if (it == by_id.end()) throw DataError(where + ": no initiative has id '" + id + "'");
    if (!seen.insert(id).second) throw DataError(where + ": a second sheet for id '" + id + "'");
    Initiative& in = it->second->initiative;
    const FieldLookup get = [&](std::string_view name) {
      for (std::size_t c = 0; c < table.header.size(); ++c)
        if (table.header[c] == name) return trim_blanks(fields[c]);
      return std::string();
    };
    try {
      read_sheet_fields(get, in.sheet);
    } catch (const FieldError& e) {
      throw DataError(where + ": " + e.what());
    }
    for (std::size_t c = 0; c < table.header.size(); ++c)
      if (c != id_column && !trim_blanks(fields[c]).empty()) in.attributes.emplace_back(table.header[c], trim_blanks(fields[c]));
  }
}

}  // namespace layers
