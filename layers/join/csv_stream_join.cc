#include "layers/join/csv_stream_join.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <thread>

#include "geo/gdal/vsimem.h"
#include "geo/utf8.h"
#include "layers/errors.h"
#include "layers/join/csv_batches.h"
#include "layers/join/csv_record.h"
#include "layers/join/gdal_csv_text.h"
#include "layers/join/gdal_join.h"
#include "layers/join/ordered_jobs.h"
#include "layers/join/place_join.h"
#include "layers/join/upload_geometry.h"
#include "layers/join/upload_join.h"

namespace layers {

namespace {
using csv::at_line;

constexpr std::size_t kReadBytes = 4 << 20;        // one read of the source
constexpr std::size_t kBatchBytes = 1 << 20;       // source text per batch (about 35,000 points)
constexpr std::size_t kMaxRecordBytes = 64 << 20;  // a record longer than this: left to GDAL
constexpr std::size_t kMaxColumns = 1000;
constexpr std::size_t kMaxNotes = 10;

// The file is left to GDAL; what() says why when the records are the reason
// (empty when the header is).
struct Declined : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_one_of(const std::string& name, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return name == n; });
}

struct Layout {
  std::string header;  // the header record as in the file, without its line break
  std::vector<std::string> names;
  std::size_t lon = 0, lat = 0;
  std::string out_header;  // the output's header line, as GDAL writes it
};

// GDAL's output records (after its header line) for records (each ending in
// a line break) under the layout's header.
BatchJoinReport gdal_records(const Catalog& catalog, const Layout& layout, std::string_view records,
                             std::string& out_header, std::string& out_records) {
  geo::MemoryDirectory dir;
  std::string text = layout.header;
  text += '\n';
  text.append(records);
  dir.write("in.csv", text);
  BatchJoinReport report = gdal_join(catalog, dir.path("in.csv"), dir.path("out.csv"), "out");
  const std::string out = dir.read("out.csv");
  const std::size_t nl = out.find('\n');  // the header names hold no line break (checked)
  out_header = out.substr(0, nl == std::string::npos ? out.size() : nl + 1);
  out_records.append(out, out_header.size());
  return report;
}

// One record's output text as GDAL writes it, when we are sure of every byte.
class RowWriter {
 public:
  RowWriter(const Catalog& catalog, const Layout& layout) : catalog_(catalog), layout_(layout), values_(catalog) {}

  // Appends rec's output line to out and returns its join_basis, or nullptr
  // when GDAL must write this record.
  const std::string* write(const csv::Record& rec, std::string& out) {
    if (rec.count != layout_.names.size()) return nullptr;
    const std::string& tx = rec.fields[layout_.lon];
    const std::string& ty = rec.fields[layout_.lat];
    row_.clear();
    std::optional<double> x, y;
    if (tx.empty() && ty.empty()) {
      join_ = {{}, "no_geometry"};
    } else {
      x = gdal_csv::plain_coordinate(tx);
      y = gdal_csv::plain_coordinate(ty);
      if (!x || !y) return nullptr;
      gdal_csv::append_point_wkt(*x, *y, row_);
      point_[0] = {*x, *y};
      join_ = join_points(catalog_, point_);
    }
    for (std::size_t k = 0; k < layout_.names.size(); ++k) {
      row_ += ',';
      if (k == layout_.lon) {
        if (x) gdal_csv::append_real(*x, row_);
      } else if (k == layout_.lat) {
        if (y) gdal_csv::append_real(*y, row_);
      } else if (!gdal_csv::append_string(rec.fields[k], row_)) {
        return nullptr;
      }
    }
    const std::string* tail = joined_columns();
    if (!tail) return nullptr;
    out += row_;
    out += *tail;
    return &join_.basis;
  }

