#include "server/routes/ogc_service_kvp.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "layers/styles/style_xml.h"
#include "server/filter_params.h"
#include "server/http/errors.h"

namespace server::routes {

OgcServiceError::OgcServiceError(std::string code, std::string locator, const std::string& message, int status)
    : std::runtime_error(message), code_(std::move(code)), locator_(std::move(locator)), status_(status) {}

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Vendor parameters may repeat (area=a&area=b), as in the rest of the API.
bool is_vendor(const std::string& upper_name) {
  const std::vector<std::string_view>& names = vendor_param_names();
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return upper(n) == upper_name; });
}

}  // namespace

const std::vector<std::string_view>& vendor_param_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out = {"division"};
    out.insert(out.end(), filter_param_names().begin(), filter_param_names().end());
    return out;
  }();
  return names;
}

Kvp::Kvp(const http::Request& r) {
  for (const auto& [name, value] : r.query) {
    std::string key = upper(name);
    if (!is_vendor(key) &&
        std::any_of(params_.begin(), params_.end(), [&](const auto& kv) { return kv.first == key; }))
      throw OgcServiceError("InvalidParameterValue", key, "parameter " + key + " is given more than once");
    params_.emplace_back(std::move(key), value);
  }
}

std::optional<std::string> Kvp::get(std::string_view upper_name) const {
  for (const auto& [k, v] : params_)
    if (k == upper_name) return v;
  return std::nullopt;
}

std::string Kvp::required(std::string_view upper_name) const {
  auto v = get(upper_name);
  if (!v || v->empty())
    throw OgcServiceError("MissingParameterValue", std::string(upper_name),
                          "missing parameter " + std::string(upper_name));
  return *v;
}

void Kvp::check_known(const std::vector<std::string_view>& known) const {
  for (const auto& [k, v] : params_) {
    if (is_vendor(k) || std::find(known.begin(), known.end(), k) != known.end()) continue;
    throw OgcServiceError("InvalidParameterValue", k, "unknown parameter " + k);
  }
}

http::Request Kvp::vendor_request() const {
  http::Request r;
  r.method = "GET";
  for (const auto& [k, v] : params_)
    if (is_vendor(k)) r.query.emplace_back(lower(k), v);
  return r;
}

int int_param(const std::string& name, const std::string& text, int min, int max) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max)
    throw OgcServiceError("InvalidParameterValue", name,
                          name + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  return v;
}

std::string exception_report(OgcService service, const OgcServiceError& e) {
  using layers::style_xml::escape;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  const std::string locator = e.locator().empty() ? "" : " locator=\"" + escape(e.locator()) + "\"";
  if (service == OgcService::wms) {
    out += "<ServiceExceptionReport version=\"1.3.0\" xmlns=\"http://www.opengis.net/ogc\""
           " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.opengis.net/ogc"
           " http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd\">\n<ServiceException code=\"" +
           escape(e.code()) + "\"" + locator + ">" + escape(e.what()) + "</ServiceException>\n</ServiceExceptionReport>\n";
  } else {
    out += "<ows:ExceptionReport xmlns:ows=\"http://www.opengis.net/ows/1.1\" version=\"1.0.0\" xml:lang=\"en\">\n"
           "<ows:Exception exceptionCode=\"" +
           escape(e.code()) + "\"" + locator + "><ows:ExceptionText>" + escape(e.what()) +
           "</ows:ExceptionText></ows:Exception>\n</ows:ExceptionReport>\n";
  }
  return out;
}

http::Response ogc_answer(OgcService service, const std::function<http::Response()>& build) {
  auto report = [service](const OgcServiceError& e) {
    http::Response r;
    r.status = e.status();
    r.content_type = service == OgcService::wms ? "text/xml; charset=utf-8" : "application/xml; charset=utf-8";
    r.body = exception_report(service, e);
    return r;
  };
  try {
    return build();
  } catch (const OgcServiceError& e) {
    return report(e);
  } catch (const http::HttpError& e) {
    // The shared parsers' 4xx (the filter's values): their detail is ours
    // and names the parameter.
    if (e.status() >= 500) throw;
    std::string locator;
    if (e.extras().contains("parameter") && e.extras()["parameter"].is_string())
      locator = upper(e.extras()["parameter"].get<std::string>());
    return report(OgcServiceError("InvalidParameterValue", locator,
                                  e.detail(), e.status()));
  }
}

}  // namespace server::routes
