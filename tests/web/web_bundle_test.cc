// The map page's joined modules (server/routes/web_bundle.h): the exact text
// for a small module graph, every line of the real web/ modules in the
// served bundle, the forms it refuses, and /map/app.bundle.js over HTTP
// (tag, 304, rebuilt after an edit).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "server/http/errors.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/routes/web.h"
#include "server/routes/web_bundle.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using server::routes::bundle_modules;
using server::routes::BundleError;
using server::routes::WebFiles;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

server::http::Request bundle_request(std::vector<std::pair<std::string, std::string>> headers = {}) {
  server::http::Request r;
  r.method = "GET";
  r.path = "/map/app.bundle.js";
  r.path_params["file"] = "app.bundle.js";
  r.headers = std::move(headers);
  return r;
}

std::string header(const server::http::Response& r, const char* name) {
  return server::http::find_header(r, name).value_or("");
}

TEST(WebBundle, JoinsModulesDepthFirstEachInItsOwnScope) {
  test_support::TempDir dir("territorio-bundle");
  dir.write("app.js",
            "// the app\n"
            "import { b, C as Renamed } from './b.js';\n"
            "import {\n  Map as LibMap,\n} from '/map/vendor/lib.mjs';\n"
            "import { a } from './a.js';\n"
            "const local = new Map();\n"
            "export function run() { return [b(), new Renamed(), LibMap, a, local]; }\n");
  dir.write("b.js",
            "import { a } from './a.js';\n"
            "export async function b() { return a; }\n"
            "export class C {}\n");
  dir.write("a.js", "export const a = 1;\n");
  const auto joined = bundle_modules(dir.path(""), "app.js");
  EXPECT_EQ(joined.text,
            "// The map page's modules joined by the server (server/routes/web_bundle.h); the sources are web/*.js.\n"
            "import * as __territorio_external_1 from '/map/vendor/lib.mjs';\n"
            "\n// web/a.js\nconst __territorio_a = (() => {\n"
            "const a = 1;\n"
            "return { a };\n})();\n"
            "\n// web/b.js\nconst __territorio_b = (() => {\n"
            "const { a } = __territorio_a;\n"
            "\n"
            "async function b() { return a; }\n"
            "class C {}\n"
            "return { b, C };\n})();\n"
            "\n// web/app.js\nconst __territorio_app = (() => {\n"
            "const { b, C: Renamed } = __territorio_b;\n"
            "const { Map: LibMap } = __territorio_external_1;\n"
            "const { a } = __territorio_a;\n"
            "// the app\n\n\n\n"
            "const local = new Map();\n"
            "function run() { return [b(), new Renamed(), LibMap, a, local]; }\n"
            "return { run };\n})();\n");
  ASSERT_EQ(joined.files.size(), 3U);
  EXPECT_EQ(joined.files[0].filename(), "a.js");
  EXPECT_EQ(joined.files[2].filename(), "app.js");
}

TEST(WebBundle, RefusesWhatItCannotReadRatherThanGuess) {
  for (const auto& [app, other] : std::vector<std::pair<std::string, std::string>>{
           {"import { x } from './x.js';\n", "import { y } from './app.js';\nexport const x = 1;\n"},  // a cycle
           {"export default 1;\n", ""},
           {"export let x = 1;\n", ""},
           {"export { x };\n", ""},
           {"import x from './x.js';\n", "export const x = 1;\n"},
           {"import * as x from './x.js';\n", "export const x = 1;\n"},
           {"import { x } from '../x.js';\n", ""},
           {"import { x } from 'x';\n", ""},
           {"import { x } from './missing.js';\n", ""},
           {"import { x } from './x.js'\n", ""},
       }) {
    test_support::TempDir dir("territorio-bundle");
    dir.write("app.js", app);
    if (!other.empty()) dir.write("x.js", other);
    EXPECT_THROW(bundle_modules(dir.path(""), "app.js"), BundleError) << app;
  }
}

// Every module of web/ but embed.js (a page script of its own) is joined,
// and every line of each that is not an import is in the bundle as written,
// less `export `.
TEST(WebBundle, TheRealPageJoinsEveryModuleWithEveryLine) {
  const fs::path web = server::routes::default_web_dir();
  const auto joined = bundle_modules(web, "app.js");
  std::set<std::string> expected, got;
  for (const auto& e : fs::directory_iterator(web))
    if (e.path().extension() == ".js" && e.path().filename() != "embed.js") expected.insert(e.path().filename());
  for (const auto& f : joined.files) got.insert(f.filename());
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got.size(), joined.files.size());

  std::multiset<std::string> lines;
  {
    std::size_t pos = 0;
    while (pos < joined.text.size()) {
      const auto end = std::min(joined.text.find('\n', pos), joined.text.size());
      lines.insert(joined.text.substr(pos, end - pos));
      pos = end + 1;
    }
  }
  for (const auto& f : joined.files) {
    const std::string text = read_file(f);
    bool in_import = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
      const auto end = std::min(text.find('\n', pos), text.size());
      std::string line = text.substr(pos, end - pos);
      pos = end + 1;
      if (line.starts_with("import ")) in_import = true;
      if (in_import) {
        in_import = line.find(';') == std::string::npos;
        continue;
      }
      if (line.starts_with("export ")) line.erase(0, 7);
      const auto it = lines.find(line);
      ASSERT_NE(it, lines.end()) << f << ": " << line;
      lines.erase(it);
    }
  }
  EXPECT_EQ(joined.text.find("from './"), std::string::npos);
  EXPECT_NE(joined.text.find("import * as __territorio_external_1 from '/map/vendor/maplibre-gl.mjs';\n"),
            std::string::npos);
}

TEST(WebBundle, ServedWithATagAnd304AndBuiltAgainAfterAnEdit) {
  test_support::TempDir dir("territorio-bundle");
  dir.write("app.js", "import { a } from './a.js';\nconsole.log(a);\n");
  const std::string a = dir.write("a.js", "export const a = 1;\n");
  fs::last_write_time(a, fs::file_time_type::clock::now() - std::chrono::hours(1));
  const WebFiles files{fs::path(dir.path(""))};

  const auto first = files.app_file(bundle_request());
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(first.body, bundle_modules(dir.path(""), "app.js").text);
  EXPECT_EQ(header(first, "Cache-Control"), "no-cache");
  const std::string etag = header(first, "ETag");
  ASSERT_EQ(etag.substr(0, 4), "W/\"b");

  const auto again = files.app_file(bundle_request({{"if-none-match", etag}}));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  dir.write("a.js", "export const a = 22;\n");
  fs::last_write_time(a, fs::file_time_type::clock::now() - std::chrono::minutes(30));
  const auto edited = files.app_file(bundle_request({{"if-none-match", etag}}));
  EXPECT_EQ(edited.status, 200);
  EXPECT_NE(edited.body.find("const a = 22;"), std::string::npos);
  EXPECT_NE(header(edited, "ETag"), etag);

  auto with_param = bundle_request();
  with_param.query.emplace_back("x", "1");
  EXPECT_THROW(files.app_file(with_param), server::http::HttpError);
}

}  // namespace
