#pragma once
// The file join of a CSV of points into a CSV at the speed of the machine:
// the source is read in blocks and cut into batches of whole records, each
// batch is joined and written as text on one of the join threads, and the
// batches are written in input order as they complete, so memory holds a few
// batches, never the file. The bytes are those of the GDAL path
// (gdal_join.h): fields and WKT formatted as GDAL's CSV writer does
// (gdal_csv_text.h), and any record whose text we are not sure of (a field
// count that differs from the header's, a coordinate that is not a plain
// decimal, number-like text) is handed to GDAL alone.
//
// Taken: a comma-separated header of distinct plain names with exactly one
// lon|longitude|lng|long|x and one lat|latitude|y column and no geometry
// column; GDAL's own output for probe records must equal ours. Anything else
// (WKT columns, other separators, a quote inside an unquoted field, a lone
// CR line break) is declined and the caller uses GDAL for the whole file.
#include <optional>
#include <string>

#include "layers/join/batch_join.h"
#include "layers/model/catalog.h"

namespace layers {

struct CsvStreamOutcome {
  std::optional<BatchJoinReport> report;  // nullopt: declined, nothing useful at path
  std::string declined;  // why, when the reason is in the records (line named); empty for the header's
};

// Writes the joined CSV at path (created; removed by the caller when declined or on error).
CsvStreamOutcome csv_stream_join(const Catalog& catalog, const std::string& source, const std::string& path,
                                 unsigned threads, const JoinProgress& progress);

}  // namespace layers
