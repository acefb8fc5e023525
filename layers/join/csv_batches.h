#pragma once
// Where a CSV read block by block can be cut into batches of whole records:
// at a line break outside quotes, with quotes counted as GDAL's reader counts
// them, so a record spans lines exactly when its quotes are open. The
// streaming file join (csv_stream_join.cc) joins such batches on its threads.
#include <cstddef>
#include <string_view>
#include <vector>

namespace layers::csv {

class BatchCutter {
 public:
  // Cuts fall at least batch_bytes after the previous one.
  explicit BatchCutter(std::size_t batch_bytes) : batch_bytes_(batch_bytes) {}
  // Scans buf (which only grew since the last call, or lost a prefix told
  // by shift) from where the last call stopped; appends new cut offsets.
  void scan(std::string_view buf, std::vector<std::size_t>& cuts);
  // The buffer lost its first `bytes`.
  void shift(std::size_t bytes) {
    scanned_ -= bytes;
    last_cut_ -= bytes;
  }

 private:
  std::size_t batch_bytes_;
  std::size_t scanned_ = 0, last_cut_ = 0;
  bool in_quotes_ = false;
};

// The end (after its line break) of the first record of text, or npos.
std::size_t first_record_end(std::string_view text);

}  // namespace layers::csv
