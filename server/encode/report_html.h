#pragma once
// The territory report as one printable HTML page (A4 print CSS), with the
// same words as the PDF (report_text) and the map as inline SVG.
#include <string>

#include "layers/report/report_map.h"
#include "server/encode/report_text.h"

namespace server::encode {

// pdf_href: the address of the same report as PDF, linked from the page.
std::string report_html(const ReportText& text, const layers::ReportMap& map, const std::string& pdf_href);

}  // namespace server::encode
