#pragma once
// The territory report as a PDF: A4 portrait, vector map, selectable text
// (DejaVu Sans), page numbers, generation and date in every footer.
#include <string>
#include <string_view>

#include "layers/report/report_map.h"
#include "server/encode/report_text.h"

namespace server::encode {

// The frame the report's map must fit, in points (layers::build_report_map).
inline constexpr double kReportMapWidthPt = 511;
inline constexpr double kReportMapHeightPt = 330;

inline constexpr std::string_view kPdfMediaType = "application/pdf";

std::string report_pdf(const ReportText& text, const layers::ReportMap& map);

}  // namespace server::encode
