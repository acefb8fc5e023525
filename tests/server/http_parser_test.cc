// The HTTP/1.1 request parser alone (server/http/request_parser.h): framing,
// limits and the RFC 9112 checks, with input split at every byte boundary.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "geo/utf8.h"
#include "server/http/errors.h"
#include "server/http/request_parser.h"
#include "server/http/url.h"

namespace server::http {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

// Every request in input, fed in pieces of at most step bytes.
std::vector<ParsedRequest> parse_all(const std::string& input, std::size_t step = 0, ParserLimits limits = {}) {
  RequestParser parser(limits);
  std::vector<ParsedRequest> out;
  if (step == 0) step = input.size();
  for (std::size_t at = 0; at < input.size(); at += step) {
    parser.feed(std::string_view(input).substr(at, step));
    while (parser.advance()) out.push_back(parser.take());
  }
  return out;
}

// The status the parser throws for input, 0 if none; and the requests it completed.
int status_of(const std::string& input, ParserLimits limits = {}) {
  try {
    parse_all(input, 0, limits);
  } catch (const HttpError& e) {
    return e.status();
  }
  return 0;
}

TEST(RequestParser, ReadsTheRequestLineAndFields) {
  const auto requests = parse_all("GET /a/b?c=d HTTP/1.1\r\nHost: example.cl:8080\r\nX-Two:   spaced out  \r\n\r\n");
  ASSERT_EQ(requests.size(), 1u);
  const RequestHead& head = requests[0].head;
  EXPECT_EQ(head.method, "GET");
  EXPECT_EQ(head.target, "/a/b?c=d");
  EXPECT_EQ(head.version, "HTTP/1.1");
  EXPECT_EQ(head.fields, (Fields{{"host", "example.cl:8080"}, {"x-two", "spaced out"}}));
  EXPECT_EQ(requests[0].body, "");
}

TEST(RequestParser, EverySplitGivesTheSameRequests) {
  const std::string input =
      "POST /join HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world"
      "GET /x HTTP/1.1\r\nHost: h\r\n\r\n"
      "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n"
      "Trailer-Field: t\r\n\r\n"
      "GET /lf HTTP/1.1\nHost: h\n\n";
  for (std::size_t step : {1u, 2u, 3u, 7u, 64u, 4096u}) {
    const auto requests = parse_all(input, step);
    ASSERT_EQ(requests.size(), 4u) << "step " << step;
    EXPECT_EQ(requests[0].body, "hello world");
    EXPECT_EQ(requests[1].head.target, "/x");
    EXPECT_EQ(requests[2].body, "hello world");
    EXPECT_EQ(requests[3].head.target, "/lf");
  }
  // And split once at every position.
  for (std::size_t cut = 0; cut <= input.size(); ++cut) {
    RequestParser parser;
    std::size_t count = 0;
    parser.feed(std::string_view(input).substr(0, cut));
    while (parser.advance()) parser.take(), ++count;
    parser.feed(std::string_view(input).substr(cut));
    while (parser.advance()) parser.take(), ++count;
    EXPECT_EQ(count, 4u) << "cut at " << cut;
    EXPECT_FALSE(parser.started());
  }
}

TEST(RequestParser, HundredPipelinedRequestsInOneBuffer) {
  std::string input;
  for (int i = 0; i < 100; ++i) input += "GET /r/" + std::to_string(i) + " HTTP/1.1\r\nHost: h\r\n\r\n";
  const auto requests = parse_all(input);
  ASSERT_EQ(requests.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(requests[i].head.target, "/r/" + std::to_string(i));
}

TEST(RequestParser, LeadingEmptyLinesAreSkipped) {
  const auto requests = parse_all("\r\n\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].head.target, "/");
}

TEST(RequestParser, HostRules) {
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\n\r\n"), 400);                         // missing
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n"), 400);  // twice
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost : a\r\n\r\n"), 400);            // space before the colon
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: a b\r\n\r\n"), 400);           // not a host
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n"), 400);
  EXPECT_EQ(status_of("GET / HTTP/1.0\r\n\r\n"), 0);                          // HTTP/1.0 needs none
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost:\r\n\r\n"), 0);                 // empty is allowed (RFC 9112 3.2)
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n"), 0);
}

TEST(RequestParser, MalformedHeadsAre400) {
  for (const char* input : {
           "GET /\r\nHost: h\r\n\r\n",                              // no version
           "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",                    // two spaces
           "GET / HTTP/1.1 \r\nHost: h\r\n\r\n",                    // trailing space
           "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",                     // method not a token
           "GET /a\x01 HTTP/1.1\r\nHost: h\r\n\r\n",                // control in the target
           "GET /\xc3\xb1 HTTP/1.1\r\nHost: h\r\n\r\n",             // raw non-ASCII in the target
           "GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n",          // obsolete line folding
           "GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n",          // no colon
           "GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n",      // space in the name
           "GET / HTTP/1.1\r\nHost: h\r\n: x\r\n\r\n",              // empty name
           "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n: x\r\n\r\n",  // in a trailer
           "GET / HTTP/1.1\r\nHost: h\r\nX: a\x7f\r\n\r\n",         // DEL in a value
           "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n",               // bare CR
           "GET / HTTP/x.1\r\nHost: h\r\n\r\n",                     // version syntax
           "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n",
           "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
           "GET / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n",
           "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
           "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 6\r\n\r\nhello!",
           "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
           "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
           "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
           "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n\r\n",
           "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
           "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",  // no CRLF after data
       }) {
    EXPECT_EQ(status_of(input), 400) << input;
  }
}

TEST(RequestParser, FramingTheParserAccepts) {
  // Repeated agreeing lengths (RFC 9112 6.3 allows either way).
  auto requests = parse_all("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5\r\nContent-Length: 05\r\n\r\nhello");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].body, "hello");
  // Chunk sizes in either case, with extensions; trailers are dropped.
  requests = parse_all("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\nA ; x=\"y\"\r\n0123456789\r\n"
                       "0\r\nX-Sum: 1\r\n\r\n");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].body, "0123456789");
  EXPECT_EQ(requests[0].head.fields.size(), 2u);  // trailers are not fields
}

