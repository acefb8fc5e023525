#pragma once
// The words of a territory report, in Spanish, from its document model
// (layers/report): every line the PDF and the HTML page show, written once
// here so both say exactly the same, with Chilean number formats
// (1.556.805; 1,23).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "layers/report/report_map.h"
#include "layers/report/territory_report.h"

namespace server::encode {

// 1556805 -> "1.556.805".
std::string es_int(std::int64_t v);
// v rounded to `places` decimals as /coverage rounds it, with a decimal comma: 1.2345, 2 -> "1,23".
std::string es_decimal(double v, int places);
// Today's date in UTC, "2026-12-07".
std::string today_utc();

struct ReportRow {
  std::string label, value;
};

struct ReportInitiativeLine {
  std::string id, name;
  std::string detail;       // institution · year · stage · award ("" for a neighbour's)
  std::string relation;     // how it relates to the unit
  std::string description;  // its sheet's one line, shown for a neighbour's ("" if none)
};

// Lists are cut at this many lines, with a last line saying how many more.
inline constexpr std::size_t kMaxReportListLines = 300;

struct ReportText {
  std::string title;     // "Región Biobío"
  std::string subtitle;  // "Código 08 · División 2018"
  std::string parents;   // "Provincia Concepción › Región Biobío" (empty for a region)
  std::string filter;    // "Filtro: ..." or "Todas las iniciativas (sin filtro)"
  std::string map_title, map_note;
  std::vector<ReportRow> legend;  // colour label (in the legend's order) -> ""
  std::vector<ReportRow> figures;
  std::string gaps_title;
  std::vector<std::string> gaps;    // "Name (code)"; empty: "—"
  std::vector<ReportRow> provinces;  // a region's provinces
  std::vector<ReportRow> divisions;
  std::vector<ReportInitiativeLine> acting_in, acting_on;
  std::size_t acting_in_more = 0, acting_on_more = 0;  // left out beyond kMaxReportListLines
  // What the neighbours did: relation "Comuna Pozo Almonte (01401) · misma
  // provincia · a 45,2 km"; more: how many nearby initiatives are left out.
  std::vector<ReportInitiativeLine> neighbours;
  std::size_t neighbours_more = 0;
  std::string neighbours_note;  // shown when there is no neighbour line
  std::vector<ReportRow> sources;
  std::string footer;           // "territorio · generación 12 · 2026-12-07"
  std::string document_title;   // "Ficha territorial: Región Biobío (08)"
};

// map: the report's map, for what its note says.
ReportText report_text(const layers::TerritoryReport& report, const layers::ReportMap& map, std::string_view date);

}  // namespace server::encode
