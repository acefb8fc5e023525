#pragma once
// An independent model of the units' neighbourhood, computed with none of
// the code under test: adjacency and centroids by SpatiaLite SQL (ogr2ogr)
// over the bundled boundary file, distances between centroids by
// Vincenty's formulae written here, the covered communes from the seed
// model (seed_model.h). What nearby-initiatives and the report's
// neighbours are compared with.
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/layers/coverage/seed_model.h"
#include "tests/support/server_process.h"

namespace boundary_model {

// The rows of a SpatiaLite query over data/communes_hires.gpkg, as CSV
// fields (no field of these queries holds a comma or a quote).
inline std::vector<std::vector<std::string>> sql_rows(const std::string& sql) {
  const std::string gpkg = std::string(TERRITORIO_DATA_DIR) + "/communes_hires.gpkg";
  const auto r =
      test_support::run_command("(ogr2ogr -f CSV /vsistdout/ " + gpkg + " -dialect SQLite -sql \"" + sql + "\" 2>/dev/null)");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(r.output);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    std::stringstream fs(line);
    std::string f;
    while (std::getline(fs, f, ',')) {
      if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
      fields.push_back(f);
    }
    rows.push_back(fields);
  }
  return rows;
}

// Every pair of communes whose boundaries share a stretch of line or whose
// polygons overlap, in both directions.
inline std::map<std::string, std::set<std::string>> adjacency_from_boundary_file() {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& row : sql_rows(
           "SELECT a.commune_code AS a_code, b.commune_code AS b_code FROM communes a, communes b "
           "WHERE a.commune_code < b.commune_code AND ST_Intersects(a.geom, b.geom) AND "
           "(ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))) > 0 OR "
           "ST_Area(ST_Intersection(a.geom, b.geom)) > 0)")) {
    out[row.at(0)].insert(row.at(1));
    out[row.at(1)].insert(row.at(0));
  }
  return out;
}

// Metres between two lon/lat points on the WGS 84 ellipsoid: Vincenty's
// inverse formula (iterated to 1e-12 rad; the points here are never
// nearly antipodal).
inline double vincenty_m(double lon1, double lat1, double lon2, double lat2) {
  const double a = 6378137.0, f = 1 / 298.257223563, b = a * (1 - f);
  const double rad = M_PI / 180;
  const double L = (lon2 - lon1) * rad;
  const double U1 = std::atan((1 - f) * std::tan(lat1 * rad)), U2 = std::atan((1 - f) * std::tan(lat2 * rad));
  const double sinU1 = std::sin(U1), cosU1 = std::cos(U1), sinU2 = std::sin(U2), cosU2 = std::cos(U2);
  double lambda = L, sin_sigma = 0, cos_sigma = 0, sigma = 0, cos2_alpha = 0, cos_2sigma_m = 0;
  for (int k = 0; k < 200; ++k) {
    const double sin_l = std::sin(lambda), cos_l = std::cos(lambda);
    sin_sigma = std::hypot(cosU2 * sin_l, cosU1 * sinU2 - sinU1 * cosU2 * cos_l);
    if (sin_sigma == 0) return 0;
    cos_sigma = sinU1 * sinU2 + cosU1 * cosU2 * cos_l;
    sigma = std::atan2(sin_sigma, cos_sigma);
    const double sin_alpha = cosU1 * cosU2 * sin_l / sin_sigma;
    cos2_alpha = 1 - sin_alpha * sin_alpha;
    cos_2sigma_m = cos2_alpha != 0 ? cos_sigma - 2 * sinU1 * sinU2 / cos2_alpha : 0;
    const double C = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha));
    const double next = L + (1 - C) * f * sin_alpha *
                                (sigma + C * sin_sigma * (cos_2sigma_m + C * cos_sigma * (-1 + 2 * cos_2sigma_m * cos_2sigma_m)));
    const bool done = std::fabs(next - lambda) < 1e-12;
    lambda = next;
    if (done) break;
  }
  const double u2 = cos2_alpha * (a * a - b * b) / (b * b);
  const double A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const double B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const double delta_sigma =
      B * sin_sigma *
      (cos_2sigma_m + B / 4 * (cos_sigma * (-1 + 2 * cos_2sigma_m * cos_2sigma_m) -
                               B / 6 * cos_2sigma_m * (-3 + 4 * sin_sigma * sin_sigma) * (-3 + 4 * cos_2sigma_m * cos_2sigma_m)));
  return b * A * (sigma - delta_sigma);
}

// The centroid of every commune of the boundary file.
inline const std::map<std::string, std::pair<double, double>>& centroids() {
  static const auto all = [] {
    std::map<std::string, std::pair<double, double>> out;
    for (const auto& row :
         sql_rows("SELECT commune_code, ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)) FROM communes"))
      out[row.at(0)] = {std::stod(row.at(1)), std::stod(row.at(2))};
    return out;
  }();
  return all;
}

// Geodesic km between the centroid of `code` and that of every commune.
inline std::map<std::string, double> centroid_km_from(const std::string& code) {
  const auto [x, y] = centroids().at(code);
  std::map<std::string, double> out;
  for (const auto& [other, c] : centroids()) out[other] = vincenty_m(x, y, c.first, c.second) / 1000;
  return out;
}

// Communes with an initiative acting in them or on a unit enclosing them (2018).
inline std::set<std::string> covered_communes(const seed_model::Model& model) {
  std::set<std::string> out;
  for (const auto& [code, e] : model.coverage(seed_model::commune, false, [](const auto&) { return true; }))
    if (!e.in.empty() || !e.enclosing.empty()) out.insert(code);
  return out;
}

}  // namespace boundary_model