 private:
  // ",code,name,...,basis\n" for join_, remembered per (commune, basis);
  // nullptr when one of the values is not sure text.
  const std::string* joined_columns() {
    if (join_.communes.size() > 1) return nullptr;  // not for one point; GDAL would be right anyway
    std::pair<const Unit*, std::string> key{join_.communes.empty() ? nullptr : join_.communes[0], join_.basis};
    auto it = tails_.find(key);
    if (it == tails_.end()) {
      std::optional<std::string> tail{std::string()};
      for (const std::string& v : values_(join_)) {
        *tail += ',';
        if (!gdal_csv::append_string(v, *tail)) {
          tail.reset();
          break;
        }
      }
      if (tail) *tail += '\n';
      it = tails_.emplace(std::move(key), std::move(tail)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  const Catalog& catalog_;
  const Layout& layout_;
  PlaceJoinValues values_;
  std::map<std::pair<const Unit*, std::string>, std::optional<std::string>> tails_;
  std::vector<std::pair<double, double>> point_{{0, 0}};
  PlaceJoin join_;
  std::string row_;
};

// Whether text reads as a number to a lenient reader (spaces, a plus sign,
// an exponent): the notes call the other coordinates malformed.
bool reads_as_number(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double v = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  return !t.empty() && r.ec == std::errc() && r.ptr == t.data() + t.size();
}

// What is wrong with a record GDAL wrote, if it is malformed rather than
// merely unusual (GDAL reads -70D0 or " -70 " as numbers); empty otherwise.
std::string malformed(const csv::Record& rec, const Layout& layout, bool gdal_wrote_point) {
  const std::size_t width = layout.names.size();
  if (rec.count != width)
    return at_line(rec.line) + ": " + std::to_string(rec.count) + " fields where the header has " +
           std::to_string(width) + " (missing fields are written empty, extra ones dropped)";
  if (gdal_wrote_point) return {};
  for (const std::size_t k : {layout.lon, layout.lat}) {
    const std::string& v = rec.fields[k];
    if (!v.empty() && !reads_as_number(v))
      return at_line(rec.line) + ": " + layout.names[k] + " " +
             (geo::is_valid_utf8(v) ? upload::excerpt(v) : std::string("(not UTF-8)")) +
             " is not a number (written without a point)";
  }
  if (rec.fields[layout.lon].empty() != rec.fields[layout.lat].empty())
    return at_line(rec.line) + ": only one of " + layout.names[layout.lon] + " and " + layout.names[layout.lat] +
           " is given (written without a point)";
  return {};
}

struct Batch {
  std::string text;  // whole records
  std::size_t first_line = 0;
  std::uint64_t end_offset = 0;  // source bytes up to the end of this batch
  std::string out;
  BatchJoinReport report;
  std::size_t malformed = 0;
  bool done = false;  // set by OrderedJobs, with error when the join threw
  std::exception_ptr error;
};

void join_batch(const Catalog& catalog, const Layout& layout, RowWriter& writer, Batch& b) {
  std::size_t pos = 0, line = b.first_line;
  csv::Record rec;
  b.out.reserve(b.text.size() * 4);
  std::string header_seen;
  for (;;) {
    const std::size_t start = pos;
    try {
      if (!csv::next_record(b.text, pos, line, rec, layout.names.size(), kMaxRecordBytes)) break;
    } catch (const UploadError& e) {
      throw Declined(e.what());
    }
    if (rec.stray_quote) throw Declined(at_line(rec.line) + ": a quote inside an unquoted field");
    if (b.text[pos - 1] == '\r') throw Declined(at_line(rec.line) + ": a line ends with a lone carriage return");
    if (rec.blank) continue;
    if (const std::string* basis = writer.write(rec, b.out)) {
      ++b.report.records;
      ++b.report.by_basis[*basis];
      continue;
    }
    std::string raw(b.text, start, pos - start);
    if (raw.back() != '\n') raw += '\n';
    const std::size_t before = b.out.size();
    const BatchJoinReport one = gdal_records(catalog, layout, raw, header_seen, b.out);
    b.report.records += one.records;
    for (const auto& [basis, n] : one.by_basis) b.report.by_basis[basis] += n;
    const bool point = b.out.size() > before && b.out[before] != ',';
    std::string why = malformed(rec, layout, point);
    if (!why.empty()) {
      ++b.malformed;
      if (b.report.notes.size() < kMaxNotes) b.report.notes.push_back(std::move(why));
    }
  }
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// The header: its names, the coordinate columns, GDAL's output header, and
// GDAL's output for probe records equal to ours. Declined("") otherwise.
Layout read_layout(const Catalog& catalog, std::string_view header_record) {
  Layout layout;
  std::size_t pos = 0, line = 1;
  csv::Record rec;
  try {
    csv::next_record(header_record, pos, line, rec, kMaxColumns + 1, kMaxRecordBytes);
  } catch (const UploadError&) {
    throw Declined("");
  }
  if (rec.stray_quote || rec.count > kMaxColumns || rec.count < 2) throw Declined("");
  std::string_view raw = header_record;
  if (raw.size() >= 2 && raw.substr(raw.size() - 2) == "\r\n") raw.remove_suffix(2);
  else if (!raw.empty() && raw.back() == '\n') raw.remove_suffix(1);
  if (raw.find('\r') != std::string_view::npos || raw.find('"') != std::string_view::npos) throw Declined("");
  layout.header = raw;
  std::vector<std::size_t> xs, ys;
  std::vector<std::string> seen;
  for (std::size_t k = 0; k < rec.size; ++k) {
    const std::string& name = rec.fields[k];
    std::string encoded;
    if (name.empty() || !gdal_csv::append_string(name, encoded) || encoded != name || name.front() == ' ' ||
        name.back() == ' ')
      throw Declined("");
    const std::string l = lower(name);
    if (std::find(seen.begin(), seen.end(), l) != seen.end() || is_one_of(l, {"wkt", "geometry", "geom"}))
      throw Declined("");
    const auto& columns = place_join_columns();
    if (std::find(columns.begin(), columns.end(), name) != columns.end()) throw Declined("");
    if (is_one_of(l, {"lon", "longitude", "lng", "long", "x"})) xs.push_back(k);
    if (is_one_of(l, {"lat", "latitude", "y"})) ys.push_back(k);
    seen.push_back(l);
    layout.names.push_back(name);
  }
  if (xs.size() != 1 || ys.size() != 1) throw Declined("");
  layout.lon = xs[0];
  layout.lat = ys[0];

  std::string expected_header = "WKT";
  for (const auto& n : layout.names) expected_header += "," + n;
  for (const auto& c : place_join_columns()) expected_header += "," + c;
  expected_header += '\n';
  // Probes: a point with decimals, one with integers, none.
  std::string probes, ours;
  RowWriter writer(catalog, layout);
  for (const auto& [x, y, other] : {std::tuple{"-70.6506", "-33.4378", "v"}, {"-70", "-33", "1"}, {"", "", ""}}) {
    csv::Record r;
    r.count = r.size = layout.names.size();
    for (std::size_t k = 0; k < r.size; ++k) {
      r.fields.emplace_back(k == layout.lon ? x : k == layout.lat ? y : other);
      probes += (k ? "," : "") + r.fields.back();
    }
    probes += '\n';
    if (!writer.write(r, ours)) throw Declined("");
  }
  std::string gdal;
  gdal_records(catalog, layout, probes, layout.out_header, gdal);
  if (layout.out_header != expected_header || gdal != ours) throw Declined("");
  return layout;
}

}  // namespace

CsvStreamOutcome csv_stream_join(const Catalog& catalog, const std::string& source, const std::string& path,
                                 unsigned threads, const JoinProgress& progress) {
  File in(std::fopen(source.c_str(), "rb"));
  if (!in) return {};  // GDAL names the problem
  std::error_code ec;
  const std::uint64_t total = std::filesystem::file_size(source, ec);
  std::string buf;
  bool eof = false;
  auto fill = [&] {
    const std::size_t old = buf.size();
    buf.resize(old + kReadBytes);
    const std::size_t n = std::fread(buf.data() + old, 1, kReadBytes, in.get());
    buf.resize(old + n);
    if (n == 0) {
      if (std::ferror(in.get())) throw DataError("cannot read '" + source + "'");
      eof = true;
    }
  };

  // The header record, after a UTF-8 byte order mark (GDAL skips it too).
  std::size_t header_end = std::string_view::npos;
  while ((header_end = csv::first_record_end(buf)) == std::string_view::npos && !eof && buf.size() < kMaxRecordBytes)
    fill();
  if (header_end == std::string_view::npos) return {};  // a header alone, or no line break: GDAL's
  const std::size_t bom = buf.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  Layout layout;
  try {
    layout = read_layout(catalog, std::string_view(buf).substr(bom, header_end - bom));
  } catch (const Declined&) {
    return {};
  }

  File out(std::fopen(path.c_str(), "wb"));
  if (!out) throw DataError("cannot create '" + path + "'");
  std::setvbuf(out.get(), nullptr, _IOFBF, 1 << 20);
  auto write = [&](const std::string& s) {
    if (std::fwrite(s.data(), 1, s.size(), out.get()) != s.size()) throw DataError("cannot write '" + path + "'");
  };
  write(layout.out_header);

  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t max_in_flight = 2 * static_cast<std::size_t>(threads) + 2;
  BatchJoinReport report;
  report.reader = "csv";
  std::size_t malformed_records = 0;
  std::deque<std::unique_ptr<Batch>> in_flight;
  std::uint64_t offset = header_end;
  std::size_t line = 2;
  csv::BatchCutter cutter(kBatchBytes);
  buf.erase(0, header_end);
  try {
    OrderedJobs<Batch> workers(threads, [&] {
      return [&catalog, &layout, writer = std::make_shared<RowWriter>(catalog, layout)](Batch& b) {
        join_batch(catalog, layout, *writer, b);
      };
    });
    auto take_front = [&] {
      Batch& b = *in_flight.front();
      workers.wait(b);
      if (b.error) std::rethrow_exception(b.error);
      write(b.out);
      report.records += b.report.records;
      for (const auto& [basis, n] : b.report.by_basis) report.by_basis[basis] += n;
      for (auto& note : b.report.notes)
        if (report.notes.size() < kMaxNotes) report.notes.push_back(std::move(note));
      malformed_records += b.malformed;
      if (progress) progress(report.records, b.end_offset, total);
      in_flight.pop_front();
    };
    std::vector<std::size_t> cuts;
    for (;;) {
      cutter.scan(buf, cuts);
      if (eof && !buf.empty() && (cuts.empty() || cuts.back() != buf.size())) {
        // Quotes still open: the join threads name the line (a stray or unclosed quote).
        cuts.push_back(buf.size());
      }
      std::size_t from = 0;
      for (const std::size_t cut : cuts) {
        auto b = std::make_unique<Batch>();
        b->text.assign(buf, from, cut - from);
        b->first_line = line;
        line += static_cast<std::size_t>(std::count(b->text.begin(), b->text.end(), '\n'));
        offset += cut - from;
        b->end_offset = offset;
        from = cut;
        while (in_flight.size() >= max_in_flight || (!in_flight.empty() && workers.is_done(*in_flight.front())))
          take_front();
        workers.submit(b.get());
        in_flight.push_back(std::move(b));
      }
      buf.erase(0, from);
      cutter.shift(from);
      cuts.clear();
      if (eof) break;
      if (buf.size() > kMaxRecordBytes) throw Declined(at_line(line) + ": a record longer than 64 MiB");
      fill();
    }
    while (!in_flight.empty()) take_front();
  } catch (const Declined& d) {
    CsvStreamOutcome declined;
    declined.declined = std::string(d.what()) + ": the file is read by GDAL's CSV reader instead";
    return declined;
  }
  if (std::fclose(out.release()) != 0) throw DataError("cannot write '" + path + "'");
  if (malformed_records > report.notes.size())
    report.notes.push_back("and " + std::to_string(malformed_records - report.notes.size()) +
                           " more malformed records");
  return {std::move(report), {}};
}

}  // namespace layers
