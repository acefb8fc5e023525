#include "server/encode/coverage.h"

#include <cmath>
#include <cstdio>

#include "server/encode/csv.h"
#include "server/encode/json_text.h"

namespace server::encode {

namespace {

double round_to(double v, double scale) { return std::round(v * scale) / scale; }

// {"code":..,"level":..,"name":..}, as server::unit_ref writes it.
void append_unit_ref(std::string& out, const layers::Unit& u) {
  out += "{\"code\":";
  append_json_string(out, u.code);
  out += ",\"level\":";
  append_json_string(out, layers::level_name(u.level));
  out += ",\"name\":";
  append_json_string(out, u.name);
  out += '}';
}

void append_ids(std::string& out, const std::vector<const layers::StoredInitiative*>& list) {
  out += '[';
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, list[i]->initiative.id);
  }
  out += ']';
}

// A rounded number, or null when unset.
void append_optional(std::string& out, const std::optional<double>& v, double scale) {
  if (v)
    append_json_double(out, round_to(*v, scale));
  else
    out += "null";
}

// The CSV text of a rounded figure ("" when unset).
std::string csv_figure(const std::optional<double>& v, const char* format) {
  if (!v) return "";
  char text[32];
  std::snprintf(text, sizeof text, format, *v);
  return text;
}

void append_unit(std::string& out, const layers::UnitCoverage& uc) {
  const layers::Unit& u = *uc.unit;
  out += "{\"acting_in\":";
  append_ids(out, uc.acting_in);
  out += ",\"acting_on_enclosing\":";
  append_ids(out, uc.acting_on_enclosing);
  out += ",\"code\":";
  append_json_string(out, u.code);
  out += uc.covered() ? ",\"covered\":true" : ",\"covered\":false";
  out += ",\"level\":";
  append_json_string(out, layers::level_name(u.level));
  out += ",\"name\":";
  append_json_string(out, u.name);
  out += ",\"nearest_initiative_km\":";
  append_optional(out, uc.nearest_initiative_km, 10);
  out += ",\"neighbours_per_100k\":";
  append_optional(out, uc.neighbours_per_100k, 100);
  out += ",\"parent_code\":";
  if (u.parent_code.empty())
    out += "null";
  else
    append_json_string(out, u.parent_code);
  out += ",\"per_100k\":";
  append_json_double(out, round_to(uc.per_100k(), 100));
  out += ",\"population\":";
  append_json_int(out, u.population);
  out += ",\"total\":";
  append_json_int(out, static_cast<std::int64_t>(uc.total()));
  out += '}';
}

std::string ids(const std::vector<const layers::StoredInitiative*>& list) {
  std::string out;
  for (const auto* s : list) {
    if (!out.empty()) out += ';';
    out += s->initiative.id;
  }
  return out;
}

}  // namespace

std::string coverage_json(const layers::Coverage& c, const layers::Unit* within) {
  std::string out;
  out.reserve(256 + 200 * c.units.size());
  const layers::CoverageSummary& s = c.summary;
  out += "{\"division\":";
  append_json_string(out, layers::division_name(c.division));
  out += ",\"level\":";
  append_json_string(out, layers::level_name(c.level));
  out += ",\"summary\":{\"gaps\":[";
  for (std::size_t i = 0; i < s.gaps.size(); ++i) {
    if (i) out += ',';
    append_unit_ref(out, *s.gaps[i]);
  }
  out += "],\"initiatives\":";
  append_json_int(out, static_cast<std::int64_t>(s.initiatives));
  out += ",\"population\":";
  append_json_int(out, s.population);
  out += ",\"population_covered\":";
  append_json_int(out, s.population_covered);
  out += ",\"population_covered_share_of_chile\":";
  append_json_double(out, round_to(s.population_share_of_chile, 1e4));
  out += ",\"units\":";
  append_json_int(out, static_cast<std::int64_t>(s.units));
  out += ",\"units_covered\":";
  append_json_int(out, static_cast<std::int64_t>(s.units_covered));
  out += "},\"units\":[";
  for (std::size_t i = 0; i < c.units.size(); ++i) {
    if (i) out += ',';
    append_unit(out, c.units[i]);
  }
  out += "],\"within\":";
  if (within)
    append_unit_ref(out, *within);
  else
    out += "null";
  out += '}';
  return out;
}

std::string coverage_csv(const layers::Coverage& c) {
  CsvWriter w;
  w.row({"code", "name", "level", "parent_code", "population", "acting_in", "acting_on_enclosing", "total",
         "per_100k", "covered", "acting_in_ids", "acting_on_enclosing_ids", "nearest_initiative_km",
         "neighbours_per_100k"});
  for (const auto& uc : c.units) {
    char per[32];
    std::snprintf(per, sizeof per, "%.2f", uc.per_100k());
    w.row({uc.unit->code, uc.unit->name, std::string(layers::level_name(uc.unit->level)), uc.unit->parent_code,
           std::to_string(uc.unit->population), std::to_string(uc.acting_in.size()),
           std::to_string(uc.acting_on_enclosing.size()), std::to_string(uc.total()), per,
           uc.covered() ? "true" : "false", ids(uc.acting_in), ids(uc.acting_on_enclosing),
           csv_figure(uc.nearest_initiative_km, "%.1f"), csv_figure(uc.neighbours_per_100k, "%.2f")});
  }
  return w.take();
}

}  // namespace server::encode
