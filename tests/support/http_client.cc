#include "tests/support/http_client.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>

namespace test_support {
namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& headers = *static_cast<std::map<std::string, std::string>*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers.clear();  // a new response begins (after a 100 Continue, say)
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    const std::string name = lower(line.substr(0, colon));
    const std::string value(trim(line.substr(colon + 1)));
    auto [it, inserted] = headers.try_emplace(name, value);
    if (!inserted) it->second += ", " + value;
  }
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void check(CURLcode code, const char* what) {
  if (code != CURLE_OK) throw std::runtime_error(std::string(what) + ": " + curl_easy_strerror(code));
}

}  // namespace

HttpClient::HttpClient() {
  // curl_global_init is not thread-safe; tests create clients from threads.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  curl_ = curl_easy_init();
  if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

HttpResult HttpClient::get(const std::string& url, const HeaderList& headers) {
  return request("GET", url, "", headers);
}

HttpResult HttpClient::post(const std::string& url, const std::string& body, const std::string& content_type,
                            const HeaderList& headers) {
  HeaderList all = headers;
  all.emplace_back("Content-Type", content_type);
  return request("POST", url, body, all);
}

HttpResult HttpClient::request(const std::string& method, const std::string& url, const std::string& body,
                               const HeaderList& headers) {
  // Reset options between requests; the connection cache survives it.
  curl_easy_reset(curl_);
  HttpResult result;
  std::unique_ptr<curl_slist, SlistDeleter> fields;
  for (const auto& [name, value] : headers) {
    // "Name:" alone would delete a header in curl; "Name;" sends it empty.
    const std::string line = value.empty() ? name + ";" : name + ": " + value;
    curl_slist* extended = curl_slist_append(fields.get(), line.c_str());
    if (extended == nullptr) throw std::runtime_error("curl_slist_append failed");
    fields.release();
    fields.reset(extended);
  }

  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, fields.get());
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &result.headers);
  if (method == "HEAD") {
    curl_easy_setopt(curl_, CURLOPT_NOBODY, 1L);
  } else if (method == "POST") {
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
  } else if (method != "GET" || !body.empty()) {
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  if (method == "POST" || !body.empty()) {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }

  check(curl_easy_perform(curl_), (method + " " + url).c_str());
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &result.connects_made);
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);  // fields die with this scope
  return result;
}

}  // namespace test_support
