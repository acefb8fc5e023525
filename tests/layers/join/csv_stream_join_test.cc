// The streaming CSV join (layers/join/csv_stream_join.h) against the GDAL
// path it stands in for: batch_join with JoinReader::gdal on the same file
// must give the same bytes, whatever the CSV holds; the streaming reader
// must take the ordinary files itself and leave the rest to GDAL.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "layers/join/batch_join.h"
#include "tests/support/fixture_store.h"
#include "tests/support/temp_dir.h"

namespace {

const layers::Catalog& catalog() { return test_support::fixture_registry().catalog(); }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CsvStreamJoin : public ::testing::Test {
 protected:
  struct Both {
    std::string streamed, gdal;
    layers::BatchJoinReport report, gdal_report;
  };
  // Joins text both ways (the streaming one with `threads` join threads).
  Both join(const std::string& text, unsigned threads = 2) {
    const std::string in = dir_.write("in" + std::to_string(n_) + ".csv", text);
    const std::string a = dir_.path("a" + std::to_string(n_) + ".csv"), b = dir_.path("b" + std::to_string(n_) + ".csv");
    ++n_;
    Both r;
    layers::BatchJoinOptions streaming;
    streaming.threads = threads;
    r.report = layers::batch_join(catalog(), in, a, streaming);
    layers::BatchJoinOptions gdal;
    gdal.reader = layers::JoinReader::gdal;
    r.gdal_report = layers::batch_join(catalog(), in, b, gdal);
    r.streamed = slurp(a);
    r.gdal = slurp(b);
    return r;
  }
  // Same bytes, same counts, read by `reader`.
  void expect_same(const std::string& text, const std::string& reader) {
    SCOPED_TRACE(text.substr(0, 200));
    const Both r = join(text);
    EXPECT_EQ(r.streamed, r.gdal);
    EXPECT_EQ(r.report.records, r.gdal_report.records);
    EXPECT_EQ(r.report.by_basis, r.gdal_report.by_basis);
    EXPECT_EQ(r.report.reader, reader);
  }
  test_support::TempDir dir_{"territorio-csv-stream"};
  int n_ = 0;
};

TEST_F(CsvStreamJoin, QuotingOfStringsAsGdalWritesIt) {
  expect_same(
      "id,lon,lat,name\n"
      "1,-70.6506,-33.4378,plaza\n"
      "2,-70.6506,-33.4378,\"a, b\"\n"
      "3,-70.6506,-33.4378,\"say \"\"hi\"\"\"\n"
      "4,-70.6506,-33.4378,a;b\n"
      "5,-70.6506,-33.4378,\"tab\there\"\n"
      "6,-70.6506,-33.4378,\"two\nlines\"\n"
      "7,-70.6506,-33.4378,\"cr\r\nlf\"\n"
      "8,-70.6506,-33.4378,12.5\n"
      "9,-70.6506,-33.4378,007\n"
      "10,-70.6506,-33.4378,1e5\n"
      "11,-70.6506,-33.4378, 12 \n"
      "12,-70.6506,-33.4378,-\n"
      "13,-70.6506,-33.4378,+5\n"
      "14,-70.6506,-33.4378,\"\"\n"
      "15,-70.6506,-33.4378, lead and trail \n"
      "16,-70.6506,-33.4378,Valparaíso\n"
      "17,-70.6506,-33.4378,\"quoted\"\n"
      "18,-70.6506,-33.4378,de\n"
      "19,-70.6506,-33.4378,0x1F\n"
      "20,-70.6506,-33.4378,\xff\xfe not utf-8\n"
      "21,-70.6506,-33.4378,bell\x07\n",
      "csv");
}

TEST_F(CsvStreamJoin, LineEndingsBomBlankLinesAndNoFinalBreak) {
  expect_same("id,lon,lat\r\n1,-70.6506,-33.4378\r\n\r\n2,-70,-33\r\n", "csv");
  expect_same("\xEF\xBB\xBFid,lon,lat\n1,-70.6506,-33.4378\n\n\n2,-71.5,-33.0\n", "csv");
  expect_same("id,lon,lat\n1,-70.6506,-33.4378\n2,-72.1,-36.8", "csv");
  expect_same("id,lon,lat\n1,-70.6506,-33.4378\n   \n2,-72.1,-36.8\n", "csv");
}

TEST_F(CsvStreamJoin, CoordinatesOfEveryShape) {
  expect_same(
      "id,lon,lat\n"
      "1,-70,-33\n"          // integers
      "2,-70.5,-33\n"        // one integer
      "3,70.5,33\n"          // positive: "33.0" in the WKT
      "4,-70.,-33\n"         // a trailing dot
      "5,+70,-33\n"
      "6, -70.5 ,-33.5\n"    // spaces
      "7,\"-70.5\",\"-33.5\"\n"
      "8,-7e1,-3.3e1\n"      // exponents
      "9,-70D0,-33\n"        // GDAL reads a Fortran exponent
      "10,abc,-33\n"         // not a number
      "11,,-33\n"            // one empty
      "12,,\n"               // both empty
      "13,-0.5,0.25\n"       // below 1
      "14,0,0\n"
      "15,-0,0\n"
      "16,1e400,-33\n"
      "17,123456789.123456789,-1e-20\n"
      "18,12345678901234567890,1\n"
      "19,-70.65060000000001,-33.4378\n"
      "20,-109.35,-27.12\n"  // Rapa Nui
      "21,-75,-33\n"         // the sea
      "22,-65,-30\n"         // Argentina
      "23,-70.65,-33.44,extra\n"
      "24,-70.65\n"
      "25,nan,inf\n",
      "csv");
}

TEST_F(CsvStreamJoin, ManyRandomDecimalsFormatAsGdal) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> lon(-76, -66.4), lat(-56, -17.5), any(-200, 200);
  std::string text = "id,lon,lat\n";
  char buf[96];
  for (int i = 0; i < 3000; ++i) {
    const char* formats[] = {"%d,%.6f,%.6f\n", "%d,%.15g,%.15g\n", "%d,%.17g,%.17g\n", "%d,%.1f,%.0f\n", "%d,%.3f,%.9f\n"};
    const bool chile = i % 3 != 0;
    std::snprintf(buf, sizeof buf, formats[i % 5], i, chile ? lon(rng) : any(rng), chile ? lat(rng) : any(rng));
    text += buf;
  }
  expect_same(text, "csv");
}

