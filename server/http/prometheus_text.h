#pragma once
// Pieces of the Prometheus text exposition format (version 0.0.4), shared by
// the router's request metrics and the /metrics handler.
#include <string>

namespace server::http {

inline constexpr const char* kPrometheusMediaType = "text/plain; version=0.0.4; charset=utf-8";

// A sample value: the shortest decimals, never an exponent ("0.0005", "1").
std::string prometheus_number(double v);

// A label value with \, " and newline escaped (without the quotes).
std::string prometheus_label(const std::string& v);

// A family of one unlabelled sample: its HELP and TYPE lines, then the sample.
void append_prometheus_family(std::string& out, const std::string& name, const char* type, const char* help,
                              double value);

}  // namespace server::http
