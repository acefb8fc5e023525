#include "layers/join/gazetteer.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "layers/model/text_normalize.h"

namespace layers {
namespace {

// Alternative spellings in common use. Codes are 2018 codes; an alias applies
// to the unit with that level and code in every division where it exists
// (so region 16 "Ñuble" only in 2018). Variants that differ from the official
// name only in accents, case, spaces or punctuation ("Bío Bío", "Llay Llay",
// "Padre las Casas", "OHiggins", "Til Til") need no row: normalization
// already makes them equal.
struct AliasRow {
  std::string_view alias;
  Level level;
  std::string_view code;
};

constexpr AliasRow kAliases[] = {
    // Regions: short forms of the official long names.
    {"O'Higgins", Level::region, "06"},
    {"Bernardo O'Higgins", Level::region, "06"},
    {"Libertador Bernardo O'Higgins", Level::region, "06"},
    {"Araucanía", Level::region, "09"},
    {"Aysén", Level::region, "11"},
    {"Aisén", Level::region, "11"},
    {"Aysén del General Carlos Ibáñez", Level::region, "11"},
    {"Aisén del General Carlos Ibáñez del Campo", Level::region, "11"},
    {"Magallanes", Level::region, "12"},
    {"Magallanes y Antártica Chilena", Level::region, "12"},
    {"Magallanes y la Antártica Chilena", Level::region, "12"},
    {"Metropolitana", Level::region, "13"},
    {"Región Metropolitana", Level::region, "13"},
    {"RM", Level::region, "13"},
    {"Arica Parinacota", Level::region, "15"},
    {"Región de Arica", Level::region, "15"},
    // Provinces: former or colloquial names, and spellings matching the
    // commune aliases below so that a variant is as ambiguous as the
    // official spelling it stands for.
    {"Rapa Nui", Level::province, "052"},
    {"San Felipe", Level::province, "057"},
    {"Coihaique", Level::province, "111"},
    {"Aisén", Level::province, "112"},
    // Communes: SUBDERE spellings and the names of their head towns.
    {"Paiguano", Level::commune, "04105"},
    {"Archipiélago Juan Fernández", Level::commune, "05104"},
    {"Rapa Nui", Level::commune, "05201"},
    {"La Calera", Level::commune, "05502"},
    {"Llay-Llay", Level::commune, "05703"},
    {"San Francisco de Mostazal", Level::commune, "06110"},
    {"San Vicente de Tagua Tagua", Level::commune, "06117"},
    {"Marchihue", Level::commune, "06204"},
    {"Puerto Saavedra", Level::commune, "09116"},
    {"Coihaique", Level::commune, "11101"},
    {"Aisén", Level::commune, "11201"},
    {"Puerto Aysén", Level::commune, "11201"},
    {"Puerto Aisén", Level::commune, "11201"},
    {"Puerto Cisnes", Level::commune, "11202"},
    {"Villa O'Higgins", Level::commune, "11302"},
    {"Caleta Tortel", Level::commune, "11303"},
    {"Puerto Natales", Level::commune, "12401"},
    {"Santiago Centro", Level::commune, "13101"},
    {"San José de la Mariquina", Level::commune, "14106"},
    {"Trehuaco", Level::commune, "16207"},
    {"San Fabián de Alico", Level::commune, "16304"},
};

// Generic leading words of a query ("Región del Biobío", "Comuna de
// Llay-Llay"), compared as whole folded words: stripping the string prefix
// "regiondel" would break "Región de Los Lagos".
struct GenericWords {
  std::string_view first;
  std::string_view second;  // "" when one word
  Level level;
};

constexpr GenericWords kGenericWords[] = {
    {"region", "", Level::region},
    {"provincia", "", Level::province},
    {"comuna", "", Level::commune},
    {"municipalidad", "", Level::commune},
    {"ilustre", "municipalidad", Level::commune},
    {"i", "municipalidad", Level::commune},
};

struct Stripped {
  std::vector<std::string> tokens;
  Level level;
};

// The query words after a generic prefix and an optional "de"/"del" (maybe
// none: "Región de" alone), or nothing when there is no such prefix.
std::optional<Stripped> strip_generic(const std::vector<std::string>& tokens) {
  for (const GenericWords& g : kGenericWords) {
    std::size_t skip = g.second.empty() ? 1 : 2;
    if (tokens.size() < skip || tokens[0] != g.first) continue;
    if (!g.second.empty() && tokens[1] != g.second) continue;
    if (skip < tokens.size() && (tokens[skip] == "de" || tokens[skip] == "del")) ++skip;
    return Stripped{{tokens.begin() + static_cast<std::ptrdiff_t>(skip), tokens.end()}, g.level};
  }
  return std::nullopt;
}

std::string join(const std::vector<std::string>& tokens) {
  std::string joined;
  for (const std::string& t : tokens) joined += t;
  return joined;
}

auto identity(const GazetteerEntry& e) { return std::tie(e.level, e.code, e.division); }

}  // namespace

Gazetteer::Gazetteer(std::vector<GazetteerEntry> entries) : entries_(std::move(entries)) {
  // Sorting once makes entry order the required result order.
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const GazetteerEntry& a, const GazetteerEntry& b) { return identity(a) < identity(b); });
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const GazetteerEntry& a, const GazetteerEntry& b) {
                               return identity(a) == identity(b);
                             }),
                 entries_.end());
  // Official names first, so an alias equal to one is dropped as redundant.
  for (std::uint32_t i = 0; i < entries_.size(); ++i) add_name(i, entries_[i].name, false);
  add_aliases();
  for (auto& [key, list] : by_key_)
    std::sort(list.begin(), list.end(),
              [this](std::uint32_t a, std::uint32_t b) { return names_[a].entry < names_[b].entry; });
  index_word_starts();
}

