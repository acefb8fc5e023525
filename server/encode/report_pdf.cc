#include "server/encode/report_pdf.h"

#include <sstream>

#include "geo/raster/pdf_document.h"

namespace server::encode {

namespace {

using geo::PdfFont;
using geo::Rgba;

constexpr double kMargin = 42;  // about 15 mm
constexpr double kTop = 50;
constexpr double kBottom = geo::kA4HeightPt - 56;  // the footer lies below
constexpr double kWidth = geo::kA4WidthPt - 2 * kMargin;
constexpr Rgba kInk{20, 20, 20, 255};
constexpr Rgba kGrey{100, 100, 100, 255};
constexpr Rgba kRule{190, 190, 190, 255};
constexpr PdfFont kBody{9.5, false};
constexpr PdfFont kBold{9.5, true};
constexpr PdfFont kSmall{8, false};

double line_height(PdfFont f) { return f.size * 1.4; }

// Lays the report out from top to bottom, breaking pages where the next
// block would not fit. Run twice: first only measuring (draw false) to
// count the pages, then drawing with "página i de n" known.
class Flow {
 public:
  Flow(geo::PdfDocument& doc, bool draw, int pages, std::string footer)
      : doc_(doc), draw_(draw), pages_(pages), footer_(std::move(footer)) {}

  int page() const { return page_; }
  double y() const { return y_; }
  void advance(double h) { y_ += h; }
  bool drawing() const { return draw_; }
  geo::PdfDocument& doc() { return doc_; }

  void need(double h) {
    if (y_ + h > kBottom && y_ > kTop) break_page();
  }

  void break_page() {
    footer();
    if (draw_) doc_.next_page();
    ++page_;
    y_ = kTop;
  }

  // Ends the last page: its footer.
  void end() { footer(); }

  void text(double x, double baseline, const std::string& s, PdfFont f, Rgba c) {
    if (draw_) doc_.text(x, baseline, s, f, c);
  }

