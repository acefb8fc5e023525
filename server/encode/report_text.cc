#include "server/encode/report_text.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "layers/tiles/tiles_palette.h"

namespace server::encode {

namespace {

using layers::Level;

std::string level_word(Level l, bool capital) {
  switch (l) {
    case Level::region: return capital ? "Región" : "región";
    case Level::province: return capital ? "Provincia" : "provincia";
    case Level::commune: return capital ? "Comuna" : "comuna";
  }
  return {};
}

std::string named(const layers::Unit& u) { return u.name + " (" + u.code + ")"; }

std::string plural(std::size_t n, const char* one, const char* many) { return es_int(static_cast<std::int64_t>(n)) + " " + (n == 1 ? one : many); }

std::string relation_text(const layers::RelatedInitiative& r, Level level) {
  switch (r.relation) {
    case layers::Relation::in:
      return r.joined && r.joined->whole ? "actúa en toda la unidad" : "actúa en la unidad";
    case layers::Relation::in_sub_unit:
      return level == Level::region ? "actúa en comunas o provincias de la unidad" : "actúa en comunas de la unidad";
    case layers::Relation::on_enclosing:
      return r.enclosing ? "actúa sobre " + level_word(r.enclosing->level, false) + " " + named(*r.enclosing) + " completa"
                         : "actúa sobre una unidad mayor que la contiene";
  }
  return {};
}

std::string detail_of(const layers::Initiative& i) {
  std::string out;
  const auto add = [&out](const std::string& s) {
    if (s.empty()) return;
    if (!out.empty()) out += " · ";
    out += s;
  };
  add(i.institution);
  if (i.year) add(std::to_string(*i.year));
  add(i.stage.empty() ? "" : "etapa: " + i.stage);
  add(i.award.empty() ? "sin premio" : "premio: " + i.award);
  return out;
}

// Where a neighbour's initiative acts and how that unit relates to the
// report's: "Comuna Pozo Almonte (01401) · misma provincia · a 45,2 km".
std::string nearby_text(const layers::NearbyInitiative& n) {
  std::string out = level_word(n.unit->level, true) + " " + named(*n.unit) + " · ";
  switch (n.relation) {
    case layers::NearbyRelation::adjacent: out += "limítrofe"; break;
    case layers::NearbyRelation::nearest: out += "la más cercana (sin vecinos por tierra)"; break;
    case layers::NearbyRelation::same_province: out += "misma provincia"; break;
    case layers::NearbyRelation::same_region: out += "misma región"; break;
    case layers::NearbyRelation::distance: out += "más lejos"; break;
  }
  if (n.distance_km) out += " · a " + es_decimal(*n.distance_km, 1) + " km";
  if (n.on_enclosing) out += " · actúa sobre una unidad mayor que la contiene";
  return out;
}

std::string division_text(const layers::DivisionView& v, Level level) {
  if (v.units.empty()) return "no existe en esta división";
  std::string out;
  if (v.units.size() > 1) {
    out = "repartida entre " + std::string(level == Level::region ? "las regiones " : "las provincias ");
    for (std::size_t k = 0; k < v.units.size(); ++k) out += (k ? ", " : "") + named(*v.units[k]);
    return out;
  }
  const layers::Unit& u = *v.units[0];
  if (v.larger) out = "parte de la ";
  out += level_word(level, false) + " " + u.name + ", código " + (level == Level::commune ? v.commune_code : u.code);
  if (!v.same_extent && !v.larger) out += " (con otros límites)";
  for (const layers::Unit* p : v.parents) out += "; " + level_word(p->level, false) + " " + named(*p);
  return out;
}

}  // namespace

std::string es_int(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out += digits.substr(0, first);
  for (std::size_t k = first; k < digits.size(); k += 3) out += "." + digits.substr(k, 3);
  return v < 0 ? "-" + out : out;
}

std::string es_decimal(double v, int places) {
  const double scale = std::pow(10.0, places);
  const double rounded = std::round(v * scale) / scale;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, rounded);
  std::string s = buf;
  const auto dot = s.find('.');
  const std::string whole = s.substr(0, dot);
  std::string out = whole.starts_with('-') ? "-" + es_int(std::stoll(whole.substr(1))) : es_int(std::stoll(whole));
  if (dot != std::string::npos) out += "," + s.substr(dot + 1);
  return out;
}

std::string today_utc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