TEST_F(CsvStreamJoin, HeadersItDoesNotTakeGoToGdal) {
  expect_same("id,Longitude,LATITUDE,x1\n1,-70.6506,-33.4378,a\n", "csv");
  expect_same("name,x,y\nplaza,-70.6506,-33.4378\n", "csv");
  expect_same("id;lon;lat\n1;-70.6506;-33.4378\n", "gdal");
  expect_same("id,lon,lat,wkt\n1,-70.6506,-33.4378,\n", "gdal");
  expect_same("id,wkt\n1,\"POLYGON ((-70.7 -33.5, -70.6 -33.5, -70.6 -33.4, -70.7 -33.4, -70.7 -33.5))\"\n2,\"POINT (-70.65 -33.44)\"\n3,\n",
              "gdal");
  expect_same("id,lon,x,lat\n1,-70.6506,-71,-33.4378\n", "gdal");
  expect_same("id,\"lon\",lat\n1,-70.6506,-33.4378\n", "gdal");
  EXPECT_ANY_THROW(join("id,lon,lat,id\n1,-70.6506,-33.4378,2\n"));  // GDAL refuses it on both paths
  expect_same("id,lon,lat", "gdal");
}

TEST_F(CsvStreamJoin, StrayQuotesSendTheWholeFileToGdal) {
  const Both r = join("id,lon,lat,s\n1,-70.6506,-33.4378,a\"b\n2,-70.6506,-33.4378,\"x\"\n");
  EXPECT_EQ(r.streamed, r.gdal);
  EXPECT_EQ(r.report.reader, "gdal");
  ASSERT_FALSE(r.report.notes.empty());
  EXPECT_EQ(r.report.notes[0], "line 2: a quote inside an unquoted field: the file is read by GDAL's CSV reader instead");
  expect_same("id,lon,lat,s\n1,-70.6506,-33.4378,\"open\n2,-70,-33,x\n", "gdal");
}

TEST_F(CsvStreamJoin, MalformedRecordsAreNamedByLine) {
  const Both r = join("id,lon,lat\n1,-70.6506,-33.4378\n2,abc,-33\n\n3,-70.6506\n4,-70.6506,-33.4378,x\n5,-70D0,-33\n");
  EXPECT_EQ(r.streamed, r.gdal);
  EXPECT_EQ(r.report.reader, "csv");
  EXPECT_EQ(r.report.notes,
            (std::vector<std::string>{
                "line 3: lon 'abc' is not a number (written without a point)",
                "line 5: 2 fields where the header has 3 (missing fields are written empty, extra ones dropped)",
                "line 6: 4 fields where the header has 3 (missing fields are written empty, extra ones dropped)"}));
  EXPECT_EQ(r.report.records, 5u);
}

// Batches of about 1 MiB: records with quoted line breaks and odd rows fall
// on both sides of many cuts; one thread and two give the same bytes.
TEST_F(CsvStreamJoin, ManyBatchesInInputOrder) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> lon(-76, -66.4), lat(-56, -17.5);
  std::string text = "id,lon,lat,note\n";
  char buf[128];
  for (int i = 0; i < 120000; ++i) {
    const char* note = i % 997 == 0 ? "\"a\nb, \"\"c\"\"\"" : i % 1009 == 0 ? "7" : "ok";
    if (i % 4999 == 0) std::snprintf(buf, sizeof buf, "%d,%.6f\n", i, lon(rng));
    else std::snprintf(buf, sizeof buf, "%d,%.6f,%.6f,%s\n", i, lon(rng), lat(rng), note);
    text += buf;
  }
  const Both two = join(text, 2);
  EXPECT_EQ(two.report.reader, "csv");
  EXPECT_EQ(two.report.records, 120000u);
  EXPECT_EQ(two.streamed, two.gdal);
  const Both one = join(text, 1);
  EXPECT_EQ(one.streamed, two.streamed);
}

}  // namespace
