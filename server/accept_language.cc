#include "server/accept_language.h"

#include <cctype>
#include <cstddef>
#include <limits>
#include <optional>
#include <vector>

namespace server {
namespace {

constexpr std::size_t kMaxEntries = 64;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// "*" or 1*8ALPHA *("-" 1*8alphanum).
bool valid_range(std::string_view r) {
  if (r == "*") return true;
  std::size_t run = 0;
  bool first = true;
  for (char c : r) {
    if (c == '-') {
      if (run == 0) return false;
      run = 0;
      first = false;
    } else if ((first ? is_alpha(c) : is_alnum(c)) && ++run <= 8) {
      continue;
    } else {
      return false;
    }
  }
  return run > 0;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
std::optional<int> qvalue(std::string_view v) {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return std::nullopt;
  int thousandths = v[0] == '1' ? 1000 : 0;
  if (v.size() == 1) return thousandths;
  if (v[1] != '.' || v.size() > 5) return std::nullopt;
  int scale = 100;
  for (char c : v.substr(2)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    thousandths += (c - '0') * scale;
    scale /= 10;
  }
  if (thousandths > 1000) return std::nullopt;
  return thousandths;
}

bool primary_is(std::string_view range, std::string_view tag) {
  const std::string_view primary = range.substr(0, range.find('-'));
  if (primary.size() != tag.size()) return false;
  for (std::size_t i = 0; i < tag.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(primary[i])) != tag[i]) return false;
  return true;
}

struct Weight {
  int q = -1;  // -1: no range names it
  std::size_t position = std::numeric_limits<std::size_t>::max();
};

}  // namespace

std::string_view preferred_language(std::string_view field, std::span<const std::string_view> offered) {
  if (offered.empty()) return {};
  std::vector<Weight> named(offered.size());
  Weight any;
  std::size_t position = 0;
  while (!field.empty() && position < kMaxEntries) {
    const std::size_t comma = field.find(',');
    const std::string_view element = trim(field.substr(0, comma));
    field = comma == std::string_view::npos ? std::string_view{} : field.substr(comma + 1);
    if (element.empty()) continue;
    ++position;
    const std::size_t semi = element.find(';');
    const std::string_view range = trim(element.substr(0, semi));
    std::optional<int> q = 1000;
    if (semi != std::string_view::npos) {
      const std::string_view weight = trim(element.substr(semi + 1));
      q = weight.size() > 2 && (weight[0] == 'q' || weight[0] == 'Q') && weight[1] == '=' ? qvalue(weight.substr(2))
                                                                                            : std::nullopt;
    }
    if (!q || !valid_range(range)) continue;
    if (range == "*") {
      if (*q > any.q) any = {*q, position};
      continue;
    }
    for (std::size_t i = 0; i < offered.size(); ++i)
      if (primary_is(range, offered[i]) && *q > named[i].q) named[i] = {*q, position};
  }
  std::size_t best = 0;
  Weight best_weight;
  for (std::size_t i = 0; i < offered.size(); ++i) {
    const Weight w = named[i].q >= 0 ? named[i] : any;
    if (w.q > best_weight.q || (w.q == best_weight.q && w.position < best_weight.position)) {
      best = i;
      best_weight = w;
    }
  }
  return best_weight.q > 0 ? offered[best] : offered[0];
}

}  // namespace server
