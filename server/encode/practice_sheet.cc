#include "server/encode/practice_sheet.h"

#include "server/encode/html.h"

namespace server::encode {

namespace {
using nlohmann::json;

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// One row of the facts table, left out when the record has no value.
void fact(std::string& out, const char* label, const std::string& value) {
  if (value.empty()) return;
  out += "<tr><th>";
  out += label;
  out += "</th><td>" + html_escape(value) + "</td></tr>";
}

// The names of the units of one level the record reaches (2018 division).
std::string unit_names(const layers::Catalog& catalog, const layers::StoredInitiative& s, layers::Level level) {
  std::string out;
  for (const layers::JoinedUnit& u : s.units) {
    if (u.division != layers::Division::d2018 || u.level != level) continue;
    const layers::Unit* unit = catalog.find(u.division, u.code);
    if (!out.empty()) out += ", ";
    out += unit ? unit->name + " (" + u.code + ")" : u.code;
  }
  return out;
}

constexpr const char* kStyle =
    "body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "line-height:1.45;color:#111}h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;"
    "border-bottom:1px solid #999}h3{font-size:1em;margin:1.1em 0 .3em}.description{font-size:1.08em}"
    "table.facts{border-collapse:collapse}table.facts th{text-align:left;padding:.15em 1em .15em 0;"
    "vertical-align:top;font-weight:normal;color:#444}blockquote{margin:.2em 0;padding-left:.8em;"
    "border-left:3px solid #888}.section,.unknown,footer{color:#555}.unknown{font-style:italic}"
    "footer{margin-top:2em;font-size:.85em;border-top:1px solid #ccc;padding-top:.5em}"
    "@media print{.noprint{display:none}a{color:inherit;text-decoration:none}body{margin:0}}";

}  // namespace

json practice_sheet_json(const layers::PracticeSheet& sheet) {
  json dimensions = json::array();
  for (layers::Dimension d : layers::kAllDimensions) {
    const layers::Remark& r = sheet.remark(d);
    dimensions.push_back({{"dimension", std::string(layers::dimension_name(d))},
                          {"label", std::string(layers::dimension_label(d))},
                          {"remark", text_or_null(r.text)},
                          {"section", text_or_null(r.section)}});
  }
  return {{"description", text_or_null(sheet.description)}, {"dimensions", dimensions}};
}

std::string practice_sheet_html(const layers::Catalog& catalog, const layers::StoredInitiative& s) {
  const layers::Initiative& in = s.initiative;
  std::string out = "<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Ficha: " +
                    html_escape(in.name) + "</title><style>" + kStyle + "</style></head><body>";
  out += "<p class=\"noprint\"><a href=\"/map\">Mapa</a> · <a href=\"?f=json\">JSON</a> · "
         "<a href=\"javascript:print()\" onclick=\"print();return false\">Imprimir</a></p>";
  out += "<h1>" + html_escape(in.name) + "</h1>";
  out += in.sheet.description.empty()
             ? "<p class=\"description unknown\">La fuente no describe esta iniciativa.</p>"
             : "<p class=\"description\">" + html_escape(in.sheet.description) + "</p>";
  out += "<table class=\"facts\">";
  fact(out, "Identificador", in.id);
  fact(out, "Institución", in.institution);
  fact(out, "Tipo de institución", in.institution_type);
  fact(out, "Región (según la fuente)", in.region_recorded);
  fact(out, "Área", in.area);
  fact(out, "Ámbito temático", in.thematic_field);
  fact(out, "Alcance", in.scope);
  fact(out, "Ruralidad", in.rurality);
  fact(out, "Concurso", in.contest);
  fact(out, "Año", in.year ? std::to_string(*in.year) : "");
  fact(out, "Etapa", in.stage);
  fact(out, "Premio", in.award);
  fact(out, "Regiones", unit_names(catalog, s, layers::Level::region));
  fact(out, "Provincias", unit_names(catalog, s, layers::Level::province));
  fact(out, "Comunas", unit_names(catalog, s, layers::Level::commune));
  out += "</table>";
  out += "<h2>Lo que dice el informe, por dimensión</h2>";
  for (layers::Dimension d : layers::kAllDimensions) {
    const layers::Remark& r = in.sheet.remark(d);
    out += "<h3>" + html_escape(std::string(layers::dimension_label(d))) + " <span class=\"section\">(sección " +
           std::string(layers::dimension_section(d)) + ")</span></h3>";
    if (r.text.empty())
      out += "<p class=\"unknown\">La fuente no dice nada de esta iniciativa en esta dimensión.</p>";
    else
      out += "<blockquote>«" + html_escape(r.text) + "»</blockquote><p class=\"section\">Sección " +
             html_escape(r.section) + "</p>";
  }
  out += "<footer>Las observaciones son citas textuales breves de la fuente del registro, con su sección, "
         "para referencia; para las iniciativas del Primer Concurso, el informe de análisis del área "
         "político-institucional del Sistema de Buenas Prácticas para el Desarrollo de los Territorios (SUBDERE). "
         "Donde la fuente no dice nada, la ficha no lo suple.</footer></body></html>";
  return out;
}

}  // namespace server::encode
