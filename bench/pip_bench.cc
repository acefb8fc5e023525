// territorio_pip_bench: point-in-polygon join throughput of geo::PolygonIndex
// against Chile's communes, single thread and all hardware threads, with the
// same join done by SpatiaLite SQL (ST_Contains + its R*Tree spatial index)
// in the same run as the anchor. See bench/README.md.
//
//   territorio_pip_bench [GPKG] [--points N] [--spatialite-points M]
//                        [--threads T] [--repeat R] [--seed S]
//                        [--sqlite PATH] [--keep-sqlite]
//
// Exit status: 0 on success, 1 on usage or I/O errors, 2 if the join differs
// between 1 and T threads (count or any per-point result).

// sqlite3.h first: spatialite.h uses its types without including it.
#include <sqlite3.h>
// clang-format off
#include <spatialite.h>
// clang-format on

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "geo/gdal/gdal_dataset.h"
#include "geo/geos/geometry.h"
#include "geo/index/polygon_index.h"

#ifndef TERRITORIO_DATA_DIR
#define TERRITORIO_DATA_DIR "data"
#endif

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Options {
  std::string gpkg = std::string(TERRITORIO_DATA_DIR) + "/communes_hires.gpkg";
  std::string layer = "communes";
  std::size_t points = 1'000'000;
  std::size_t spatialite_points = 20'000;
  unsigned threads = 0;  // 0: std::thread::hardware_concurrency()
  int repeat = 5;  // the PolygonIndex joins are best-of-repeat (SpatiaLite runs once)
  std::uint64_t seed = 20171119;  // fixed: every run joins the same points
  std::string sqlite;             // empty: build one with ogr2ogr in a temp dir
  bool keep_sqlite = false;
};

[[noreturn]] void usage(const char* argv0, const std::string& why) {
  std::cerr << argv0 << ": " << why << "\n"
            << "usage: " << argv0
            << " [GPKG] [--points N] [--spatialite-points M] [--threads T] [--repeat R] [--seed S]"
               " [--sqlite PATH] [--keep-sqlite]\n";
  std::exit(1);
}

Options parse(int argc, char** argv) {
  Options o;
  bool positional = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(argv[0], "missing value after " + a);
      return argv[++i];
    };
    auto number = [&]() -> unsigned long long {
      const std::string v = value();
      try {
        std::size_t used = 0;
        const unsigned long long n = std::stoull(v, &used);
        if (used != v.size()) throw std::invalid_argument(v);
        return n;
      } catch (const std::exception&) {
        usage(argv[0], "not a number after " + a + ": " + v);
      }
    };
    if (a == "--points") o.points = number();
    else if (a == "--spatialite-points") o.spatialite_points = number();
    else if (a == "--threads") o.threads = static_cast<unsigned>(number());
    else if (a == "--repeat") o.repeat = static_cast<int>(std::max(1ULL, number()));
    else if (a == "--seed") o.seed = number();
    else if (a == "--sqlite") o.sqlite = value();
    else if (a == "--keep-sqlite") o.keep_sqlite = true;
    else if (a == "--help" || a == "-h") usage(argv[0], "help");
    else if (!a.empty() && a[0] != '-' && !positional) o.gpkg = a, positional = true;
    else usage(argv[0], "unknown argument " + a);
  }
  if (o.points == 0) usage(argv[0], "--points must be > 0");
  if (o.spatialite_points == 0) usage(argv[0], "--spatialite-points must be > 0 (the anchor of every ratio)");
  if (o.threads == 0) o.threads = std::max(1u, std::thread::hardware_concurrency());
  o.spatialite_points = std::min(o.spatialite_points, o.points);
  return o;
}

struct Communes {
  std::vector<std::string> codes;  // codes[id] for PolygonIndex item id
  std::vector<geo::Geometry> geometries;
};

Communes load_communes(const std::string& path, const std::string& layer_name) {
  geo::Dataset ds = geo::Dataset::open_vector(path);
  for (int i = 0; i < ds.layer_count(); ++i) {
    geo::Layer layer = ds.layer(i);
    if (layer.name() != layer_name) continue;
    // Layer::crs_wkt() gives the layer's WKT whenever it has an SRS; the
    // random points are lon/lat, so the layer must be EPSG:4326 (or CRS84).
    const std::optional<std::string> wkt = layer.crs_wkt();
    if (wkt && wkt->find("AUTHORITY[\"EPSG\",\"4326\"]") == std::string::npos && wkt->find("CRS84") == std::string::npos)
      throw std::runtime_error("layer " + layer_name + " is not EPSG:4326 lon/lat: " + *wkt);
    Communes c;
    layer.reset_reading();
    while (geo::Feature f = layer.next()) {
      c.codes.push_back(f.get_string("commune_code"));
      c.geometries.push_back(f.geometry());
    }
    return c;
  }
  throw std::runtime_error("no layer '" + layer_name + "' in " + path);
}

