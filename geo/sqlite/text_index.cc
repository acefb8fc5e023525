#include "geo/sqlite/text_index.h"

#include <sqlite3.h>

#include <algorithm>
#include <new>

#include "geo/error.h"
#include "geo/sqlite/sqlite_db.h"

namespace geo {

std::string_view spanish_light_stem(std::string_view word) {
  constexpr std::size_t kMinStem = 3;
  auto ends = [&](std::string_view end) { return word.size() >= end.size() && word.substr(word.size() - end.size()) == end; };
  // Plurals: -es after a consonant (actores, regiones, redes), -os, -as;
  // then the gender vowel (presupuesto, participativa, parque).
  if ((ends("es") || ends("os") || ends("as")) && word.size() - 2 >= kMinStem) return word.substr(0, word.size() - 2);
  if ((ends("o") || ends("a") || ends("e")) && word.size() - 1 >= kMinStem) return word.substr(0, word.size() - 1);
  return word;
}

namespace {

constexpr const char* kTokenizer = "territorio_es";

// FTS5's unicode61 tokenizer (case folded, diacritics removed) with each
// token cut to its stem: a stem is a prefix of the token, so the token's
// offsets in the text (for highlight) stay right.
struct StemTokenizer {
  fts5_tokenizer parent{};
  Fts5Tokenizer* inner = nullptr;
};

struct TokenSink {
  void* context;
  int (*token)(void*, int, const char*, int, int, int);
};

int stem_token(void* sink, int flags, const char* token, int size, int start, int end) {
  auto* s = static_cast<TokenSink*>(sink);
  const std::string_view stem = spanish_light_stem(std::string_view(token, static_cast<std::size_t>(size)));
  return s->token(s->context, flags, token, static_cast<int>(stem.size()), start, end);
}

int stem_create(void* api_context, const char**, int, Fts5Tokenizer** out) {
  auto* api = static_cast<fts5_api*>(api_context);
  auto* t = new (std::nothrow) StemTokenizer;
  if (!t) return SQLITE_NOMEM;
  void* user = nullptr;
  const char* args[] = {"remove_diacritics", "2"};
  int rc = api->xFindTokenizer(api, "unicode61", &user, &t->parent);
  if (rc == SQLITE_OK) rc = t->parent.xCreate(user, args, 2, &t->inner);
  if (rc != SQLITE_OK) {
    delete t;
    return rc;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(t);
  return SQLITE_OK;
}

void stem_delete(Fts5Tokenizer* p) {
  auto* t = reinterpret_cast<StemTokenizer*>(p);
  t->parent.xDelete(t->inner);
  delete t;
}

int stem_tokenize(Fts5Tokenizer* p, void* context, int flags, const char* text, int size,
                  int (*token)(void*, int, const char*, int, int, int)) {
  auto* t = reinterpret_cast<StemTokenizer*>(p);
  TokenSink sink{context, token};
  return t->parent.xTokenize(t->inner, &sink, flags, text, size, stem_token);
}

// Tokenizers belong to a connection: every connection to an index needs it.
void register_tokenizer(Database& db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) db.fail("finding FTS5");
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> st(raw, sqlite3_finalize);
  sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(raw);
  if (!api || api->iVersion < 2) throw SqliteError("this SQLite has no FTS5");
  fts5_tokenizer tokenizer{stem_create, stem_delete, stem_tokenize};
  if (api->xCreateTokenizer(api, kTokenizer, api, &tokenizer, nullptr) != SQLITE_OK) db.fail("registering a tokenizer");
}

// A term as an FTS5 string: in double quotes, its own doubled.
std::string quoted(std::string_view term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string number(double v) { return std::to_string(v); }

// highlight() output, marked with 0x01 and 0x02, as spans; none when
// nothing is marked.
std::vector<TextIndex::Span> spans(const std::string& marked) {
  std::vector<TextIndex::Span> out;
  if (marked.find('\x01') == std::string::npos) return out;
  std::size_t at = 0;
  while (at < marked.size()) {
    const std::size_t open = marked.find('\x01', at);
    if (open > at) out.push_back({marked.substr(at, (open == std::string::npos ? marked.size() : open) - at), false});
    if (open == std::string::npos) break;
    std::size_t close = marked.find('\x02', open + 1);
    if (close == std::string::npos) close = marked.size();
    out.push_back({marked.substr(open + 1, close - open - 1), true});
    at = close + 1;
  }
  return out;
}

std::string without_markers(std::string text) {
  for (char& c : text)
    if (c == '\x01' || c == '\x02') c = ' ';
  return text;
}

}  // namespace

TextIndex::TextIndex(std::vector<Column> columns) : columns_(std::move(columns)), db_(Database::in_memory()) {
  register_tokenizer(*db_);
  std::string sql = "CREATE TABLE keys(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);"
                    "CREATE VIRTUAL TABLE doc USING fts5(key UNINDEXED";
  for (const Column& c : columns_) sql += ", " + c.name;
  sql += std::string(", tokenize = '") + kTokenizer + "')";
  db_->exec(sql);
}

TextIndex::TextIndex(std::vector<Column> columns, std::unique_ptr<Database> db)
    : columns_(std::move(columns)), db_(std::move(db)) {
  register_tokenizer(*db_);
}

TextIndex::~TextIndex() = default;

std::unique_ptr<TextIndex> TextIndex::copy() const {
  std::lock_guard lock(mutex_);
  return std::unique_ptr<TextIndex>(new TextIndex(columns_, db_->memory_copy()));
}

void TextIndex::begin() {
  std::lock_guard lock(mutex_);
  db_->exec("BEGIN");
}

void TextIndex::commit() {
  std::lock_guard lock(mutex_);
  db_->exec("COMMIT");
}

void TextIndex::put(std::string_view key, const std::vector<std::string>& texts) {
  if (texts.size() != columns_.size()) throw std::logic_error("TextIndex::put: one text per column");
  std::lock_guard lock(mutex_);
  auto find = db_->prepare_cached("SELECT id FROM keys WHERE key = ?");
  find.bind(1, key);
  std::int64_t id = 0;
  if (find.step()) {
    id = find.integer(0);
    find.reset();
    auto del = db_->prepare_cached("DELETE FROM doc WHERE rowid = ?");
    del.bind(1, id);
    del.run();
  } else {
    find.reset();
    auto ins = db_->prepare_cached("INSERT INTO keys(key) VALUES(?)");
    ins.bind(1, key);
    ins.run();
    id = db_->last_insert_rowid();
  }
  std::string sql = "INSERT INTO doc(rowid, key";
  for (const Column& c : columns_) sql += ", " + c.name;
  sql += ") VALUES(?, ?";
  for (std::size_t i = 0; i < columns_.size(); ++i) sql += ", ?";
  sql += ")";
  auto doc = db_->prepare_cached(sql);
  doc.bind(1, id).bind(2, key);
  for (std::size_t i = 0; i < texts.size(); ++i) doc.bind(static_cast<int>(i) + 3, without_markers(texts[i]));
  doc.run();
}

void TextIndex::remove(std::string_view key) {
  std::lock_guard lock(mutex_);
  auto find = db_->prepare_cached("SELECT id FROM keys WHERE key = ?");
  find.bind(1, key);
  if (!find.step()) return;
  const std::int64_t id = find.integer(0);
  find.reset();
  auto del = db_->prepare_cached("DELETE FROM doc WHERE rowid = ?");
  del.bind(1, id);
  del.run();
  auto del_key = db_->prepare_cached("DELETE FROM keys WHERE id = ?");
  del_key.bind(1, id);
  del_key.run();
}

std::size_t TextIndex::size() const {
  std::lock_guard lock(mutex_);
  auto st = db_->prepare_cached("SELECT count(*) FROM keys");
  return st.step() ? static_cast<std::size_t>(st.integer(0)) : 0;
}

std::vector<TextIndex::Hit> TextIndex::search(const std::vector<std::string>& terms, bool last_is_prefix,
                                              std::size_t limit, const std::vector<std::size_t>& highlight_columns,
                                              std::size_t snippet_words) const {
  std::vector<Hit> hits;
  if (terms.empty() || limit == 0) return hits;
  std::string match;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i) match += ' ';
    match += quoted(terms[i]);
    if (last_is_prefix && i + 1 == terms.size()) match += '*';
  }
  std::string rank = "bm25(doc, 0";
  for (const Column& c : columns_) rank += ", " + number(c.weight);
  rank += ")";
  std::string sql = "SELECT key, " + rank + " AS score";
  for (std::size_t c : highlight_columns) {
    if (c >= columns_.size()) throw std::logic_error("TextIndex::search: no such column");
    const std::string column = std::to_string(c + 1);
    if (snippet_words == 0) sql += ", highlight(doc, " + column + ", char(1), char(2))";
    else sql += ", snippet(doc, " + column + ", char(1), char(2), '…', " + std::to_string(std::min<std::size_t>(snippet_words, 64)) + ")";
  }
  sql += " FROM doc WHERE doc MATCH ? ORDER BY score, key LIMIT ?";
  std::lock_guard lock(mutex_);
  auto st = db_->prepare_cached(sql);
  st.bind(1, match).bind(2, static_cast<std::int64_t>(limit));
  while (st.step()) {
    Hit h{st.text(0), st.real(1), {}};
    for (std::size_t i = 0; i < highlight_columns.size(); ++i) h.highlights.push_back(spans(st.text(static_cast<int>(i) + 2)));
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace geo
