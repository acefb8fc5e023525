#include "geo/raster/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <stdexcept>

#include "geo/raster/detail/cairo_path.h"

namespace geo {

struct PdfDocument::Impl {
  std::string bytes;  // declared first: the surface writes into it until destroyed
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  bool finished = false;
  ~Impl() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }
};

namespace {

void select_font(cairo_t* cr, PdfFont font) { detail::select_font(cr, font.size, font.bold); }

using detail::valid_utf8;

void check(cairo_t* cr, cairo_surface_t* surface) {
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS || cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo pdf: ") +
                             cairo_status_to_string(cairo_status(cr) != CAIRO_STATUS_SUCCESS
                                                        ? cairo_status(cr)
                                                        : cairo_surface_status(surface)));
}

}  // namespace

PdfDocument::PdfDocument(double width_pt, double height_pt, const PdfMetadata& metadata)
    : impl_(std::make_unique<Impl>()), width_(width_pt), height_(height_pt) {
  impl_->surface = cairo_pdf_surface_create_for_stream(detail::append_to_string, &impl_->bytes, width_pt, height_pt);
  if (cairo_surface_status(impl_->surface) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo pdf: cannot create a surface");
  const auto meta = [this](cairo_pdf_metadata_t key, const std::string& value) {
    if (!value.empty()) cairo_pdf_surface_set_metadata(impl_->surface, key, valid_utf8(value).c_str());
  };
  meta(CAIRO_PDF_METADATA_TITLE, metadata.title);
  meta(CAIRO_PDF_METADATA_SUBJECT, metadata.subject);
  meta(CAIRO_PDF_METADATA_CREATOR, metadata.creator);
  impl_->cr = cairo_create(impl_->surface);
  cairo_set_line_join(impl_->cr, CAIRO_LINE_JOIN_ROUND);
  check(impl_->cr, impl_->surface);
}

PdfDocument::~PdfDocument() = default;

void PdfDocument::draw_polygons(const std::vector<FlatPolygon>& polygons, Rgba fill, Rgba stroke,
                                double stroke_width) {
  detail::paint_polygons(impl_->cr, polygons, fill, stroke, stroke_width);
}

void PdfDocument::stroke_polygons(const std::vector<FlatPolygon>& polygons, Rgba stroke, double stroke_width) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  detail::trace_polygons(cr, polygons);
  detail::set_colour(cr, stroke);
  cairo_set_line_width(cr, stroke_width);
  cairo_stroke(cr);
}

void PdfDocument::fill_rect(double x, double y, double w, double h, Rgba fill) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  cairo_rectangle(cr, x, y, w, h);
  detail::set_colour(cr, fill);
  cairo_fill(cr);
}

void PdfDocument::stroke_rect(double x, double y, double w, double h, Rgba stroke, double stroke_width) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  cairo_rectangle(cr, x, y, w, h);
  detail::set_colour(cr, stroke);
  cairo_set_line_width(cr, stroke_width);
  cairo_stroke(cr);
}

void PdfDocument::line(double x0, double y0, double x1, double y1, Rgba colour, double stroke_width) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  detail::set_colour(cr, colour);
  cairo_set_line_width(cr, stroke_width);
  cairo_stroke(cr);
}

void PdfDocument::push_clip(double x, double y, double w, double h) {
  cairo_t* cr = impl_->cr;
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_clip(cr);
}

void PdfDocument::pop_clip() { cairo_restore(impl_->cr); }

double PdfDocument::text(double x, double y, std::string_view utf8, PdfFont font, Rgba colour) {
  cairo_t* cr = impl_->cr;
  const std::string s = valid_utf8(utf8);
  select_font(cr, font);
  return detail::show_text(cr, x, y, s, colour);
}

double PdfDocument::text_width(std::string_view utf8, PdfFont font) const {
  cairo_t* cr = impl_->cr;
  const std::string s = valid_utf8(utf8);
  select_font(cr, font);
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  return e.x_advance;
}

void PdfDocument::next_page() {
  cairo_show_page(impl_->cr);
  check(impl_->cr, impl_->surface);
}

std::string PdfDocument::finish() {
  if (impl_->finished) throw std::logic_error("PdfDocument::finish called twice");
  impl_->finished = true;
  check(impl_->cr, impl_->surface);
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);
  if (cairo_surface_status(impl_->surface) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo pdf: cannot finish the document");
  cairo_surface_destroy(impl_->surface);
  impl_->surface = nullptr;
  return std::move(impl_->bytes);
}

}  // namespace geo