// Interleaved lon, lat.
std::vector<double> random_points(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> lon(-76.0, -66.4), lat(-56.0, -17.5);
  std::vector<double> xy(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    xy[2 * i] = lon(rng);
    xy[2 * i + 1] = lat(rng);
  }
  return xy;
}

struct JoinResult {
  std::vector<std::int32_t> commune;  // lowest containing id, -1 if none
  std::size_t matched = 0;
  std::size_t multiple = 0;  // points inside more than one commune
  std::vector<std::size_t> multiple_points;  // their indices, ascending
  double seconds = 0;
  double cpu_seconds = 0;  // process CPU time over the same interval (all threads)
};

// The join: every point gets the commune that contains it. Points are split
// into `threads` contiguous chunks, one std::thread each (1: calling thread).
JoinResult pip_join(const geo::PolygonIndex& index, const std::vector<double>& xy, unsigned threads) {
  const std::size_t n = xy.size() / 2;
  JoinResult r;
  r.commune.assign(n, -1);
  std::vector<std::size_t> matched(threads, 0);
  std::vector<std::vector<std::size_t>> multiple(threads);
  auto work = [&](unsigned t) {
    const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
    std::size_t m = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const std::vector<std::size_t> ids = index.containing(xy[2 * i], xy[2 * i + 1]);
      if (ids.empty()) continue;
      r.commune[i] = static_cast<std::int32_t>(ids.front());
      ++m;
      if (ids.size() > 1) multiple[t].push_back(i);  // rare: overlapping communes
    }
    matched[t] = m;
  };
  const std::clock_t c0 = std::clock();
  const auto t0 = Clock::now();
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
  }
  r.seconds = seconds_since(t0);
  r.cpu_seconds = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  for (unsigned t = 0; t < threads; ++t) {
    r.matched += matched[t];
    r.multiple_points.insert(r.multiple_points.end(), multiple[t].begin(), multiple[t].end());
  }
  r.multiple = r.multiple_points.size();
  return r;
}

JoinResult best_of(int repeat, const geo::PolygonIndex& index, const std::vector<double>& xy, unsigned threads) {
  JoinResult best = pip_join(index, xy, threads);
  for (int k = 1; k < repeat; ++k) {
    JoinResult r = pip_join(index, xy, threads);
    if (r.matched != best.matched || r.commune != best.commune || r.multiple_points != best.multiple_points) {
      std::cerr << "error: repeated join with " << threads << " threads gave a different result\n";
      std::exit(2);
    }
    if (r.seconds < best.seconds) best.seconds = r.seconds, best.cpu_seconds = r.cpu_seconds;
  }
  return best;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// ---- SpatiaLite -------------------------------------------------------------

class Sqlite {
 public:
  explicit Sqlite(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + path + ": " + msg);
    }
    cache_ = spatialite_alloc_connection();
    spatialite_init_ex(db_, cache_, 0);
  }
  ~Sqlite() {
    for (sqlite3_stmt* s : stmts_) sqlite3_finalize(s);
    sqlite3_close_v2(db_);
    spatialite_cleanup_ex(cache_);
  }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error("SQL " + sql + ": " + sqlite3_errmsg(db_));
    stmts_.push_back(s);
    return s;
  }
  std::string text(sqlite3_stmt* s, int col) const {
    const unsigned char* t = sqlite3_column_text(s, col);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  void check_done(int rc) const {
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) throw std::runtime_error(std::string("SQL step: ") + sqlite3_errmsg(db_));
  }
  // First column of the first row of a one-row query, "" if no row.
  std::string scalar(const std::string& sql) {
    sqlite3_stmt* s = prepare(sql);
    const int rc = sqlite3_step(s);
    check_done(rc);
    return rc == SQLITE_ROW ? text(s, 0) : "";
  }

 private:
  sqlite3* db_ = nullptr;
  void* cache_ = nullptr;
  std::vector<sqlite3_stmt*> stmts_;
};

struct SpatialiteResult {
  std::vector<std::set<std::string>> codes;  // per point
  std::size_t matched = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  std::string sql;
};

