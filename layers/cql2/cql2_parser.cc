#include "layers/cql2/cql2_parser.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "geo/error.h"
#include "geo/utf8.h"

namespace layers::cql2 {
namespace {

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':';
}

constexpr std::string_view kGeometryKeywords[] = {"POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
                                                   "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"};
constexpr std::string_view kReserved[] = {"AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL"};

struct SpatialName {
  std::string_view name;
  SpatialOp op;
};
constexpr SpatialName kSpatial[] = {
    {"S_INTERSECTS", SpatialOp::intersects}, {"S_WITHIN", SpatialOp::within},   {"S_CONTAINS", SpatialOp::contains},
    {"S_DISJOINT", SpatialOp::disjoint},     {"S_EQUALS", SpatialOp::equals},   {"S_TOUCHES", SpatialOp::touches},
    {"S_CROSSES", SpatialOp::crosses},       {"S_OVERLAPS", SpatialOp::overlaps},
};

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  NodePtr parse_all() {
    NodePtr n = expression(0);
    skip_space();
    if (pos_ != s_.size()) fail("unexpected '" + std::string(s_.substr(pos_, 20)) + "'");
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw SyntaxError("filter: " + what + " at character " + std::to_string(pos_ + 1));
  }

  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool at_end() {
    skip_space();
    return pos_ >= s_.size();
  }
  // The identifier or keyword at the cursor, without consuming it.
  std::string_view peek_word() {
    skip_space();
    std::size_t e = pos_;
    if (e < s_.size() && is_ident_start(s_[e]))
      while (e < s_.size() && is_ident_char(s_[e])) ++e;
    return s_.substr(pos_, e - pos_);
  }
  bool accept_word(std::string_view kw) {
    const auto w = peek_word();
    if (!ieq(w, kw)) return false;
    pos_ += w.size();
    return true;
  }
  void expect_word(std::string_view kw) {
    if (!accept_word(kw)) fail("expected " + std::string(kw));
  }
  bool accept(std::string_view sym) {
    skip_space();
    if (s_.substr(pos_, sym.size()) != sym) return false;
    pos_ += sym.size();
    return true;
  }
  void expect(std::string_view sym) {
    if (!accept(sym)) fail("expected '" + std::string(sym) + "'");
  }

  static NodePtr make(NodeKind k) {
    auto n = std::make_unique<Node>();
    n->kind = k;
    return n;
  }

