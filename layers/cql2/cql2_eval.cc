#include "layers/cql2/cql2_eval.h"

#include "geo/error.h"
#include "geo/geos/predicates.h"

namespace layers::cql2 {
namespace {

enum class Truth { no, yes, unknown };

Truth truth(bool b) { return b ? Truth::yes : Truth::no; }

struct Context {
  const std::vector<FieldValue>& values;
  const geo::Geometry* geometry;
};

const FieldValue kNull{};

const FieldValue& scalar_value(const Node& n, const Context& c) {
  if (n.kind == NodeKind::property) return n.field < c.values.size() ? c.values[n.field] : kNull;
  return n.value;
}

// The elements a value stands for: one, or each code of a list field.
std::vector<FieldValue> elements(const Node& n, const Context& c) {
  const FieldValue& v = scalar_value(n, c);
  if (n.kind != NodeKind::property || !n.flag) return {v};
  const auto* s = std::get_if<std::string>(&v);
  if (!s) return {v};
  std::vector<FieldValue> out;
  std::size_t start = 0;
  while (start <= s->size()) {
    const std::size_t end = std::min(s->find(';', start), s->size());
    if (end > start) out.emplace_back(s->substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool equal_values(const FieldValue& a, const FieldValue& b) {
  const auto c = compare_values(a, b);
  if (c) return *c == 0;
  // Text against a number: "05" = 5 reads the text as a number.
  const auto* s = std::get_if<std::string>(&a);
  const auto* t = std::get_if<std::string>(&b);
  const FieldValue& num = s ? b : a;
  const std::string* text = s ? s : t;
  if (!text || !as_number(num)) return false;
  try {
    std::size_t used = 0;
    const double d = std::stod(*text, &used);
    return used == text->size() && d == *as_number(num);
  } catch (const std::exception&) {
    return false;
  }
}

Truth compare(const Node& n, const Context& c) {
  const auto lhs = elements(*n.children[0], c);
  const FieldValue& rhs = scalar_value(*n.children[1], c);
  if (is_null(rhs)) return Truth::unknown;
  bool any_known = false, any_true = false;
  for (const auto& v : lhs) {
    if (is_null(v)) continue;
    bool result = false;
    if (n.op == CompareOp::eq || n.op == CompareOp::ne) {
      const bool eq = equal_values(v, rhs);
      result = n.op == CompareOp::eq ? eq : !eq;
    } else {
      const auto k = compare_values(v, rhs);
      if (!k) continue;
      result = n.op == CompareOp::lt ? *k < 0 : n.op == CompareOp::le ? *k <= 0 : n.op == CompareOp::gt ? *k > 0 : *k >= 0;
    }
    any_known = true;
    any_true = any_true || result;
  }
  if (!any_known) return Truth::unknown;
  // A list "<>" holds only if no element equals.
  if (n.op == CompareOp::ne && lhs.size() > 1) {
    for (const auto& v : lhs)
      if (!is_null(v) && equal_values(v, rhs)) return Truth::no;
    return Truth::yes;
  }
  return truth(any_true);
}

Truth negate(Truth t) { return t == Truth::unknown ? t : t == Truth::yes ? Truth::no : Truth::yes; }

Truth eval(const Node& n, const Context& c) {
  switch (n.kind) {
    case NodeKind::and_: {
      Truth r = Truth::yes;
      for (const auto& ch : n.children) {
        const Truth t = eval(*ch, c);
        if (t == Truth::no) return Truth::no;
        if (t == Truth::unknown) r = Truth::unknown;
      }
      return r;
    }
    case NodeKind::or_: {
      Truth r = Truth::no;
      for (const auto& ch : n.children) {
        const Truth t = eval(*ch, c);
        if (t == Truth::yes) return Truth::yes;
        if (t == Truth::unknown) r = Truth::unknown;
      }
      return r;
    }
    case NodeKind::not_: return negate(eval(*n.children[0], c));
    case NodeKind::literal_bool: return truth(n.flag);
    case NodeKind::compare: return compare(n, c);
    case NodeKind::like: {
      const FieldValue& p = scalar_value(*n.children[1], c);
      if (is_null(p)) return Truth::unknown;
      const std::string pattern = fold_text(as_text(p));
      bool known = false, hit = false;
      for (const auto& v : elements(*n.children[0], c)) {
        if (is_null(v)) continue;
        known = true;
        hit = hit || like_match(fold_text(as_text(v)), pattern);
      }
      if (!known) return Truth::unknown;
      return n.negated ? truth(!hit) : truth(hit);
    }
    case NodeKind::between: {
      const FieldValue& v = scalar_value(*n.children[0], c);
      const auto lo = compare_values(v, scalar_value(*n.children[1], c));
      const auto hi = compare_values(v, scalar_value(*n.children[2], c));
      if (!lo || !hi) return Truth::unknown;
      const bool in = *lo >= 0 && *hi <= 0;
      return truth(n.negated ? !in : in);
    }
    case NodeKind::in: {
      bool known = false, hit = false;
      for (const auto& v : elements(*n.children[0], c)) {
        if (is_null(v)) continue;
        known = true;
        for (std::size_t i = 1; i < n.children.size(); ++i)
          hit = hit || equal_values(v, scalar_value(*n.children[i], c));
      }
      if (!known) return Truth::unknown;
      return truth(n.negated ? !hit : hit);
    }
    case NodeKind::is_null: {
      const bool null = is_null(scalar_value(*n.children[0], c));
      return truth(n.negated ? !null : null);
    }
    case NodeKind::spatial: {
      const geo::Geometry* a = n.children[0]->kind == NodeKind::geometry ? n.children[0]->geom.get() : c.geometry;
      const geo::Geometry* b = n.children[1]->kind == NodeKind::geometry ? n.children[1]->geom.get() : c.geometry;
      if (!a || !b || !*a || !*b) return Truth::unknown;
      try {
        return truth(geo::relate(static_cast<geo::Relation>(n.spatial), *a, *b));
      } catch (const geo::Error&) {
        return Truth::unknown;  // GEOS could not decide (a topology failure)
      }
    }
    case NodeKind::property:
    case NodeKind::value:
    case NodeKind::geometry: break;
  }
  return Truth::unknown;
}

void bind_node(Node& n, const std::function<std::optional<BoundField>(std::string_view)>& field_of,
               std::string_view geometry_name, const Node* parent) {
  if (n.kind == NodeKind::property) {
    const bool spatial_arg = parent && parent->kind == NodeKind::spatial;
    if (spatial_arg) {
      if (n.name != geometry_name)
        throw UnknownProperty("filter: '" + n.name + "' is not a geometry property (use " + std::string(geometry_name) +
                              ")");
      n.is_geometry_property = true;
      return;
    }
    const auto f = field_of(n.name);
    if (!f) throw UnknownProperty("filter: unknown property '" + n.name + "'");
    n.field = f->index;
    n.flag = f->list;
    return;
  }
  for (auto& ch : n.children) bind_node(*ch, field_of, geometry_name, &n);
}

}  // namespace

static_assert(static_cast<int>(SpatialOp::overlaps) == static_cast<int>(geo::Relation::overlaps));

void bind(Node& root, const std::function<std::optional<BoundField>(std::string_view)>& field_of,
          std::string_view geometry_name) {
  bind_node(root, field_of, geometry_name, nullptr);
}

bool matches(const Node& root, const std::vector<FieldValue>& values, const geo::Geometry* geometry) {
  return eval(root, Context{values, geometry}) == Truth::yes;
}

bool like_match(std::string_view text, std::string_view pattern) {
  // Iterative glob matching with one backtrack point for the last '%'.
  std::size_t t = 0, p = 0, star_p = std::string_view::npos, star_t = 0;
  auto char_len = [](std::string_view s, std::size_t i) {
    std::size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    return n;
  };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      if (pattern[p] == '_') {
        p += 1;
        t += char_len(text, t);
        continue;
      }
      std::size_t q = p;
      if (pattern[q] == '\\' && q + 1 < pattern.size()) ++q;
      if (pattern[q] == text[t]) {
        p = q + 1;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    star_t += char_len(text, star_t);
    t = star_t;
    p = star_p;
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

}  // namespace layers::cql2
