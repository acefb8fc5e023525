#pragma once
// The text GDAL's CSV writer (GDAL 3.6, GEOMETRY=AS_WKT, string quoting "if
// ambiguous") gives a value, for the values whose text we are sure of; the
// others (nullopt) are left to GDAL itself, so the streaming CSV join writes
// exactly the bytes of the GDAL path. tests/layers/join/csv_stream_join_test.cc
// holds both paths to each other.
#include <optional>
#include <string>
#include <string_view>

namespace layers::gdal_csv {

// A string field: empty for an empty value; quoted (quotes doubled) when it
// holds , ; " tab or a line feed, or when it reads as a number; false (and
// nothing appended) for carriage returns and other control characters,
// invalid UTF-8 and number-like text that is not a plain decimal.
bool append_string(std::string_view value, std::string& out);

// A coordinate read from a CSV field: a plain decimal ([+-]digits[.digits])
// whose magnitude is in [1, 1e9), the range where GDAL's number formats are
// the ones below; nullopt otherwise.
std::optional<double> plain_coordinate(std::string_view text);

// A real field as GDAL writes it (%.15g).
void append_real(double v, std::string& out);

// The quoted WKT of a point: integers when both are, else %.15g with ".0"
// after a bare positive integer, as OGR writes a point.
void append_point_wkt(double x, double y, std::string& out);

}  // namespace layers::gdal_csv
