// Framing of the map (issue 16: ?embed=1 in a regional government's site):
// /map may be framed by any site, whatever its query; the OGC HTML pages
// only by our own, and the API's JSON carries no page policy, as before.
// X-Frame-Options follows each policy's frame-ancestors.
#include <gtest/gtest.h>

#include <string>

#include "server/http/security_headers.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace {

using server::http::frame_options_for;
using test_support::HttpClient;
using test_support::HttpResult;
using test_support::ServerProcess;

TEST(FrameOptions, FollowTheFrameAncestorsOfThePolicy) {
  EXPECT_EQ(frame_options_for("default-src 'self'; frame-ancestors 'none'"), "DENY");
  EXPECT_EQ(frame_options_for("default-src 'self'; frame-ancestors"), "DENY");
  EXPECT_EQ(frame_options_for("frame-ancestors 'self'; object-src 'none'"), "SAMEORIGIN");
  EXPECT_EQ(frame_options_for("FRAME-ANCESTORS  'SELF' "), "SAMEORIGIN");
  EXPECT_EQ(frame_options_for("default-src 'self'"), "SAMEORIGIN");
  EXPECT_EQ(frame_options_for(""), "SAMEORIGIN");
  EXPECT_EQ(frame_options_for("frame-ancestors *"), std::nullopt);
  EXPECT_EQ(frame_options_for("frame-ancestors 'self' https://gore.example.cl"), std::nullopt);
  // A directive whose name only starts like it is another directive.
  EXPECT_EQ(frame_options_for("frame-ancestors-x 'none'"), "SAMEORIGIN");
}

class MapFraming : public testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess(TERRITORIO_TEST_STORE); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::string url(const std::string& path) { return server_->url(path); }
  static inline ServerProcess* server_ = nullptr;
  HttpClient client_;
};

TEST_F(MapFraming, AnySiteMayFrameTheMapWithAnyQuery) {
  for (const char* path : {"/map", "/map?embed=1", "/map?embed=1&level=commune&area=Social&unit=13105",
                           "/map?utm_source=boletin&fbclid=x", "/map?embed=yes&level=&zoom=NaN"}) {
    const HttpResult r = client_.get(url(path));
    EXPECT_EQ(r.status, 200) << path;
    ASSERT_TRUE(r.headers.contains("content-security-policy")) << path;
    const std::string policy = r.headers.at("content-security-policy");
    EXPECT_TRUE(policy.ends_with("; frame-ancestors *")) << path << ": " << policy;
    EXPECT_EQ(policy.find("frame-ancestors"), policy.rfind("frame-ancestors")) << policy;  // only once
    EXPECT_FALSE(r.headers.contains("x-frame-options")) << path << ": " << r.headers.at("x-frame-options");
  }
}

TEST_F(MapFraming, TheApiKeepsItsFramingRules) {
  const HttpResult html = client_.get(url("/collections"), {{"Accept", "text/html"}});
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.headers.at("content-security-policy").find("frame-ancestors 'self'"), std::string::npos);
  EXPECT_EQ(html.headers.at("x-frame-options"), "SAMEORIGIN");
  for (const char* path : {"/coverage?level=region", "/collections/communes/items?limit=1", "/tiles/communes.json"}) {
    const HttpResult r = client_.get(url(path));
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_FALSE(r.headers.contains("content-security-policy")) << path;
    EXPECT_FALSE(r.headers.contains("x-frame-options")) << path;
  }
  // The map's own files are not pages: no policy, no framing field.
  const HttpResult script = client_.get(url("/map/app.js"));
  EXPECT_EQ(script.status, 200);
  EXPECT_FALSE(script.headers.contains("x-frame-options"));
}

}  // namespace