void Gazetteer::add_name(std::uint32_t entry, std::string_view text, bool alias) {
  Name name{entry, std::string(text), {}, {}, alias};
  for (const std::string& token : name_tokens(text)) {
    name.word_starts.push_back(static_cast<std::uint32_t>(name.key.size()));
    name.key += token;
  }
  if (name.key.empty()) return;
  std::vector<std::uint32_t>& same_key = by_key_[name.key];
  for (std::uint32_t other : same_key)
    if (names_[other].entry == entry) return;
  same_key.push_back(static_cast<std::uint32_t>(names_.size()));
  names_.push_back(std::move(name));
}

void Gazetteer::add_aliases() {
  for (const AliasRow& row : kAliases) {
    // entries_ is sorted by (level, code): the units of every division are adjacent.
    const std::pair<Level, std::string_view> unit{row.level, row.code};
    auto it = std::lower_bound(entries_.begin(), entries_.end(), unit,
                               [](const GazetteerEntry& e, const std::pair<Level, std::string_view>& u) {
                                 return std::pair<Level, std::string_view>{e.level, e.code} < u;
                               });
    for (; it != entries_.end() && it->level == row.level && it->code == row.code; ++it)
      add_name(static_cast<std::uint32_t>(it - entries_.begin()), row.alias, true);
  }
}

void Gazetteer::index_word_starts() {
  for (std::uint32_t n = 0; n < names_.size(); ++n)
    for (std::uint32_t offset : names_[n].word_starts) word_starts_.push_back({n, offset});
  std::sort(word_starts_.begin(), word_starts_.end(),
            [this](const WordStart& a, const WordStart& b) { return suffix(a) < suffix(b); });
}

std::string_view Gazetteer::suffix(const WordStart& w) const {
  return std::string_view(names_[w.name].key).substr(w.offset);
}

bool Gazetteer::accepts(const GazetteerEntry& e, std::optional<Level> level,
                        std::optional<Division> division) const {
  return (!level || e.level == *level) && (!division || e.division == *division);
}

Gazetteer::Match Gazetteer::make_match(std::uint32_t name) const {
  const Name& n = names_[name];
  return Match{&entries_[n.entry], n.text, n.alias};
}

std::vector<Gazetteer::Match> Gazetteer::exact(const std::string& key, std::optional<Level> level,
                                               std::optional<Division> division) const {
  std::vector<Match> matches;
  const auto it = by_key_.find(key);
  if (it == by_key_.end()) return matches;
  for (std::uint32_t n : it->second)
    if (accepts(entries_[names_[n].entry], level, division)) matches.push_back(make_match(n));
  return matches;
}

