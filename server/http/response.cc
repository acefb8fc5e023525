#include "server/http/response.h"

#include <algorithm>

#include "server/http/text.h"

namespace server::http {

Response json(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response empty(int status) {
  Response response;
  response.status = status;
  response.content_type.clear();
  return response;
}

std::optional<std::string> find_header(const Response& response, std::string_view name) {
  for (const auto& [field, value] : response.headers) {
    if (iequals(field, name)) return value;
  }
  return std::nullopt;
}

std::string body_of(Response& response) {
  if (!response.stream) return response.body;
  std::string out;
  out.reserve(response.stream->size());
  for (std::string piece = response.stream->read(1 << 20); !piece.empty(); piece = response.stream->read(1 << 20))
    out += piece;
  response.stream.reset();
  return out;
}

void set_header(Response& response, std::string name, std::string value) {
  std::erase_if(response.headers, [&](const auto& field) { return iequals(field.first, name); });
  response.headers.emplace_back(std::move(name), std::move(value));
}

}  // namespace server::http
