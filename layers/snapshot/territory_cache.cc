#include "layers/snapshot/territory_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <thread>
#include <unordered_map>

#include "geo/binary_io.h"
#include "geo/error.h"
#include "geo/geos/flat_polygon_io.h"
#include "geo/program_id.h"
#include "layers/errors.h"
#include "layers/store/store.h"

namespace layers {

namespace {

// The file: a header (magic, format, program, key, payload size and hash),
// then the payload: the tiles' sets, the neighbourhood's slots, the texts.
constexpr std::string_view kMagic = "TERRCACH";
// Bumped whenever what the parts hold, or how they are written, changes.
constexpr std::uint32_t kFormat = 1;

// Each set of shapes as one record (its bands finest first, so the
// vertex table follows the finest rings), length-prefixed so that the
// sets are read in parallel.
void write_tiles(geo::ByteWriter& out, const UnitTiles& tiles) {
  for (const auto& [level, division] : UnitTiles::kSets) {
    const ZoomedPolygons& set = tiles.units(level, division);
    std::vector<const std::vector<geo::FlatPolygon>*> lists;
    for (int z = kMaxSimplifiedZoom; z >= 0; --z)
      for (std::size_t i = 0; i < set.size(); ++i) lists.push_back(&set.item(i)->polygons(z));
    geo::ByteWriter record;
    record.u64(set.size());
    geo::write_polygon_lists(record, lists);
    out.text(record.bytes());
  }
}

UnitTiles::Shapes read_set(std::string_view record) {
  geo::ByteReader in(record);
  const std::size_t n = in.count(0);
  std::vector<std::vector<geo::FlatPolygon>> lists = geo::read_polygon_lists(in);
  in.expect_end();
  if (lists.size() != n * ZoomedShape::kBands) throw geo::FormatError("territory cache: bands missing");
  UnitTiles::Shapes shapes(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::array<std::vector<geo::FlatPolygon>, ZoomedShape::kBands> bands;
    for (std::size_t z = 0; z < ZoomedShape::kBands; ++z)
      bands[z] = std::move(lists[(ZoomedShape::kBands - 1 - z) * n + i]);
    shapes[i] = std::make_shared<const ZoomedShape>(std::move(bands));
  }
  return shapes;
}

std::vector<UnitTiles::Shapes> read_tiles(geo::ByteReader& in) {
  std::vector<std::string_view> records;
  for (std::size_t k = 0; k < UnitTiles::kSets.size(); ++k) records.push_back(in.take(in.count(1)));
  std::vector<UnitTiles::Shapes> sets(records.size());
  std::vector<std::exception_ptr> errors(records.size());
  std::vector<std::thread> threads;
  for (std::size_t k = 1; k < records.size(); ++k)
    threads.emplace_back([&, k] {
      try {
        sets[k] = read_set(records[k]);
      } catch (...) {
        errors[k] = std::current_exception();
      }
    });
  try {
    sets[0] = read_set(records[0]);  // communes, the largest
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  return sets;
}

void write_neighbours(geo::ByteWriter& out, const Neighbourhood::Saved& saved) {
  for (const Neighbourhood::SavedSlot& slot : saved) {
    out.u64(slot.units.size());
    for (const Neighbourhood::SavedUnit& u : slot.units) {
      out.u8(u.location ? 1 : 0);
      if (u.location) {
        out.f64(u.location->first);
        out.f64(u.location->second);
      }
      out.u64(u.neighbours.size());
      for (const auto& [code, reach] : u.neighbours) {
        out.text(code);
        out.u8(static_cast<std::uint8_t>(reach));
      }
    }
    out.f32s(slot.km);
  }
}

Neighbourhood::Saved read_neighbours(geo::ByteReader& in) {
  Neighbourhood::Saved saved;
  for (Neighbourhood::SavedSlot& slot : saved) {
    slot.units.resize(in.count(9));
    for (Neighbourhood::SavedUnit& u : slot.units) {
      const std::uint8_t has = in.u8();
      if (has > 1) throw geo::FormatError("territory cache: bad location flag");
      if (has) {
        const double x = in.f64();
        u.location = std::make_pair(x, in.f64());
      }
      u.neighbours.resize(in.count(9));
      for (auto& [code, reach] : u.neighbours) {
        code = in.text();
        const std::uint8_t r = in.u8();
        if (r > static_cast<std::uint8_t>(Reach::nearest)) throw geo::FormatError("territory cache: bad reach");
        reach = static_cast<Reach>(r);
      }
    }
    slot.km = in.f32s();
  }
  return saved;
}

// Texts by (division, code) of the first unit drawn with each geometry.
void write_texts(geo::ByteWriter& out, const Catalog& catalog, const UnitTexts& texts) {
  geo::ByteWriter body;
  std::size_t n = 0;
  std::unordered_map<const geo::Geometry*, bool> written;
  for (Division d : kAllDivisions)
    for (Level level : {Level::region, Level::province, Level::commune})
      for (const Unit* u : catalog.units(d, level)) {
        const geo::Geometry* g = catalog.geometry(d, u->code);
        const auto it = g ? texts.find(g) : texts.end();
        if (it == texts.end() || !written.emplace(g, true).second) continue;
        body.u8(static_cast<std::uint8_t>(d));
        body.text(u->code);
        body.u64(it->second.digest);
        body.text(*it->second.json);
        ++n;
      }
  out.u64(n);
  out.raw(body.bytes().data(), body.bytes().size());
}

UnitTexts read_texts(geo::ByteReader& in, const Catalog& catalog) {
  UnitTexts texts;
  for (std::size_t n = in.count(1 + 8 + 8 + 8); n > 0; --n) {
    const std::uint8_t d = in.u8();
    if (d > static_cast<std::uint8_t>(Division::d2007)) throw geo::FormatError("territory cache: bad division");
    const std::string code = in.text();
    GeometryText t;
    t.digest = in.u64();
    t.json = std::make_shared<const std::string>(in.text());
    const geo::Geometry* g = catalog.geometry(static_cast<Division>(d), code);
    if (!g) throw DataError("territory cache: no boundary for " + code);
    texts.emplace(g, std::move(t));
  }
  return texts;
}

std::string payload_of(const Territory& territory) {
  geo::ByteWriter out;
  write_tiles(out, *territory.tiles());
  write_neighbours(out, territory.neighbourhood().saved(territory.catalog()));
  write_texts(out, territory.catalog(), territory.features().texts());
  return std::move(out.bytes());
}

// The whole file, or nullopt when there is none; throws on a read error.
std::optional<std::string> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw DataError(std::string("cannot open it: ") + std::strerror(errno));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) throw DataError("not a regular file");
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t at = 0;
  while (at < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + at, bytes.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw DataError(std::string("cannot read it: ") + (n < 0 ? std::strerror(errno) : "shorter than it was"));
    at += static_cast<std::size_t>(n);
  }
  return bytes;
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw DataError(std::string("cannot write: ") + std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::string territory_cache_path(const std::string& store_locator) {
  if (Store::is_postgres(store_locator)) return {};
  return store_locator + ".territory";
}

void write_territory_cache(const std::string& path, const Territory& territory) {
  // Opened first: a place that cannot be written costs no encoding.
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw DataError("cannot write the territory cache " + path + ": " + std::strerror(errno));
  try {
    const std::string payload = payload_of(territory);
    geo::ByteWriter header;
    header.raw(kMagic.data(), kMagic.size());
    header.u32(kFormat);
    header.text(geo::program_id());
    header.u64(territory.boundaries_key());
    header.u64(payload.size());
    header.u64(geo::hash_bytes(payload));
    write_all(fd, header.bytes());
    write_all(fd, payload);
    if (::fsync(fd) != 0) throw DataError(std::string("cannot sync: ") + std::strerror(errno));
  } catch (const std::exception& e) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw DataError("cannot write the territory cache " + path + ": " + e.what());
  }
  if (::close(fd) != 0 || ::rename(temporary.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temporary.c_str());
    throw DataError("cannot write the territory cache " + path + ": " + std::strerror(err));
  }
}

std::optional<TerritoryParts> read_territory_cache(const std::string& path, const Catalog& catalog, std::uint64_t key,
                                                   std::string& why) {
  try {
    const std::optional<std::string> file = read_file(path);
    if (!file) {
      why = "no cache";
      return std::nullopt;
    }
    geo::ByteReader header(*file);
    if (header.left() < kMagic.size() || header.take(kMagic.size()) != kMagic) {
      why = "not a territory cache";
      return std::nullopt;
    }
    if (header.u32() != kFormat) {
      why = "of another format";
      return std::nullopt;
    }
    const std::string program = header.text();  // bounded by the file's size
    if (program.empty() || program != geo::program_id()) {
      why = "written by another build of territorio";
      return std::nullopt;
    }
    if (header.u64() != key) {
      why = "of other boundaries";
      return std::nullopt;
    }
    const std::uint64_t size = header.u64();
    const std::uint64_t hash = header.u64();
    if (size != header.left()) throw geo::FormatError("payload of " + std::to_string(header.left()) +
                                                     " bytes, header says " + std::to_string(size));
    const std::string_view payload = header.take(static_cast<std::size_t>(size));
    if (geo::hash_bytes(payload) != hash) throw geo::FormatError("payload does not match its hash");
    geo::ByteReader in(payload);
    TerritoryParts parts;
    parts.tiles = read_tiles(in);
    parts.neighbours = read_neighbours(in);
    parts.texts = read_texts(in, catalog);
    in.expect_end();
    return parts;
  } catch (const std::exception& e) {
    why = std::string("damaged: ") + e.what();
    return std::nullopt;
  }
}

std::shared_ptr<const Territory> cached_territory(std::shared_ptr<const Catalog> catalog,
                                                  const std::vector<CensusZone>& census_zones, const std::string& path,
                                                  const std::function<void(const std::string&)>& log) {
  if (path.empty()) return std::make_shared<const Territory>(std::move(catalog), census_zones);
  const std::uint64_t key = Territory::boundaries_key(*catalog);
  std::string why;
  if (std::optional<TerritoryParts> parts = read_territory_cache(path, *catalog, key, why)) {
    try {
      return std::make_shared<const Territory>(catalog, census_zones, std::move(*parts), key);
    } catch (const std::exception& e) {
      why = std::string("does not fit the boundaries: ") + e.what();
    }
  }
  if (why != "no cache") log("territorio: territory cache " + path + " not used (" + why + "): building it");
  auto territory = std::make_shared<const Territory>(std::move(catalog), census_zones);
  try {
    write_territory_cache(path, *territory);
  } catch (const std::exception& e) {
    log(std::string("territorio: ") + e.what());
  }
  return territory;
}

}  // namespace layers
