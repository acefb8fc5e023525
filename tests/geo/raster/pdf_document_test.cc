// The PDF document: pages, vector shapes and text a reader can extract.
#include <gtest/gtest.h>

#include "geo/raster/pdf_document.h"
#include "geo/raster/raster_canvas.h"
#include "tests/support/pdf_tools.h"

namespace {

geo::FlatPolygon square(double x, double y, double side) {
  return {{{x, y, x + side, y, x + side, y + side, x, y + side, x, y}}};
}

TEST(PdfDocument, TextIsExtractedAsWritten) {
  geo::PdfDocument doc(geo::kA4WidthPt, geo::kA4HeightPt, {"Título", "prueba", "territorio"});
  doc.text(50, 100, "Región de Ñuble: 1.234,56", {12, true}, {0, 0, 0, 255});
  doc.next_page();
  doc.text(50, 100, "Segunda página", {10, false}, {0, 0, 0, 255});
  const std::string pdf = doc.finish();
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  EXPECT_NE(pdf.rfind("%%EOF"), std::string::npos);
  EXPECT_EQ(test_support::pdf_pages(pdf), 2);
  EXPECT_EQ(test_support::pdf_text(pdf), "Región de Ñuble: 1.234,56\n\n\fSegunda página\n\n\f");
}

TEST(PdfDocument, InvalidUtf8BecomesAReplacementCharacter) {
  geo::PdfDocument doc(200, 100);
  doc.text(10, 50, std::string("a\xff" "b"), {10, false}, {0, 0, 0, 255});
  EXPECT_EQ(test_support::pdf_text(doc.finish()), "a\xEF\xBF\xBD" "b\n\n\f");
}

TEST(PdfDocument, PolygonsAreDrawnWhereTheySay) {
  // A 72 x 72 pt page at 72 dpi: one pixel per point.
  geo::PdfDocument doc(72, 72);
  doc.draw_polygons({square(10, 10, 20)}, {29, 145, 192, 255}, {255, 255, 255, 255}, 0);
  const geo::RgbaImage img = geo::decode_png(test_support::pdf_page_png(doc.finish(), 1, 72));
  ASSERT_EQ(img.width, 72);
  ASSERT_EQ(img.height, 72);
  EXPECT_EQ(img.at(20, 20), (geo::Rgba{29, 145, 192, 255}));
  EXPECT_EQ(img.at(50, 50), (geo::Rgba{255, 255, 255, 255}));
  std::size_t filled = 0;
  for (const geo::Rgba& p : img.pixels) filled += p == geo::Rgba{29, 145, 192, 255};
  EXPECT_EQ(filled, 400u);  // 20 x 20, its edges on pixel boundaries
}

TEST(PdfDocument, TextWidthGrowsWithTheText) {
  geo::PdfDocument doc(200, 100);
  const double one = doc.text_width("m", {10, false});
  EXPECT_GT(one, 0);
  EXPECT_DOUBLE_EQ(doc.text_width("mm", {10, false}), 2 * one);
  EXPECT_GT(doc.text_width("m", {10, true}), one);
}

}  // namespace
