#pragma once
// What the WMS 1.3.0 and WMTS 1.0.0 routes share: their key-value requests
// (parameter names case-insensitive, values not), the errors they answer
// with, and the one place those errors become OGC exception reports.
//
// Decision (issue 17): these services answer bad input with the OGC
// exception report their clients parse (WMS: ServiceExceptionReport 1.3.0,
// text/xml; WMTS: ows:ExceptionReport, application/xml), with a 4xx status
// and our own message, instead of the problem+json of the rest of the API:
// XML is the default (and, here, the only) exception format of both specs.
// Any other failure still takes the server's single problem mapping (500).
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// An OGC exception: code (InvalidParameterValue, MissingParameterValue,
// InvalidCRS, LayerNotDefined, StyleNotDefined, InvalidFormat, InvalidPoint,
// OperationNotSupported, TileOutOfRange, ...), the parameter it is about
// (locator, may be empty) and the HTTP status.
class OgcServiceError : public std::runtime_error {
 public:
  OgcServiceError(std::string code, std::string locator, const std::string& message, int status = 400);
  const std::string& code() const { return code_; }
  const std::string& locator() const { return locator_; }
  int status() const { return status_; }

 private:
  std::string code_, locator_;
  int status_;
};

// The parameters of a KVP request by upper-case name.
class Kvp {
 public:
  // Throws InvalidParameterValue when a name is repeated.
  explicit Kvp(const http::Request& r);
  std::optional<std::string> get(std::string_view upper_name) const;
  // Throws MissingParameterValue when absent or empty.
  std::string required(std::string_view upper_name) const;
  // Throws InvalidParameterValue naming the first parameter that is neither
  // in `known` (upper case) nor a vendor parameter (division and the filter's).
  void check_known(const std::vector<std::string_view>& known) const;
  // A request holding only the vendor parameters, named as the rest of the
  // API names them (lower case), for its filter and division parsers.
  http::Request vendor_request() const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;  // upper-case name, value
};

// The vendor parameters' names as capabilities document them.
const std::vector<std::string_view>& vendor_param_names();

// An integer in [min, max] or InvalidParameterValue naming the parameter.
int int_param(const std::string& name, const std::string& text, int min, int max);

enum class OgcService { wms, wmts };
// Runs build; an OgcServiceError, or an http::HttpError of a shared parser
// (the filter's), becomes the service's exception report with its 4xx
// status. Anything else propagates to the server's problem mapping.
http::Response ogc_answer(OgcService service, const std::function<http::Response()>& build);
// The report's bytes, for tests.
std::string exception_report(OgcService service, const OgcServiceError& e);

}  // namespace server::routes
