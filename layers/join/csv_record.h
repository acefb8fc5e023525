#pragma once
// One RFC 4180 record at a time from CSV text (quoted fields may hold commas,
// doubled quotes and line breaks), into reused buffers: the reader of both
// the POST /join upload (upload_csv.cc) and the streaming file join
// (csv_stream_join.cc).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace layers::csv {

// One record, its fields in reused strings: fields[0, size) are this record's.
struct Record {
  std::vector<std::string> fields;
  std::size_t size = 0;   // fields read, up to the capacity given to next_record
  std::size_t count = 0;  // fields in the record, also those beyond the capacity
  std::size_t line = 0;   // where the record starts, 1-based
  bool blank = false;     // an empty line
  // A quote inside an unquoted field (a"b): kept as text here, but other
  // readers (GDAL's) toggle quoting there, so the file join leaves such files to them.
  bool stray_quote = false;
};

// "line N".
std::string at_line(std::size_t line);

// Reads the record starting at pos, keeping at most `capacity` fields, each
// at most max_field_bytes long. False at the end of the text. Throws
// UploadError (line named) for a quoted field that is not closed or is
// followed by text, UploadLimitExceeded for a field that is too long.
bool next_record(std::string_view text, std::size_t& pos, std::size_t& line, Record& rec, std::size_t capacity,
                 std::size_t max_field_bytes);

}  // namespace layers::csv