  // Words of s in lines of at most width points (a word longer than a line stands alone).
  std::vector<std::string> wrap(const std::string& s, PdfFont f, double width) const {
    std::vector<std::string> lines;
    std::istringstream words(s);
    std::string word, line;
    while (words >> word) {
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (!line.empty() && doc_.text_width(candidate, f) > width) {
        lines.push_back(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
  }

  void paragraph(const std::string& s, PdfFont f, Rgba c, double indent = 0) {
    for (const std::string& l : wrap(s, f, kWidth - indent)) {
      need(line_height(f));
      y_ += line_height(f);
      text(kMargin + indent, y_ - f.size * 0.3, l, f, c);
    }
  }

  // "label: value", the value in bold, wrapped as one text.
  void field(const std::string& label, const std::string& value, double indent = 0) {
    struct Word {
      std::string text;
      PdfFont font;
    };
    std::vector<Word> words;
    const auto split = [&words](const std::string& s, PdfFont f) {
      std::istringstream in(s);
      std::string w;
      while (in >> w) words.push_back({w, f});
    };
    split(label + ":", kBody);
    split(value, kBold);
    const double space = doc_.text_width(" ", kBody);
    std::size_t k = 0;
    while (k < words.size()) {
      // The words of this line: as many as fit, at least one.
      std::size_t end = k + 1;
      double w = doc_.text_width(words[k].text, words[k].font);
      while (end < words.size()) {
        const double next = space + doc_.text_width(words[end].text, words[end].font);
        if (w + next > kWidth - indent) break;
        w += next;
        ++end;
      }
      need(line_height(kBody));
      y_ += line_height(kBody);
      const double baseline = y_ - kBody.size * 0.3;
      // Runs of one font each, so text extraction keeps the words together.
      double x = kMargin + indent;
      for (std::size_t a = k; a < end;) {
        std::size_t b = a + 1;
        while (b < end && words[b].font.bold == words[a].font.bold) ++b;
        std::string run;
        for (std::size_t i = a; i < b; ++i) run += (i > a ? " " : "") + words[i].text;
        if (b < end) run += " ";
        text(x, baseline, run, words[a].font, kInk);
        x += doc_.text_width(run, words[a].font);
        a = b;
      }
      k = end;
    }
  }

  void heading(const std::string& s) {
    need(22 + 2 * line_height(kBody));  // never a heading alone at the foot of a page
    y_ += 12;
    y_ += 13;
    text(kMargin, y_ - 3, s, PdfFont{11.5, true}, kInk);
    if (draw_) doc_.line(kMargin, y_ + 1, kMargin + kWidth, y_ + 1, kRule, 0.6);
    y_ += 3;
  }

 private:
  void footer() {
    if (!draw_) return;
    const double y = geo::kA4HeightPt - 34;
    doc_.line(kMargin, y - 11, kMargin + kWidth, y - 11, kRule, 0.5);
    doc_.text(kMargin, y, footer_, kSmall, kGrey);
    const std::string n = "Página " + std::to_string(page_) + " de " + std::to_string(pages_);
    doc_.text(kMargin + kWidth - doc_.text_width(n, kSmall), y, n, kSmall, kGrey);
  }

  geo::PdfDocument& doc_;
  bool draw_;
  int pages_;
  std::string footer_;
  int page_ = 1;
  double y_ = kTop;
};

std::vector<geo::FlatPolygon> moved(std::vector<geo::FlatPolygon> polys, double dx, double dy) {
  for (auto& p : polys)
    for (auto& ring : p.rings)
      for (std::size_t k = 0; k + 1 < ring.size(); k += 2) {
        ring[k] += dx;
        ring[k + 1] += dy;
      }
  return polys;
}

void draw_map(Flow& flow, const ReportText& t, const layers::ReportMap& map) {
  flow.heading(t.map_title);
  const double frame_h = map.empty() ? 40 : map.height + 8;
  flow.need(frame_h + 40);
  const double top = flow.y() + 6;
  geo::PdfDocument& doc = flow.doc();
  if (flow.drawing()) {
    if (map.empty()) {
      doc.text(kMargin + 8, top + 22, "La unidad no tiene geometría en los datos.", kBody, kGrey);
    } else {
      const double dx = kMargin + (kWidth - map.width) / 2, dy = top + 4;
      doc.push_clip(dx, dy, map.width, map.height);
      for (const auto& s : map.context)
        doc.draw_polygons(moved(s.polygons, dx, dy), s.fill, layers::kContextStroke, 0.4);
      for (const auto& s : map.communes)
        doc.draw_polygons(moved(s.polygons, dx, dy), s.fill, layers::kBoundaryColour, 0.5);
      doc.stroke_polygons(moved(map.outline, dx, dy), layers::kOutlineColour, 0.8);
      doc.pop_clip();
    }
    doc.stroke_rect(kMargin, top, kWidth, frame_h, kRule, 0.5);
  }
  flow.advance(6 + frame_h + 4);
  // The legend: a swatch and its class per entry, in one row.
  flow.need(line_height(kSmall) * 2);
  const double baseline = flow.y() + 10;
  double x = kMargin;
  x += flow.drawing() ? doc.text(x, baseline, "Iniciativas por comuna:", kSmall, kInk) + 6
                      : doc.text_width("Iniciativas por comuna:", kSmall) + 6;
  for (std::size_t k = 0; k < map.legend.size(); ++k) {
    if (flow.drawing()) {
      doc.fill_rect(x, baseline - 7, 14, 8, map.legend[k].colour);
      doc.stroke_rect(x, baseline - 7, 14, 8, kRule, 0.4);
      doc.text(x + 17, baseline, map.legend[k].label, kSmall, kInk);
    }
    x += 17 + doc.text_width(map.legend[k].label, kSmall) + 10;
  }
  flow.advance(14);
  flow.paragraph(t.map_note, kSmall, kGrey);
}

void initiative_list(Flow& flow, const std::vector<ReportInitiativeLine>& list, std::size_t more) {
  if (list.empty()) flow.paragraph("—", kBody, kInk);
  for (const ReportInitiativeLine& l : list) {
    flow.need(3 * line_height(kBody));
    flow.advance(3);
    flow.paragraph(l.id + " · " + l.name, kBold, kInk);
    if (!l.detail.empty()) flow.paragraph(l.detail, kSmall, kGrey, 10);
    flow.paragraph(l.relation, kSmall, kGrey, 10);
    if (!l.description.empty()) flow.paragraph(l.description, kSmall, kInk, 10);
  }
  if (more > 0) flow.paragraph("… y " + es_int(static_cast<std::int64_t>(more)) + " más", kBody, kGrey);
}

void lay_out(Flow& flow, const ReportText& t, const layers::ReportMap& map) {
  flow.paragraph("Ficha territorial", PdfFont{9, true}, kGrey);
  flow.advance(4);
  flow.paragraph(t.title, PdfFont{18, true}, kInk);
  flow.advance(2);
  flow.paragraph(t.subtitle, kBody, kInk);
  if (!t.parents.empty()) flow.paragraph(t.parents, kBody, kInk);
  flow.paragraph(t.filter, kBody, kGrey);
  draw_map(flow, t, map);

  flow.heading("Cifras");
  for (const ReportRow& r : t.figures) flow.field(r.label, r.value);
  flow.heading(t.gaps_title);
  std::string gaps;
  for (const std::string& g : t.gaps) gaps += (gaps.empty() ? "" : ", ") + g;
  flow.paragraph(gaps.empty() ? "—" : gaps, kBody, kInk);
  if (!t.provinces.empty()) {
    flow.heading("Provincias");
    for (const ReportRow& r : t.provinces) flow.field(r.label, r.value);
  }
  flow.heading("Códigos y nombres en ambas divisiones");
  for (const ReportRow& r : t.divisions) flow.field(r.label, r.value);

  flow.heading("Iniciativas que actúan en la unidad (" + es_int(static_cast<std::int64_t>(t.acting_in.size() + t.acting_in_more)) + ")");
  initiative_list(flow, t.acting_in, t.acting_in_more);
  flow.heading("Iniciativas que actúan sobre la unidad (" + es_int(static_cast<std::int64_t>(t.acting_on.size() + t.acting_on_more)) + ")");
  initiative_list(flow, t.acting_on, t.acting_on_more);
  flow.heading("Lo que hicieron los vecinos");
  if (t.neighbours.empty()) flow.paragraph(t.neighbours_note, kBody, kInk);
  else initiative_list(flow, t.neighbours, t.neighbours_more);
  flow.heading("Fuentes");
  for (const ReportRow& r : t.sources) flow.paragraph(r.label + ": " + r.value, kSmall, kInk);
  flow.end();
}

}  // namespace

std::string report_pdf(const ReportText& text, const layers::ReportMap& map) {
  geo::PdfDocument doc(geo::kA4WidthPt, geo::kA4HeightPt,
                       {text.document_title, "Ficha territorial", "territorio"});
  Flow measure(doc, false, 0, text.footer);
  lay_out(measure, text, map);
  Flow flow(doc, true, measure.page(), text.footer);
  lay_out(flow, text, map);
  return doc.finish();
}

}  // namespace server::encode
