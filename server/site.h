#pragma once
// What routes need to know about the deployment: the public base URL links
// are built from (empty: from X-Forwarded-Proto/-Host, then Host) and the
// bundled data directory (static reference data such as census zones).
#include <string>

#include "server/http/request.h"

namespace server {

struct Site {
  std::string public_url;  // --public-url, e.g. https://territorio.example.cl/api
  std::string data_dir;    // --data; empty: the repository's data/
};

// The base URL of this request, without a trailing '/': the configured
// public URL, else X-Forwarded-Proto + X-Forwarded-Host, else the Host
// header over http. Header values that could inject markup are refused.
std::string base_url(const http::Request& r, const Site& site);

}  // namespace server