SpatialiteResult spatialite_join(const std::string& sqlite_path, const std::string& table,
                                 const std::vector<double>& xy, std::size_t n) {
  Sqlite db(sqlite_path);
  std::cout << "spatialite: version " << db.scalar("SELECT spatialite_version()") << ", GEOS "
            << db.scalar("SELECT geos_version()") << ", SQLite " << sqlite3_libversion() << "\n";
  // The geometry column is whatever ogr2ogr kept (the GeoPackage's "geom"),
  // and the join is only fair if SpatiaLite has its R*Tree on it.
  const std::string column =
      db.scalar("SELECT f_geometry_column FROM geometry_columns WHERE lower(f_table_name) = lower('" + table + "')");
  if (column.empty()) throw std::runtime_error("no geometry column registered for " + table + " in " + sqlite_path);
  const std::string enabled = db.scalar("SELECT spatial_index_enabled FROM geometry_columns WHERE lower(f_table_name) "
                                        "= lower('" + table + "')");
  const std::string idx = "idx_" + table + "_" + column;
  const std::string idx_rows = db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + idx +
                                         "'") == "1"
                                   ? db.scalar("SELECT count(*) FROM \"" + idx + "\"")
                                   : "";
  const std::string rows = db.scalar("SELECT count(*) FROM \"" + table + "\"");
  std::cout << "spatialite: table " << table << ", geometry column " << column << ", spatial_index_enabled=" << enabled
            << ", " << idx << " rows=" << (idx_rows.empty() ? "(missing)" : idx_rows) << " of " << rows << "\n";
  if (enabled != "1" || idx_rows.empty() || idx_rows != rows)
    throw std::runtime_error("SpatiaLite spatial index missing or incomplete on " + table + "." + column);

  SpatialiteResult r;
  r.sql = "SELECT commune_code FROM \"" + table + "\" WHERE ST_Contains(\"" + column +
          "\", MakePoint(?1, ?2, 4326)) AND ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = '" + table +
          "' AND f_geometry_column = '" + column + "' AND search_frame = MakePoint(?1, ?2, 4326))";
  sqlite3_stmt* s = db.prepare(r.sql);
  r.codes.resize(n);
  const std::clock_t c0 = std::clock();
  const auto t0 = Clock::now();
  for (std::size_t i = 0; i < n; ++i) {
    sqlite3_bind_double(s, 1, xy[2 * i]);
    sqlite3_bind_double(s, 2, xy[2 * i + 1]);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) r.codes[i].insert(db.text(s, 0));
    db.check_done(rc);
    sqlite3_reset(s);
    if (!r.codes[i].empty()) ++r.matched;
  }
  r.seconds = seconds_since(t0);
  r.cpu_seconds = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  return r;
}

std::string join_codes(const std::set<std::string>& s) {
  if (s.empty()) return "-";
  std::string out;
  for (const auto& c : s) out += (out.empty() ? "" : ",") + c;
  return out;
}

void print_row(const char* method, unsigned threads, std::size_t points, double seconds, double cpu_seconds,
               double anchor_pps) {
  const double pps = static_cast<double>(points) / seconds;
  std::printf("%-22s %7u %9zu %10.4f %10.4f %14.0f %9.1fx\n", method, threads, points, seconds, cpu_seconds, pps,
              pps / anchor_pps);
}

