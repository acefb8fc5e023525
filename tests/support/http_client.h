#pragma once
// A small blocking HTTP client for tests, on libcurl. One client holds one
// curl handle, so consecutive requests reuse its connection the way a
// browser or a script would; use one client per thread.
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace test_support {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; repeats joined with ", "
  std::string body;
  long connects_made = 0;  // new connections this request opened: 0 when one was reused
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult get(const std::string& url, const HeaderList& headers = {});
  HttpResult post(const std::string& url, const std::string& body, const std::string& content_type,
                  const HeaderList& headers = {});
  // Any method; HEAD asks for no body. Throws std::runtime_error when the
  // transfer itself fails (connection refused, timeout).
  HttpResult request(const std::string& method, const std::string& url, const std::string& body = "",
                     const HeaderList& headers = {});

 private:
  void* curl_;  // CURL*, which curl.h defines as void*
};

}  // namespace test_support
