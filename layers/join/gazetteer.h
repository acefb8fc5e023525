#pragma once
// Place-name lookup for territorial units: official names of both divisions
// plus a built-in table of common aliases (SUBDERE spellings, short region
// names). Matching is on normalize_name(), so accents, case, spaces and
// punctuation never matter. Immutable after construction: every const method
// may be called from several threads at once.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "layers/model/unit.h"

namespace layers {

struct GazetteerEntry {
  Level level = Level::commune;
  std::string code;  // CUT code in its division (communes keep their 2018 code)
  std::string name;  // official name in that division
  Division division = Division::d2018;
};

class Gazetteer {
 public:
  struct Match {
    const GazetteerEntry* entry = nullptr;  // into entries() of the Gazetteer that returned it
    std::string matched_name;               // the official name or alias that matched
    bool via_alias = false;
  };

  enum class Resolution { found, not_found, ambiguous };

  struct Resolved {
    Resolution status = Resolution::not_found;
    const GazetteerEntry* entry = nullptr;  // set only when status == found
    std::vector<Match> candidates;          // every match (one when found)
  };

  // One entry per unit and division; repeated (level, code, division)
  // triples are dropped, keeping the first.
  explicit Gazetteer(std::vector<GazetteerEntry> entries);

  // Every unit whose official name or alias equals `name` once normalized,
  // ordered by level (region, province, commune), code, then 2018 before 2007.
  // A leading generic word ("Región de", "Provincia", "Comuna de",
  // "Municipalidad de") is stripped when the full text matches nothing, and
  // then restricts the level unless `level` is given.
  std::vector<Match> find(std::string_view name, std::optional<Level> level = {},
                          std::optional<Division> division = {}) const;

  // Search-box ranking, at most `limit` units: exact name first, then names
  // starting with the query, then names with a word starting with it (or
  // with every query word); ties by level, matched-name length, code,
  // division. Blank queries give nothing.
  std::vector<Match> search(std::string_view query, std::size_t limit,
                            std::optional<Level> level = {},
                            std::optional<Division> division = {}) const;

  // find() reduced to a decision: one match is found, several are ambiguous
  // (the caller must choose; nothing is guessed).
  Resolved resolve(std::string_view name, std::optional<Level> level, Division division) const;

  // Sorted by level, code, division; stable for the Gazetteer's lifetime.
  const std::vector<GazetteerEntry>& entries() const { return entries_; }

 private:
  // One searchable spelling of one entry.
  struct Name {
    std::uint32_t entry = 0;
    std::string text;                        // as written (official name or alias)
    std::string key;                         // normalize_name(text)
    std::vector<std::uint32_t> word_starts;  // offset in key of each word
    bool alias = false;
  };
  // A word boundary inside a name: key.substr(offset) is prefix-searchable.
  struct WordStart {
    std::uint32_t name = 0;
    std::uint32_t offset = 0;
  };
  enum class Tier { exact, prefix, word };
  struct Hit {
    std::uint32_t name = 0;
    Tier tier = Tier::word;
  };

  void add_name(std::uint32_t entry, std::string_view text, bool alias);
  void add_aliases();
  void index_word_starts();
  std::string_view suffix(const WordStart& w) const;
  bool accepts(const GazetteerEntry& e, std::optional<Level> level,
               std::optional<Division> division) const;
  std::vector<Match> exact(const std::string& key, std::optional<Level> level,
                           std::optional<Division> division) const;
  void collect_prefix_hits(const std::string& key, std::vector<Hit>& hits) const;
  void collect_word_hits(const std::vector<std::string>& tokens, std::vector<Hit>& hits) const;
  std::vector<Hit> best_per_unit(std::vector<Hit> hits) const;
  bool ranks_before(const Hit& a, const Hit& b) const;
  Match make_match(std::uint32_t name) const;

  std::vector<GazetteerEntry> entries_;
  std::vector<Name> names_;
  // Normalized spelling -> names, ordered by entry (so by level, code, division).
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_key_;
  // Every word start of every name, sorted by the key suffix from there.
  std::vector<WordStart> word_starts_;
};

}  // namespace layers