TEST(RequestParser, UnsupportedVersionsAndCodings) {
  EXPECT_EQ(status_of("GET / HTTP/2.0\r\nHost: h\r\n\r\n"), 505);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"), 501);
}

TEST(RequestParser, Limits) {
  ParserLimits limits;
  limits.max_head = 200;
  limits.max_fields = 3;
  limits.max_body = 10;
  EXPECT_EQ(status_of("GET /" + std::string(300, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n", limits), 414);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(300, 'a') + "\r\n\r\n", limits), 431);
  // The limit applies before the head is complete, too.
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(300, 'a'), limits), 431);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits), 431);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", limits), 0);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", limits), 413);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", limits), 413);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", limits), 0);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\n", limits),
            413);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n",
                      limits),
            413);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: " +
                          std::string(300, 'a') + "\r\n\r\n",
                      limits),
            431);
}

TEST(RequestParser, ReportsProgress) {
  RequestParser parser;
  EXPECT_FALSE(parser.started());
  parser.feed("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
  EXPECT_TRUE(parser.started());
  EXPECT_FALSE(parser.advance());
  EXPECT_TRUE(parser.head_complete());
  EXPECT_FALSE(parser.body_complete());
  EXPECT_EQ(parser.head().fields.at(1).second, "100-continue");
  parser.feed("abcGET");
  EXPECT_TRUE(parser.advance());
  EXPECT_EQ(parser.take().body, "abc");
  EXPECT_TRUE(parser.started());  // "GET" of the next request
  EXPECT_EQ(parser.buffered(), 3u);
  EXPECT_FALSE(parser.advance());
  EXPECT_FALSE(parser.head_complete());
}

TEST(Url, InvalidUtf8IsRefusedOnceDecoded) {
  EXPECT_TRUE(geo::is_valid_utf8("plain"));
  EXPECT_TRUE(geo::is_valid_utf8("\xc3\xb1" "and" "\xc3\xba \xf0\x9f\x97\xba"));
  for (const char* bad : {"\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\x80"}) {
    EXPECT_FALSE(geo::is_valid_utf8(bad)) << bad;
  }
  EXPECT_THROW(parse_query("q=%ff"), BadRequest);
  EXPECT_THROW(parse_query("%c3=1"), BadRequest);
  EXPECT_THROW(path_segments("/territories/%c0%af"), BadRequest);
  EXPECT_EQ(parse_query("q=%C3%B1u%C3%B1oa").at(0).second, "\xc3\xb1u\xc3\xb1oa");
}

}  // namespace
}  // namespace server::http