  NodePtr expression(int depth) {
    if (depth > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth));
    NodePtr left = term(depth);
    if (!ieq(peek_word(), "OR")) return left;
    NodePtr n = make(NodeKind::or_);
    n->children.push_back(std::move(left));
    while (accept_word("OR")) n->children.push_back(term(depth));
    return n;
  }

  NodePtr term(int depth) {
    NodePtr left = factor(depth);
    if (!ieq(peek_word(), "AND")) return left;
    NodePtr n = make(NodeKind::and_);
    n->children.push_back(std::move(left));
    while (accept_word("AND")) n->children.push_back(factor(depth));
    return n;
  }

  NodePtr factor(int depth) {
    if (depth > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth));
    if (accept_word("NOT")) {
      NodePtr n = make(NodeKind::not_);
      n->children.push_back(factor(depth + 1));
      return n;
    }
    if (accept("(")) {
      NodePtr n = expression(depth + 1);
      expect(")");
      return n;
    }
    const auto w = peek_word();
    for (const auto& sp : kSpatial) {
      if (!ieq(w, sp.name)) continue;
      pos_ += w.size();
      NodePtr n = make(NodeKind::spatial);
      n->spatial = sp.op;
      expect("(");
      n->children.push_back(spatial_argument());
      expect(",");
      n->children.push_back(spatial_argument());
      expect(")");
      return n;
    }
    return predicate(depth);
  }

  NodePtr spatial_argument() {
    NodePtr a = scalar(0);
    if (a->kind != NodeKind::geometry && a->kind != NodeKind::property)
      fail("a spatial function takes a geometry property or a geometry literal");
    return a;
  }

  NodePtr predicate(int depth) {
    NodePtr value = scalar(depth);
    if (value->kind == NodeKind::geometry) fail("a geometry literal only goes in a spatial function");
    skip_space();
    static constexpr std::pair<std::string_view, CompareOp> kOps[] = {
        {"<>", CompareOp::ne}, {"<=", CompareOp::le}, {">=", CompareOp::ge},
        {"=", CompareOp::eq},  {"<", CompareOp::lt},  {">", CompareOp::gt}};
    for (const auto& [sym, op] : kOps) {
      if (!accept(sym)) continue;
      NodePtr n = make(NodeKind::compare);
      n->op = op;
      n->children.push_back(std::move(value));
      n->children.push_back(plain_scalar(depth));
      return n;
    }
    if (accept_word("IS")) {
      NodePtr n = make(NodeKind::is_null);
      n->negated = accept_word("NOT");
      expect_word("NULL");
      n->children.push_back(std::move(value));
      return n;
    }
    const bool negated = accept_word("NOT");
    if (accept_word("LIKE")) {
      NodePtr n = make(NodeKind::like);
      n->negated = negated;
      n->children.push_back(std::move(value));
      n->children.push_back(plain_scalar(depth));
      return n;
    }
    if (accept_word("BETWEEN")) {
      NodePtr n = make(NodeKind::between);
      n->negated = negated;
      n->children.push_back(std::move(value));
      n->children.push_back(plain_scalar(depth));
      expect_word("AND");
      n->children.push_back(plain_scalar(depth));
      return n;
    }
    if (accept_word("IN")) {
      NodePtr n = make(NodeKind::in);
      n->negated = negated;
      n->children.push_back(std::move(value));
      expect("(");
      do n->children.push_back(plain_scalar(depth));
      while (accept(","));
      expect(")");
      return n;
    }
    if (negated) fail("expected LIKE, BETWEEN or IN after NOT");
    if (value->kind == NodeKind::value && std::holds_alternative<bool>(value->value)) {
      NodePtr n = make(NodeKind::literal_bool);
      n->flag = std::get<bool>(value->value);
      return n;
    }
    fail("expected a comparison, LIKE, BETWEEN, IN or IS NULL");
  }

  NodePtr plain_scalar(int depth) {
    NodePtr n = scalar(depth);
    if (n->kind == NodeKind::geometry) fail("a geometry literal only goes in a spatial function");
    return n;
  }

  NodePtr scalar(int depth) {
    if (depth > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth));
    skip_space();
    if (pos_ >= s_.size()) fail("unexpected end of the filter");
    const char c = s_[pos_];
    if (c == '\'') return string_literal();
    if (c == '"') return quoted_property();
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') return number();
    const auto w = peek_word();
    if (w.empty()) fail("unexpected '" + std::string(1, c) + "'");
    if (ieq(w, "TRUE") || ieq(w, "FALSE")) {
      pos_ += w.size();
      NodePtr n = make(NodeKind::value);
      n->value = ieq(w, "TRUE");
      return n;
    }
    for (auto kw : kGeometryKeywords)
      if (ieq(w, kw)) return wkt_literal();
    if (ieq(w, "BBOX")) return bbox_literal();
    if (ieq(w, "CASEI") || ieq(w, "ACCENTI")) {
      pos_ += w.size();
      NodePtr n = make(NodeKind::function);
      n->function = ieq(w, "CASEI") ? TextFunction::casei : TextFunction::accenti;
      expect("(");
      n->children.push_back(plain_scalar(depth + 1));
      expect(")");
      return n;
    }
    for (auto r : kReserved)
      if (ieq(w, r)) fail("unexpected " + std::string(w));
    pos_ += w.size();
    skip_space();
    // No other function is advertised (no /functions resource): LOWER and
    // UPPER included, since CASEI is the standard's way to ignore case.
    if (pos_ < s_.size() && s_[pos_] == '(')
      fail("unknown function " + std::string(w) + " (the functions are CASEI, ACCENTI and the spatial S_*)");
    NodePtr n = make(NodeKind::property);
    n->name = std::string(w);
    return n;
  }

  NodePtr string_literal() {
    ++pos_;  // opening quote
    std::string text;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      const char c = s_[pos_++];
      if (c == '\'') {
        if (pos_ < s_.size() && s_[pos_] == '\'') {
          text += '\'';
          ++pos_;
          continue;
        }
        break;
      }
      text += c;
    }
    NodePtr n = make(NodeKind::value);
    n->value = std::move(text);
    return n;
  }

  NodePtr quoted_property() {
    ++pos_;
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') ++pos_;
    if (pos_ >= s_.size()) fail("unterminated quoted property name");
    NodePtr n = make(NodeKind::property);
    n->name = std::string(s_.substr(start, pos_ - start));
    ++pos_;
    if (n->name.empty()) fail("empty property name");
    return n;
  }

  // Reads a number token; integers stay integers.
  NodePtr number() {
    const std::size_t start = pos_;
    if (s_[pos_] == '-' || s_[pos_] == '+') ++pos_;
    bool real = false;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        real = true;
        ++pos_;
        if ((c == 'e' || c == 'E') && pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) ++pos_;
      } else {
        break;
      }
    }
    std::string_view text = s_.substr(start, pos_ - start);
    if (!text.empty() && text[0] == '+') text.remove_prefix(1);
    NodePtr n = make(NodeKind::value);
    const char* end = text.data() + text.size();
    if (!real) {
      std::int64_t v = 0;
      const auto r = std::from_chars(text.data(), end, v);
      if (r.ec == std::errc() && r.ptr == end) {
        n->value = v;
        return n;
      }
    }
    double d = 0;
    const auto r = std::from_chars(text.data(), end, d);
    if (text.empty() || r.ec != std::errc() || r.ptr != end || !std::isfinite(d))
      fail("malformed number '" + std::string(text) + "'");
    n->value = d;
    return n;
  }

  NodePtr geometry_node(const std::string& wkt) {
    NodePtr n = make(NodeKind::geometry);
    try {
      auto g = geo::Geometry::from_wkt(wkt);
      if (!g) fail("malformed geometry");
      // Predicates on invalid geometries may fail inside GEOS: refuse them here.
      if (!g.is_valid()) fail("invalid geometry (" + g.invalid_reason() + ")");
      n->geom = std::make_shared<const geo::Geometry>(std::move(g));
    } catch (const geo::Error& e) {
      fail("malformed geometry (" + std::string(e.what()) + ")");
    }
    return n;
  }

  // POINT(...), POLYGON((...)) ... or KEYWORD EMPTY: the text up to the
  // matching parenthesis goes to the WKT reader.
  NodePtr wkt_literal() {
    const std::size_t start = pos_;
    pos_ += peek_word().size();
    accept_word("Z");
    if (accept_word("EMPTY")) return geometry_node(std::string(s_.substr(start, pos_ - start)));
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != '(') fail("expected '(' in a geometry");
    int level = 0;
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '(') ++level;
      if (c == ')' && --level == 0) break;
      if (level > kMaxDepth) fail("geometry nested too deep");
      if (c != '(' && c != ')' && c != ',' && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E' &&
          !std::isdigit(static_cast<unsigned char>(c)) && !std::isspace(static_cast<unsigned char>(c)) &&
          !std::isalpha(static_cast<unsigned char>(c)))
        fail("unexpected '" + std::string(1, c) + "' in a geometry");
    }
    if (level != 0) fail("unbalanced parentheses in a geometry");
    return geometry_node(std::string(s_.substr(start, pos_ - start)));
  }

  // BBOX(minx, miny, maxx, maxy) as a polygon.
  NodePtr bbox_literal() {
    pos_ += peek_word().size();
    expect("(");
    double v[4];
    for (int i = 0; i < 4; ++i) {
      if (i) expect(",");
      NodePtr n = number_only();
      v[i] = *as_number(n->value);
    }
    expect(")");
    if (v[0] > v[2] || v[1] > v[3]) fail("BBOX needs minx <= maxx and miny <= maxy");
    auto num = [](double d) { return nlohmann_free_number(d); };
    return geometry_node("POLYGON((" + num(v[0]) + " " + num(v[1]) + "," + num(v[2]) + " " + num(v[1]) + "," +
                         num(v[2]) + " " + num(v[3]) + "," + num(v[0]) + " " + num(v[3]) + "," + num(v[0]) + " " +
                         num(v[1]) + "))");
  }

  static std::string nlohmann_free_number(double d) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, r.ptr);
  }

  NodePtr number_only() {
    skip_space();
    if (pos_ >= s_.size()) fail("expected a number");
    const char c = s_[pos_];
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')) fail("expected a number");
    return number();
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

NodePtr parse(std::string_view text) {
  if (text.size() > kMaxFilterLength)
    throw SyntaxError("filter: longer than " + std::to_string(kMaxFilterLength) + " characters");
  if (const auto bad = geo::invalid_utf8_offset(text); bad != std::string_view::npos)
    throw SyntaxError("filter: not UTF-8 at byte " + std::to_string(bad + 1));
  Parser p(text);
  return p.parse_all();
}

}  // namespace layers::cql2
