// Where the streaming file join cuts a CSV into batches: only at line breaks
// outside quotes, never before batch_bytes, and the same cuts whether the
// text arrives whole or in blocks with the cut prefix dropped between them.
#include "layers/join/csv_batches.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace layers::csv {
namespace {

// Feeds text in blocks of `block` bytes, dropping each cut prefix as the
// file join does; returns the cuts as offsets into the whole text.
std::vector<std::size_t> cuts_in_blocks(const std::string& text, std::size_t batch_bytes, std::size_t block) {
  BatchCutter cutter(batch_bytes);
  std::vector<std::size_t> all, cuts;
  std::string buf;
  std::size_t dropped = 0;
  for (std::size_t at = 0; at < text.size(); at += block) {
    buf.append(text, at, block);
    cutter.scan(buf, cuts);
    for (std::size_t c : cuts) all.push_back(dropped + c);
    if (!cuts.empty()) {
      buf.erase(0, cuts.back());
      cutter.shift(cuts.back());
      dropped += cuts.back();
      cuts.clear();
    }
  }
  return all;
}

TEST(CsvBatches, CutsAfterTheFirstLineBreakPastTheBatchSize) {
  const std::string text = "a,1\nb,2\nc,3\nd,4\n";  // records of 4 bytes
  EXPECT_EQ(cuts_in_blocks(text, 5, text.size()), (std::vector<std::size_t>{8, 16}));
  EXPECT_EQ(cuts_in_blocks(text, 1, text.size()), (std::vector<std::size_t>{4, 8, 12, 16}));
}

TEST(CsvBatches, NeverCutsInsideQuotes) {
  // The second record's quoted field holds two line breaks.
  const std::string text = "a,1\n\"b\nx\ny\",2\nc,3\n";
  EXPECT_EQ(cuts_in_blocks(text, 1, text.size()), (std::vector<std::size_t>{4, 14, 18}));
}

TEST(CsvBatches, BlocksGiveTheCutsOfTheWholeText) {
  std::string text;
  for (int i = 0; i < 500; ++i)
    text += i % 7 == 0 ? "\"q,\n\"\"" + std::to_string(i) + "\"\",\n\",1\n" : "r" + std::to_string(i) + ",2\n";
  const std::vector<std::size_t> whole = cuts_in_blocks(text, 64, text.size());
  ASSERT_GT(whole.size(), 20u);
  for (std::size_t block : {1u, 3u, 17u, 64u, 1000u}) EXPECT_EQ(cuts_in_blocks(text, 64, block), whole) << block;
}

TEST(CsvBatches, FirstRecordEndSkipsQuotedLineBreaks) {
  EXPECT_EQ(first_record_end("\"a\nb\",c\nd\n"), 8u);
  EXPECT_EQ(first_record_end("a,b"), std::string_view::npos);
  EXPECT_EQ(first_record_end("\"a\n"), std::string_view::npos);
}

}  // namespace
}  // namespace layers::csv