ReportText report_text(const layers::TerritoryReport& r, const layers::ReportMap& map, std::string_view date) {
  const layers::Unit& u = *r.unit;
  const std::string division(layers::division_name(r.division));
  ReportText t;
  t.title = level_word(u.level, true) + " " + u.name;
  t.subtitle = "Código " + u.code + " · División " + division;
  for (auto it = r.parents.begin(); it != r.parents.end(); ++it)
    t.parents += (t.parents.empty() ? "" : " › ") + level_word((*it)->level, true) + " " + named(**it);
  t.filter = r.filter.empty() ? "Todas las iniciativas (sin filtro)" : "Filtro: " + r.filter.key();
  t.document_title = "Ficha territorial: " + t.title + " (" + u.code + ")";

  t.map_title = u.level == Level::commune ? "Mapa: la comuna según sus iniciativas"
                                          : "Mapa: comunas de la " + level_word(u.level, false) + " según sus iniciativas";
  t.map_note = "En gris claro, las unidades vecinas.";
  if (map.outlying_left_out) t.map_note += " Las islas alejadas de la unidad quedan fuera del mapa.";
  for (const layers::ColourClass& c : map.legend)
    t.legend.push_back({c.label, ""});

  const layers::UnitCoverage& f = r.figures;
  t.figures.push_back({"Iniciativas", es_int(static_cast<std::int64_t>(f.total()))});
  t.figures.push_back({"Que actúan en la unidad", es_int(static_cast<std::int64_t>(f.acting_in.size()))});
  t.figures.push_back(
      {"Que actúan sobre una unidad mayor que la contiene", es_int(static_cast<std::int64_t>(f.acting_on_enclosing.size()))});
  t.figures.push_back({"Población (Censo 2017)", es_int(u.population)});
  t.figures.push_back({"Iniciativas por 100.000 habitantes", es_decimal(f.per_100k(), 2)});
  if (u.level != Level::region && r.region.unit)
    t.figures.push_back({"Región " + r.region.unit->name + ", iniciativas por 100.000 habitantes",
                         es_decimal(r.region.per_100k(), 2)});
  t.figures.push_back({"Chile, iniciativas por 100.000 habitantes", es_decimal(r.country_per_100k, 2)});
  const layers::CoverageSummary& s = r.communes.summary;
  if (u.level != Level::commune)
    t.figures.push_back({"Comunas con iniciativas", es_int(static_cast<std::int64_t>(s.units_covered)) + " de " +
                                                        es_int(static_cast<std::int64_t>(s.units))});
  t.figures.push_back({"Población cubierta", es_int(s.population_covered)});
  t.figures.push_back({"Población cubierta, % de la unidad",
                       es_decimal(s.population > 0 ? 100.0 * static_cast<double>(s.population_covered) /
                                                         static_cast<double>(s.population)
                                                   : 0.0,
                                  1) +
                           " %"});

  t.gaps_title = u.level == Level::commune ? "Brecha: la comuna sin iniciativas" : "Brechas: comunas sin iniciativas";
  for (const layers::Unit* g : s.gaps) t.gaps.push_back(named(*g));
  for (const layers::UnitCoverage& p : r.provinces)
    t.provinces.push_back({"Provincia " + named(*p.unit),
                           plural(p.total(), "iniciativa", "iniciativas") + " · " + es_decimal(p.per_100k(), 2) +
                               " por 100.000 hab."});

  for (const layers::DivisionView& v : r.divisions)
    t.divisions.push_back({"División " + std::string(layers::division_name(v.division)), division_text(v, u.level)});

  for (const layers::RelatedInitiative& rel : r.related) {
    const bool on = rel.relation == layers::Relation::on_enclosing;
    auto& list = on ? t.acting_on : t.acting_in;
    if (list.size() >= kMaxReportListLines) {
      ++(on ? t.acting_on_more : t.acting_in_more);
      continue;
    }
    const layers::Initiative& i = rel.initiative->initiative;
    list.push_back({i.id, i.name, detail_of(i), relation_text(rel, u.level), ""});
  }

  for (const layers::NearbyInitiative& n : r.neighbours) {
    const layers::Initiative& i = n.initiative->initiative;
    t.neighbours.push_back({i.id, i.name, "", nearby_text(n), i.sheet.description});
  }
  t.neighbours_more = r.neighbours_total - r.neighbours.size();
  if (t.neighbours.empty()) t.neighbours_note = "Ninguna iniciativa en otras unidades.";

  for (const layers::ReportSource& src : r.sources) t.sources.push_back({src.what, src.source});
  t.footer = "territorio · generación " + std::to_string(r.generation) + " · " + std::string(date);
  return t;
}

}  // namespace server::encode