std::vector<Gazetteer::Match> Gazetteer::find(std::string_view name, std::optional<Level> level,
                                              std::optional<Division> division) const {
  const std::vector<std::string> tokens = name_tokens(name);
  if (tokens.empty()) return {};
  std::vector<Match> matches = exact(join(tokens), level, division);
  if (!matches.empty()) return matches;
  const std::optional<Stripped> stripped = strip_generic(tokens);
  if (!stripped || stripped->tokens.empty()) return matches;
  return exact(join(stripped->tokens), level.value_or(stripped->level), division);
}

void Gazetteer::collect_prefix_hits(const std::string& key, std::vector<Hit>& hits) const {
  auto it = std::lower_bound(word_starts_.begin(), word_starts_.end(), key,
                             [this](const WordStart& w, const std::string& k) { return suffix(w) < k; });
  for (; it != word_starts_.end() && suffix(*it).starts_with(key); ++it) {
    Tier tier = Tier::word;
    if (it->offset == 0) tier = names_[it->name].key.size() == key.size() ? Tier::exact : Tier::prefix;
    hits.push_back({it->name, tier});
  }
}

// Names where every query word starts some word of the name, in any order
// ("pedro san" finds "San Pedro"); a linear scan, the catalogue is small.
void Gazetteer::collect_word_hits(const std::vector<std::string>& tokens, std::vector<Hit>& hits) const {
  for (std::uint32_t n = 0; n < names_.size(); ++n) {
    const Name& name = names_[n];
    const auto starts_a_word = [&](const std::string& token) {
      return std::any_of(name.word_starts.begin(), name.word_starts.end(), [&](std::uint32_t offset) {
        return std::string_view(name.key).substr(offset).starts_with(token);
      });
    };
    if (std::all_of(tokens.begin(), tokens.end(), starts_a_word)) hits.push_back({n, Tier::word});
  }
}

// Keeps one hit per unit: its best tier, preferring the official name to an
// alias, then the shorter spelling.
std::vector<Gazetteer::Hit> Gazetteer::best_per_unit(std::vector<Hit> hits) const {
  const auto key = [this](const Hit& h) {
    const Name& n = names_[h.name];
    return std::tuple{n.entry, h.tier, n.alias, n.key.size()};
  };
  std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) { return key(a) < key(b); });
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [this](const Hit& a, const Hit& b) { return names_[a.name].entry == names_[b.name].entry; }),
             hits.end());
  return hits;
}

bool Gazetteer::ranks_before(const Hit& a, const Hit& b) const {
  const auto rank = [this](const Hit& h) {
    const Name& n = names_[h.name];
    const GazetteerEntry& e = entries_[n.entry];
    return std::tuple{h.tier, e.level, n.key.size(), std::string_view(e.code), e.division};
  };
  return rank(a) < rank(b);
}

std::vector<Gazetteer::Match> Gazetteer::search(std::string_view query, std::size_t limit,
                                                std::optional<Level> level,
                                                std::optional<Division> division) const {
  std::vector<std::string> tokens = name_tokens(query);
  if (std::optional<Stripped> stripped = strip_generic(tokens)) {
    tokens = std::move(stripped->tokens);
    level = level.value_or(stripped->level);
  }
  // Generic words alone ("Comuna de") carry no name to search for.
  if (tokens.empty() || limit == 0) return {};
  std::vector<Hit> hits;
  collect_prefix_hits(join(tokens), hits);
  if (tokens.size() > 1) collect_word_hits(tokens, hits);
  std::erase_if(hits, [&](const Hit& h) { return !accepts(entries_[names_[h.name].entry], level, division); });

  hits = best_per_unit(std::move(hits));
  const std::size_t count = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(count), hits.end(),
                    [this](const Hit& a, const Hit& b) { return ranks_before(a, b); });
  std::vector<Match> matches;
  for (std::size_t i = 0; i < count; ++i) matches.push_back(make_match(hits[i].name));
  return matches;
}

Gazetteer::Resolved Gazetteer::resolve(std::string_view name, std::optional<Level> level,
                                       Division division) const {
  Resolved resolved;
  resolved.candidates = find(name, level, division);
  if (resolved.candidates.size() == 1) {
    resolved.status = Resolution::found;
    resolved.entry = resolved.candidates.front().entry;
  } else if (!resolved.candidates.empty()) {
    resolved.status = Resolution::ambiguous;
  }
  return resolved;
}

}  // namespace layers
