#include "server/routes/report.h"

#include "layers/report/report_map.h"
#include "layers/report/territory_report.h"
#include "server/caching_policy.h"
#include "server/encode/report_html.h"
#include "server/encode/report_pdf.h"
#include "server/filter_params.h"
#include "server/routes/ogc_params.h"
#include "server/routes/unit_lookup.h"

namespace server::routes {

namespace {

struct Report {
  encode::ReportText text;
  layers::ReportMap map;
};

// Parses the request and builds what both formats show.
Report build(const http::Request& r, const layers::Snapshot& snapshot) {
  const layers::Registry& reg = snapshot.registry();
  const UnitPath path = parse_unit_path(r, {"division"}, Filters::yes);
  const layers::InitiativeFilter filter = parse_filter(r, reg);
  const layers::Unit& u = find_unit(reg.catalog(), path);
  const layers::TerritoryReport report =
      layers::build_territory_report(reg, snapshot.territory()->neighbourhood(), path.division, u, filter);
  layers::ReportMap map =
      layers::build_report_map(snapshot.tileset(), report, encode::kReportMapWidthPt, encode::kReportMapHeightPt);
  encode::ReportText text = encode::report_text(report, map, encode::today_utc());
  return {std::move(text), std::move(map)};
}

std::string file_name(const http::Request& r, const char* ext) {
  std::string name = "ficha_" + r.path_param("code");
  if (const auto d = r.query_value("division")) name += "_" + *d;
  return name + ext;
}

}  // namespace

http::Response territory_report_pdf(const http::Request& r, const layers::Snapshot& snapshot) {
  const Report rep = build(r, snapshot);
  http::Response res;
  res.content_type = std::string(encode::kPdfMediaType);
  res.body = encode::report_pdf(rep.text, rep.map);
  // parse_unit_path accepted both: digits only, safe in the header.
  http::set_header(res, "Content-Disposition", "inline; filename=\"" + file_name(r, ".pdf") + "\"");
  return res;
}

http::Response territory_report_html(const http::Request& r, const layers::Snapshot& snapshot) {
  const Report rep = build(r, snapshot);
  http::Response res;
  res.content_type = "text/html; charset=utf-8";
  res.body = encode::report_html(rep.text, rep.map, "report.pdf" + query_with(r, {}));
  return res;
}

void add_report_routes(http::Router& router, layers::RegistryHolder& holder) {
  const auto on_snapshot = [&holder](http::Response (*f)(const http::Request&, const layers::Snapshot&)) {
    return [f, &holder](const http::Request& r) {
      const auto snapshot = holder.current();  // kept until the answer is built
      return caching::answer(r, caching::data_validator(r, snapshot->generation()), [&] { return f(r, *snapshot); });
    };
  };
  router.add("GET", "/territories/{code}/report.pdf", on_snapshot(territory_report_pdf), http::Work::heavy);
  router.add("GET", "/territories/{code}/report.html", on_snapshot(territory_report_html), http::Work::heavy);
}

}  // namespace server::routes