int run(const Options& o) {
  std::cout << "territorio_pip_bench: gpkg=" << o.gpkg << " layer=" << o.layer << " points=" << o.points
            << " spatialite_points=" << o.spatialite_points << " threads=" << o.threads << " repeat=" << o.repeat
            << " seed=" << o.seed << "\n";
  std::cout << "bbox: lon [-76, -66.4] lat [-56, -17.5], std::mt19937_64 + uniform_real_distribution" << std::endl;

  // 1. Polygons -> PolygonIndex (load and build are timed, but not part of the join figure).
  auto t0 = Clock::now();
  Communes communes = load_communes(o.gpkg, o.layer);
  const double load_s = seconds_since(t0);
  const std::size_t n_communes = communes.geometries.size();
  t0 = Clock::now();
  const geo::PolygonIndex index(std::move(communes.geometries));
  const double build_s = seconds_since(t0);
  std::printf("polygon_index: %zu communes, GDAL load %.3f s, index build %.3f s\n", n_communes, load_s, build_s);

  // 2. Points.
  const std::vector<double> xy = random_points(o.points, o.seed);

  // 3. The join, 1 thread then all threads; results must be identical.
  const JoinResult one = best_of(o.repeat, index, xy, 1);
  const JoinResult all = best_of(o.repeat, index, xy, o.threads);
  std::printf("matched: 1 thread %zu, %u threads %zu (of %zu points; %zu inside more than one commune)\n", one.matched,
              o.threads, all.matched, o.points, one.multiple);
  if (one.matched != all.matched || one.commune != all.commune || one.multiple_points != all.multiple_points) {
    std::fprintf(stderr, "error: the join differs between 1 and %u threads (%zu vs %zu matched)\n", o.threads,
                 one.matched, all.matched);
    return 2;
  }
  for (std::size_t k = 0; k < one.multiple_points.size() && k < 20; ++k) {
    const std::size_t i = one.multiple_points[k];
    std::string codes;
    for (std::size_t id : index.containing(xy[2 * i], xy[2 * i + 1])) codes += (codes.empty() ? "" : ",") + communes.codes[id];
    std::printf("inside more than one commune: point %zu (%.9f, %.9f): %s\n", i, xy[2 * i], xy[2 * i + 1], codes.c_str());
  }

  // 4. The anchor: SpatiaLite on the first spatialite_points of the same points.
  namespace fs = std::filesystem;
  std::string sqlite_path = o.sqlite;
  fs::path tmp_dir;
  if (sqlite_path.empty()) {
    std::string templ = (fs::temp_directory_path() / "territorio_pip_bench.XXXXXX").string();
    if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
    tmp_dir = templ;
    sqlite_path = (tmp_dir / "communes.sqlite").string();
    const std::string cmd = "ogr2ogr -f SQLite -dsco SPATIALITE=YES " + shell_quote(sqlite_path) + " " +
                            shell_quote(o.gpkg) + " " + shell_quote(o.layer);
    std::cout << "spatialite: " << cmd << "\n";
    std::cout.flush();
    t0 = Clock::now();
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("ogr2ogr failed: " + cmd);
    std::printf("spatialite: ogr2ogr %.3f s\n", seconds_since(t0));
  }
  SpatialiteResult sl;
  try {
    sl = spatialite_join(sqlite_path, o.layer, xy, o.spatialite_points);
  } catch (...) {
    if (!tmp_dir.empty() && !o.keep_sqlite) fs::remove_all(tmp_dir);
    throw;
  }
  if (!tmp_dir.empty()) {
    if (o.keep_sqlite) std::cout << "spatialite: kept " << sqlite_path << "\n";
    else fs::remove_all(tmp_dir);
  }
  std::cout << "spatialite sql: " << sl.sql << "\n";

  // Agreement on the subset: the set of communes each method puts the point in.
  std::size_t disagreements = 0, pip_matched_subset = 0;
  for (std::size_t i = 0; i < o.spatialite_points; ++i) {
    const double x = xy[2 * i], y = xy[2 * i + 1];
    std::set<std::string> ours;
    for (std::size_t id : index.containing(x, y)) ours.insert(communes.codes[id]);
    if (!ours.empty()) ++pip_matched_subset;
    if (ours == sl.codes[i]) continue;
    ++disagreements;
    if (disagreements <= 50) {
      // How far the point is from the boundary of each commune involved.
      std::string where;
      std::set<std::string> involved = ours;
      involved.insert(sl.codes[i].begin(), sl.codes[i].end());
      for (std::size_t id = 0; id < index.size(); ++id)
        if (involved.count(communes.codes[id]))
          where += " d(" + communes.codes[id] + ")=" + std::to_string(index.boundary_distance_m(id, x, y)) + "m";
      std::printf("disagreement #%zu point %zu (%.9f, %.9f): polygon_index=%s spatialite=%s%s\n", disagreements, i, x, y,
                  join_codes(ours).c_str(), join_codes(sl.codes[i]).c_str(), where.c_str());
    }
  }
  std::printf("agreement on the first %zu points: polygon_index matched %zu, spatialite matched %zu, disagreements %zu\n",
              o.spatialite_points, pip_matched_subset, sl.matched, disagreements);

  // 5. Table.
  const double anchor = static_cast<double>(o.spatialite_points) / sl.seconds;
  std::printf("\n%-22s %7s %9s %10s %10s %14s %10s\n", "method", "threads", "points", "seconds", "cpu_s", "points/s",
              "ratio");
  print_row("spatialite_st_contains", 1, o.spatialite_points, sl.seconds, sl.cpu_seconds, anchor);
  print_row("polygon_index", 1, o.points, one.seconds, one.cpu_seconds, anchor);
  print_row("polygon_index", o.threads, o.points, all.seconds, all.cpu_seconds, anchor);
  const double pps1 = static_cast<double>(o.points) / one.seconds;
  const double ppsn = static_cast<double>(o.points) / all.seconds;
  std::printf("\nratio_single=%.1fx ratio_all=%.1fx\n", pps1 / anchor, ppsn / anchor);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "territorio_pip_bench: " << e.what() << "\n";
    return 1;
  }
}
