// The RFC 4180 writer: quoting only where needed, CRLF line ends.
#include <gtest/gtest.h>

#include "server/encode/csv.h"

namespace {

TEST(CsvWriter, QuotesOnlyWhatNeedsIt) {
  server::encode::CsvWriter w;
  w.row({"code", "name"});
  w.row({"05101", "Valparaíso"});
  w.row({"x", "a,b"});
  w.row({"y", "say \"hi\""});
  w.row({"z", "two\nlines"});
  w.row({"", ""});
  EXPECT_EQ(w.text(),
            "code,name\r\n05101,Valparaíso\r\nx,\"a,b\"\r\ny,\"say \"\"hi\"\"\"\r\nz,\"two\nlines\"\r\n,\r\n");
  EXPECT_EQ(server::encode::csv_field("a\rb"), "\"a\rb\"");
}

TEST(CsvWriter, FieldByField) {
  server::encode::CsvWriter w;
  w.field("a");
  w.field("");
  w.field("c");
  w.end_row();
  EXPECT_EQ(w.take(), "a,,c\r\n");
}

}  // namespace
