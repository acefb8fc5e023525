// The response head as the server writes it (server/http/response_head.h):
// the Date field is an IMF-fixdate whatever the locale (spelled once a
// second per thread since issue 18), and the room reserved for the body
// changes no byte.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "server/http/response_head.h"

namespace {

using namespace server::http;

std::string without_date(std::string head) {
  const auto at = head.find("Date: ");
  const auto end = head.find("\r\n", at);
  return head.erase(at, end + 2 - at);
}

TEST(ResponseHead, DateIsAnImfFixdate) {
  Response r = json(200, "{}");
  const std::string head = response_head(r, 2, ConnectionField::none);
  EXPECT_TRUE(std::regex_search(
      head, std::regex("\r\nDate: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
                       "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT\r\n")))
      << head;
}

TEST(ResponseHead, RoomForTheBodyChangesNoByte) {
  Response r = json(200, R"({"status":"ok"})");
  r.headers.emplace_back("ETag", "W/\"g2-0123456789abcdef\"");
  const std::string plain = response_head(r, r.body.size(), ConnectionField::none);
  const std::string roomy = response_head(r, r.body.size(), ConnectionField::none, 1 << 16);
  EXPECT_EQ(without_date(plain), without_date(roomy));
  EXPECT_EQ(without_date(plain),
            "HTTP/1.1 200 OK\r\nETag: W/\"g2-0123456789abcdef\"\r\nContent-Type: application/json\r\n"
            "Content-Length: 15\r\n\r\n");
}

}  // namespace
