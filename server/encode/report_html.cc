#include "server/encode/report_html.h"

#include <cstdio>

#include "server/encode/html.h"

namespace server::encode {

namespace {

constexpr const char* kStyle = R"(
@page { size: A4 portrait; margin: 15mm; }
body { font: 10pt/1.4 "DejaVu Sans", system-ui, sans-serif; color: #141414; max-width: 180mm; margin: 1em auto; padding: 0 1em; }
h1 { font-size: 18pt; margin: .1em 0; }
h2 { font-size: 11.5pt; border-bottom: 1px solid #bebebe; margin: 1.2em 0 .4em; break-after: avoid; }
.kicker, .muted, footer { color: #646464; }
.kicker { font-weight: bold; font-size: 9pt; margin: 0; }
p { margin: .2em 0; }
table.figures { border-collapse: collapse; }
table.figures th { text-align: left; font-weight: normal; padding: 1px 1em 1px 0; }
table.figures td { font-weight: bold; }
figure { margin: .5em 0; border: 1px solid #bebebe; text-align: center; }
figure svg { max-width: 100%; height: auto; }
.legend { font-size: 8pt; list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em 1em; }
.legend span { display: inline-block; width: 14px; height: 8px; border: 1px solid #bebebe; margin-right: .3em; }
ol.initiatives li { margin: .3em 0; break-inside: avoid; }
ol.initiatives small { display: block; color: #646464; }
ol.initiatives .description { display: block; }
footer { border-top: 1px solid #bebebe; margin-top: 2em; font-size: 8pt; }
@media print { .screen-only { display: none; } body { margin: 0; max-width: none; } }
)";

std::string hex(geo::Rgba c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

// SVG path data of polygons, at 0.1 point (the PDF draws the same shapes).
std::string path_data(const std::vector<geo::FlatPolygon>& polys) {
  std::string d;
  char buf[48];
  for (const auto& p : polys)
    for (const auto& ring : p.rings) {
      if (ring.size() < 6) continue;
      for (std::size_t k = 0; k + 1 < ring.size(); k += 2) {
        std::snprintf(buf, sizeof buf, "%c%.1f %.1f", k == 0 ? 'M' : 'L', ring[k], ring[k + 1]);
        d += buf;
      }
      d += 'Z';
    }
  return d;
}

void svg_map(std::string& out, const layers::ReportMap& map) {
  if (map.empty()) {
    out += "<p class=\"muted\">La unidad no tiene geometría en los datos.</p>";
    return;
  }
  char box[96];
  std::snprintf(box, sizeof box, "0 0 %.1f %.1f", map.width, map.height);
  out += "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Mapa\" viewBox=\"";
  out += box;
  std::snprintf(box, sizeof box, "\" width=\"%.0f\" height=\"%.0f\">", map.width, map.height);
  out += box;
  out += "<g fill-rule=\"evenodd\" stroke-linejoin=\"round\">";
  for (const auto& s : map.context)
    out += "<path fill=\"" + hex(s.fill) + "\" stroke=\"" + hex(layers::kContextStroke) + "\" stroke-width=\"0.4\" d=\"" +
           path_data(s.polygons) + "\"/>";
  for (const auto& s : map.communes)
    out += "<path data-code=\"" + html_escape(s.unit->code) + "\" fill=\"" + hex(s.fill) + "\" stroke=\"" +
           hex(layers::kBoundaryColour) + "\" stroke-width=\"0.5\" d=\"" + path_data(s.polygons) + "\"><title>" +
           html_escape(s.unit->name) + "</title></path>";
  out += "<path fill=\"none\" stroke=\"" + hex(layers::kOutlineColour) + "\" stroke-width=\"0.8\" d=\"" +
         path_data(map.outline) + "\"/>";
  out += "</g></svg></figure><ul class=\"legend\"><li>Iniciativas por comuna:</li>";
  for (const auto& c : map.legend)
    out += "<li><span style=\"background:" + hex(c.colour) + "\"></span>" + html_escape(c.label) + "</li>";
  out += "</ul>";
}

void rows(std::string& out, const std::vector<ReportRow>& list) {
  out += "<table class=\"figures\">";
  for (const ReportRow& r : list) out += "<tr><th>" + html_escape(r.label) + "</th><td>" + html_escape(r.value) + "</td></tr>";
  out += "</table>";
}

void initiatives(std::string& out, const std::vector<ReportInitiativeLine>& list, std::size_t more) {
  if (list.empty()) {
    out += "<p>—</p>";
    return;
  }
  out += "<ol class=\"initiatives\">";
  for (const ReportInitiativeLine& l : list) {
    out += "<li data-id=\"" + html_escape(l.id) + "\"><strong>" + html_escape(l.id + " · " + l.name) + "</strong>";
    if (!l.detail.empty()) out += "<small>" + html_escape(l.detail) + "</small>";
    out += "<small>" + html_escape(l.relation) + "</small>";
    if (!l.description.empty()) out += "<span class=\"description\">" + html_escape(l.description) + "</span>";
    out += "</li>";
  }
  out += "</ol>";
  if (more > 0) out += "<p class=\"muted\">… y " + es_int(static_cast<std::int64_t>(more)) + " más</p>";
}

}  // namespace

std::string report_html(const ReportText& t, const layers::ReportMap& map, const std::string& pdf_href) {
  std::string out;
  out.reserve(64 * 1024);
  out += "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>" + html_escape(t.document_title) +
         "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>";
  out += kStyle;
  out += "</style></head><body><header><p class=\"kicker\">Ficha territorial</p><h1>" + html_escape(t.title) + "</h1>";
  out += "<p>" + html_escape(t.subtitle) + "</p>";
  if (!t.parents.empty()) out += "<p>" + html_escape(t.parents) + "</p>";
  out += "<p class=\"muted\">" + html_escape(t.filter) + "</p>";
  out += "<p class=\"screen-only\"><a href=\"" + html_escape(pdf_href) + "\">Ficha (PDF)</a></p></header><main>";
  out += "<section id=\"map\"><h2>" + html_escape(t.map_title) + "</h2>";
  svg_map(out, map);
  out += "<p class=\"muted\">" + html_escape(t.map_note) + "</p></section>";
  out += "<section id=\"figures\"><h2>Cifras</h2>";
  rows(out, t.figures);
  out += "</section><section id=\"gaps\"><h2>" + html_escape(t.gaps_title) + "</h2><p>";
  std::string gaps;
  for (const std::string& g : t.gaps) gaps += (gaps.empty() ? "" : ", ") + g;
  out += html_escape(gaps.empty() ? "—" : gaps) + "</p></section>";
  if (!t.provinces.empty()) {
    out += "<section id=\"provinces\"><h2>Provincias</h2>";
    rows(out, t.provinces);
    out += "</section>";
  }
  out += "<section id=\"divisions\"><h2>Códigos y nombres en ambas divisiones</h2>";
  rows(out, t.divisions);
  out += "</section><section id=\"acting-in\"><h2>Iniciativas que actúan en la unidad (" +
         es_int(static_cast<std::int64_t>(t.acting_in.size() + t.acting_in_more)) + ")</h2>";
  initiatives(out, t.acting_in, t.acting_in_more);
  out += "</section><section id=\"acting-on\"><h2>Iniciativas que actúan sobre la unidad (" +
         es_int(static_cast<std::int64_t>(t.acting_on.size() + t.acting_on_more)) + ")</h2>";
  initiatives(out, t.acting_on, t.acting_on_more);
  out += "</section><section id=\"neighbours\"><h2>Lo que hicieron los vecinos</h2>";
  if (t.neighbours.empty()) out += "<p>" + html_escape(t.neighbours_note) + "</p>";
  else initiatives(out, t.neighbours, t.neighbours_more);
  out += "</section><section id=\"sources\"><h2>Fuentes</h2><ul>";
  for (const ReportRow& r : t.sources) out += "<li>" + html_escape(r.label + ": " + r.value) + "</li>";
  out += "</ul></section></main><footer>" + html_escape(t.footer) + "</footer></body></html>";
  return out;
}

}  // namespace server::encode
