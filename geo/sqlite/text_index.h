#pragma once
// An in-memory full-text index of short documents (SQLite FTS5), each a
// row of text columns under a key. Words are folded (case and accents:
// "Participación" = "participacion") and lightly stemmed for Spanish
// (spanish_light_stem), in the documents and in the queries alike; hits are
// ranked by bm25 with a weight per column. One version is built, then
// copied (one copy of the database's memory) and changed for the next, so
// an index in use is never changed under its readers. Queries on one index
// run one at a time (its connection has one owner at a time).
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace geo {

class Database;

// The stem of a folded (lower-case, unaccented) Spanish word: a plural or
// gender ending dropped ("presupuestos", "presupuesto" -> "presupuest";
// "actores", "actor" -> "actor"; "regiones", "region" -> "region"),
// keeping at least three letters. A prefix of word.
std::string_view spanish_light_stem(std::string_view word);

class TextIndex {
 public:
  struct Column {
    std::string name;  // an SQL identifier: letters, digits, '_'
    double weight;     // of its matches in the rank
  };
  // A piece of a highlighted column: matched words or the text between.
  struct Span {
    std::string text;
    bool match = false;
    bool operator==(const Span&) const = default;
  };
  struct Hit {
    std::string key;
    double score = 0;  // bm25: lower is better
    // Per column asked to highlight: its text (or, with snippet_words, a
    // window of about that many words around the matches, cut ends marked
    // with "…") cut into spans; no spans when none of its words matched.
    std::vector<std::vector<Span>> highlights;
  };

  explicit TextIndex(std::vector<Column> columns);
  ~TextIndex();
  TextIndex(const TextIndex&) = delete;
  TextIndex& operator=(const TextIndex&) = delete;

  // A copy to change into the next version; this one stays as it is.
  std::unique_ptr<TextIndex> copy() const;

  // Adds the document under key, replacing the one it had; texts: one per
  // column (the bytes 0x01 and 0x02 are read as spaces).
  void put(std::string_view key, const std::vector<std::string>& texts);
  void remove(std::string_view key);
  // Groups the puts and removes until commit() into one transaction (much
  // faster for many).
  void begin();
  void commit();
  std::size_t size() const;

  // Documents holding every term (or, for the last one when last_is_prefix,
  // a word starting with it), best first, ties by key; at most limit. Each
  // term is one or more words, matched as a phrase. No terms: no hits.
  std::vector<Hit> search(const std::vector<std::string>& terms, bool last_is_prefix, std::size_t limit,
                          const std::vector<std::size_t>& highlight_columns = {},
                          std::size_t snippet_words = 0) const;

 private:
  TextIndex(std::vector<Column> columns, std::unique_ptr<Database> db);
  std::vector<Column> columns_;
  std::unique_ptr<Database> db_;
  mutable std::mutex mutex_;  // one query or change at a time on db_
};

}  // namespace geo
