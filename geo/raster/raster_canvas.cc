#include "geo/raster/raster_canvas.h"

#include <cairo.h>

#include <cstring>
#include <stdexcept>

#include "geo/raster/detail/cairo_path.h"

namespace geo {

struct RasterCanvas::Impl {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  ~Impl() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }
};

namespace {

struct Reader {
  std::string_view data;
  std::size_t pos = 0;
};
cairo_status_t read(void* closure, unsigned char* out, unsigned int length) {
  auto* r = static_cast<Reader*>(closure);
  if (r->data.size() - r->pos < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, r->data.data() + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

RasterCanvas::RasterCanvas(int size_px) : RasterCanvas(size_px, size_px) {}

RasterCanvas::RasterCanvas(int width_px, int height_px)
    : impl_(std::make_unique<Impl>()), width_(width_px), height_(height_px) {
  impl_->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_px, height_px);
  if (cairo_surface_status(impl_->surface) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo: cannot create a surface");
  impl_->cr = cairo_create(impl_->surface);
  cairo_set_antialias(impl_->cr, CAIRO_ANTIALIAS_DEFAULT);
  cairo_set_line_join(impl_->cr, CAIRO_LINE_JOIN_ROUND);
}

RasterCanvas::~RasterCanvas() = default;

void RasterCanvas::draw_polygons(const std::vector<FlatPolygon>& polygons, Rgba fill, Rgba stroke,
                                 double stroke_width) {
  detail::paint_polygons(impl_->cr, polygons, fill, stroke, stroke_width);
}

void RasterCanvas::draw_discs(const std::vector<std::pair<double, double>>& centres, double radius, Rgba fill,
                              Rgba stroke, double stroke_width) {
  cairo_t* cr = impl_->cr;
  for (const auto& [x, y] : centres) {
    cairo_new_path(cr);
    cairo_arc(cr, x, y, radius, 0, 2 * 3.14159265358979323846);
    detail::paint_path(cr, fill, stroke, stroke_width);
  }
}

void RasterCanvas::draw_rectangle(double x, double y, double width, double height, Rgba fill, Rgba stroke,
                                  double stroke_width) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  cairo_rectangle(cr, x, y, width, height);
  detail::paint_path(cr, fill, stroke, stroke_width);
}

double RasterCanvas::draw_text(double x, double y, std::string_view utf8, double size, Rgba colour) {
  cairo_t* cr = impl_->cr;
  const std::string s = detail::valid_utf8(utf8);
  detail::select_font(cr, size, false);
  return detail::show_text(cr, x, y, s, colour);
}

double RasterCanvas::text_width(std::string_view utf8, double size) const {
  cairo_t* cr = impl_->cr;
  const std::string s = detail::valid_utf8(utf8);
  detail::select_font(cr, size, false);
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  return e.x_advance;
}

std::string RasterCanvas::png() const {
  std::string out;
  cairo_surface_flush(impl_->surface);
  if (cairo_surface_write_to_png_stream(impl_->surface, detail::append_to_string, &out) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo: cannot encode PNG");
  return out;
}

RgbaImage decode_png(std::string_view data) {
  Reader r{data};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read, &r);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    throw std::runtime_error("not a PNG image");
  }
  cairo_surface_flush(s);
  RgbaImage img;
  img.width = cairo_image_surface_get_width(s);
  img.height = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* base = cairo_image_surface_get_data(s);
  const cairo_format_t format = cairo_image_surface_get_format(s);
  img.pixels.reserve(static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height));
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      std::uint32_t v;
      std::memcpy(&v, base + y * stride + x * 4, 4);
      const std::uint8_t a = format == CAIRO_FORMAT_RGB24 ? 255 : static_cast<std::uint8_t>(v >> 24);
      // Cairo stores premultiplied alpha: undo it.
      auto un = [a](std::uint32_t c) {
        return static_cast<std::uint8_t>(a == 0 ? 0 : (c * 255 + a / 2) / a);
      };
      img.pixels.push_back({un((v >> 16) & 0xff), un((v >> 8) & 0xff), un(v & 0xff), a});
    }
  cairo_surface_destroy(s);
  return img;
}

}  // namespace geo
