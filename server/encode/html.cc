#include "server/encode/html.h"

#include <set>

namespace server::encode {
namespace {

bool is_url(const std::string& s) { return s.starts_with("http://") || s.starts_with("https://"); }

void render(std::string& out, const nlohmann::json& v, int depth, Language lang);
void render_member(std::string& out, const std::string& name, const nlohmann::json& v, int depth, Language lang);

void render_link_list(std::string& out, const nlohmann::json& links, Language lang) {
  out += "<ul class=\"links\">";
  for (const auto& l : links) {
    const std::string href = l.value("href", "");
    out += "<li><a href=\"" + html_escape(href) + "\">" + html_escape(translate(lang, l.value("title", href))) + "</a> <small>rel=" +
           html_escape(l.value("rel", "")) + (l.contains("type") ? " type=" + html_escape(l.value("type", "")) : "") +
           "</small></li>";
  }
  out += "</ul>";
}

bool is_link_array(const nlohmann::json& v) {
  if (!v.is_array() || v.empty()) return false;
  for (const auto& e : v)
    if (!e.is_object() || !e.contains("href")) return false;
  return true;
}

void render_scalar(std::string& out, const nlohmann::json& v) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (is_url(s))
      out += "<a href=\"" + html_escape(s) + "\">" + html_escape(s) + "</a>";
    else
      out += html_escape(s);
  } else if (v.is_null()) {
    out += "<span class=\"null\">null</span>";
  } else {
    out += html_escape(v.dump());
  }
}

void render_table_of_objects(std::string& out, const nlohmann::json& rows, int depth, Language lang) {
  std::vector<std::string> columns;
  std::set<std::string> seen;
  for (const auto& r : rows)
    for (const auto& [k, _] : r.items())
      if (seen.insert(k).second) columns.push_back(k);
  out += "<table><thead><tr>";
  for (const auto& c : columns) out += "<th>" + html_escape(member_label(lang, c)) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& r : rows) {
    out += "<tr>";
    for (const auto& c : columns) {
      out += "<td>";
      if (r.contains(c)) render_member(out, c, r.at(c), depth + 1, lang);
      out += "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
}

// A member's value: the text of a title or description in the page's language.
void render_member(std::string& out, const std::string& name, const nlohmann::json& v, int depth, Language lang) {
  if ((name == "title" || name == "description") && v.is_string())
    out += html_escape(translate(lang, v.get<std::string>()));
  else
    render(out, v, depth, lang);
}

void render(std::string& out, const nlohmann::json& v, int depth, Language lang) {
  if (depth > 32) {
    out += html_escape(v.dump());
    return;
  }
  if (v.is_object()) {
    out += "<table class=\"object\">";
    for (const auto& [k, e] : v.items()) {
      out += "<tr><th>" + html_escape(member_label(lang, k)) + "</th><td>";
      render_member(out, k, e, depth + 1, lang);
      out += "</td></tr>";
    }
    out += "</table>";
  } else if (is_link_array(v)) {
    render_link_list(out, v, lang);
  } else if (v.is_array()) {
    bool objects = !v.empty();
    for (const auto& e : v) objects = objects && e.is_object();
    if (objects) {
      render_table_of_objects(out, v, depth, lang);
    } else {
      out += "<ul>";
      for (const auto& e : v) {
        out += "<li>";
        render(out, e, depth + 1, lang);
        out += "</li>";
      }
      out += "</ul>";
    }
  } else {
    render_scalar(out, v);
  }
}

// Draws every geometry of the embedded GeoJSON, fitted to the canvas.
constexpr std::string_view kMapScript = R"JS(
(function () {
  var data = JSON.parse(document.getElementById('features').textContent);
  var feats = data.type === 'FeatureCollection' ? data.features : [data];
  var canvas = document.getElementById('map'), ctx = canvas.getContext('2d');
  var rings = [], points = [];
  function walk(g) {
    if (!g) return;
    var c = g.coordinates;
    if (g.type === 'Point') points.push(c);
    else if (g.type === 'MultiPoint') points.push.apply(points, c);
    else if (g.type === 'LineString') rings.push(c);
    else if (g.type === 'Polygon' || g.type === 'MultiLineString') rings.push.apply(rings, c);
    else if (g.type === 'MultiPolygon') c.forEach(function (p) { rings.push.apply(rings, p); });
    else if (g.type === 'GeometryCollection') g.geometries.forEach(walk);
  }
  feats.forEach(function (f) { walk(f.geometry); });
  var all = points.slice(); rings.forEach(function (r) { all.push.apply(all, r); });
  if (!all.length) { canvas.style.display = 'none'; return; }
  var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  all.forEach(function (p) { x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); });
  var w = canvas.width, h = canvas.height, s = Math.min((w - 20) / ((x1 - x0) || 1e-9), (h - 20) / ((y1 - y0) || 1e-9));
  function X(p) { return 10 + (p[0] - x0) * s; } function Y(p) { return h - 10 - (p[1] - y0) * s; }
  ctx.fillStyle = 'rgba(30,110,180,0.25)'; ctx.strokeStyle = '#1e6eb4'; ctx.lineWidth = 1;
  rings.forEach(function (r) { ctx.beginPath(); r.forEach(function (p, i) { i ? ctx.lineTo(X(p), Y(p)) : ctx.moveTo(X(p), Y(p)); }); ctx.fill(); ctx.stroke(); });
  ctx.fillStyle = '#c0392b';
  points.forEach(function (p) { ctx.beginPath(); ctx.arc(X(p), Y(p), 2.5, 0, 6.3); ctx.fill(); });
})();
)JS";

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_page(const std::string& title, const nlohmann::json& document, std::string_view geojson,
                      Language language) {
  const std::string shown_title = translate(language, title);
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(language_tag(language)) +
                    "\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>";
  out += html_escape(shown_title);
  out +=
      " - territorio</title><style>body{font-family:sans-serif;margin:1em 2em;color:#222}"
      "table{border-collapse:collapse;margin:.3em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;"
      "vertical-align:top;font-size:90%}th{background:#f3f3f3}.null{color:#999}canvas{border:1px solid #ccc;"
      "background:#fafcff}small{color:#666}</style></head><body>\n<nav><a href=\"/\">territorio</a> · "
      "<a href=\"/collections\">" + translate(language, "collections") + "</a> · <a href=\"/api?f=html\">API</a> · "
      "<a href=\"/map\">" + translate(language, "map") + "</a></nav>\n<h1>";
  out += html_escape(shown_title);
  out += "</h1>\n";
  if (!geojson.empty()) out += "<canvas id=\"map\" width=\"640\" height=\"400\"></canvas>\n";
  render(out, document, 0, language);
  if (!geojson.empty()) {
    out += "\n<script type=\"application/json\" id=\"features\">";
    // "</" would end the script element early.
    std::size_t start = 0;
    while (true) {
      const std::size_t p = geojson.find("</", start);
      out.append(geojson.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
      if (p == std::string_view::npos) break;
      out += "<\\/";
      start = p + 2;
    }
    out += "</script>\n<script>";
    out += kMapScript;
    out += "</script>";
  }
  out += "\n</body></html>\n";
  return out;
}

}  // namespace server::encode
