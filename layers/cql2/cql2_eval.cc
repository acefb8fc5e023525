#include "layers/cql2/cql2_eval.h"

#include "geo/error.h"
#include "geo/geos/predicates.h"
#include "layers/cql2/text_fold.h"

namespace layers::cql2 {
namespace {

enum class Truth { no, yes, unknown };

Truth truth(bool b) { return b ? Truth::yes : Truth::no; }

struct Context {
  const std::vector<FieldValue>& values;
  const geo::Geometry* geometry;
};

const FieldValue kNull{};

FieldValue apply_text(TextFunction f, const FieldValue& v) {
  const auto* s = std::get_if<std::string>(&v);
  if (!s) return v;  // null stays null
  return f == TextFunction::casei ? casei(*s) : accenti(*s);
}

FieldValue scalar_value(const Node& n, const Context& c) {
  if (n.kind == NodeKind::property) return n.field < c.values.size() ? c.values[n.field] : kNull;
  if (n.kind == NodeKind::function) return apply_text(n.function, scalar_value(*n.children[0], c));
  return n.value;
}

// The property under a chain of text functions, if any.
const Node* property_of(const Node& n) {
  if (n.kind == NodeKind::property) return &n;
  if (n.kind == NodeKind::function) return property_of(*n.children[0]);
  return nullptr;
}

// The elements a value stands for: one, or each code of a list field (with
// the text functions around it applied to each).
std::vector<FieldValue> elements(const Node& n, const Context& c) {
  const Node* p = property_of(n);
  if (!p || !p->flag || p->field >= c.values.size()) return {scalar_value(n, c)};
  const auto* s = std::get_if<std::string>(&c.values[p->field]);
  if (!s) return {scalar_value(n, c)};
  std::vector<TextFunction> outward;  // innermost first
  for (const Node* f = &n; f->kind == NodeKind::function; f = f->children[0].get()) outward.insert(outward.begin(), f->function);
  std::vector<FieldValue> out;
  std::size_t start = 0;
  while (start <= s->size()) {
    const std::size_t end = std::min(s->find(';', start), s->size());
    if (end > start) {
      FieldValue v = s->substr(start, end - start);
      for (const TextFunction f : outward) v = apply_text(f, v);
      out.push_back(std::move(v));
    }
    start = end + 1;
  }
  return out;
}

// CQL2's comparison: numbers numerically, text by code point (UTF-8 bytes
// sort in code point order), booleans false < true; nullopt for a null or
// two values of different types (bind refuses those in a filter).
std::optional<int> order(const FieldValue& a, const FieldValue& b) {
  const auto na = as_number(a), nb = as_number(b);
  if (na && nb) return *na < *nb ? -1 : *na > *nb ? 1 : 0;
  const auto* sa = std::get_if<std::string>(&a);
  const auto* sb = std::get_if<std::string>(&b);
  if (sa && sb) {
    const int k = sa->compare(*sb);
    return k < 0 ? -1 : k > 0 ? 1 : 0;
  }
  const auto* ba = std::get_if<bool>(&a);
  const auto* bb = std::get_if<bool>(&b);
  if (ba && bb) return static_cast<int>(*ba) - static_cast<int>(*bb);
  return std::nullopt;
}

bool equal_values(const FieldValue& a, const FieldValue& b) {
  const auto k = order(a, b);
  return k && *k == 0;
}

Truth compare(const Node& n, const Context& c) {
  const auto lhs = elements(*n.children[0], c);
  const FieldValue rhs = scalar_value(*n.children[1], c);
  if (is_null(rhs)) return Truth::unknown;
  bool any_known = false, any_true = false;
  for (const auto& v : lhs) {
    const auto k = order(v, rhs);
    if (!k) continue;
    const bool result = n.op == CompareOp::eq   ? *k == 0
                        : n.op == CompareOp::ne ? *k != 0
                        : n.op == CompareOp::lt ? *k < 0
                        : n.op == CompareOp::le ? *k <= 0
                        : n.op == CompareOp::gt ? *k > 0
                                                : *k >= 0;
    any_known = true;
    any_true = any_true || result;
  }
  if (!any_known) return Truth::unknown;
  // A list "<>" holds only if no element equals.
  if (n.op == CompareOp::ne && lhs.size() > 1) {
    for (const auto& v : lhs)
      if (equal_values(v, rhs)) return Truth::no;
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
      const FieldValue p = scalar_value(*n.children[1], c);
      const auto* pattern = std::get_if<std::string>(&p);
      if (!pattern) return Truth::unknown;
      bool known = false, hit = false;
      for (const auto& v : elements(*n.children[0], c)) {
        const auto* text = std::get_if<std::string>(&v);
        if (!text) continue;
        known = true;
        hit = hit || like_match(*text, *pattern);
      }
      if (!known) return Truth::unknown;
      return n.negated ? truth(!hit) : truth(hit);
    }
    case NodeKind::between: {
      const FieldValue v = scalar_value(*n.children[0], c);
      const auto lo = order(v, scalar_value(*n.children[1], c));
      const auto hi = order(v, scalar_value(*n.children[2], c));
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
    case NodeKind::geometry:
    case NodeKind::function: break;
  }
  return Truth::unknown;
}

// The type a bound scalar evaluates to; nullopt for a geometry.
std::optional<FieldType> type_of(const Node& n) {
  if (n.kind == NodeKind::property) return n.type;
  if (n.kind == NodeKind::function) return FieldType::string;
  if (n.kind != NodeKind::value) return std::nullopt;
  if (std::holds_alternative<std::int64_t>(n.value)) return FieldType::integer;
  if (std::holds_alternative<double>(n.value)) return FieldType::number;
  if (std::holds_alternative<bool>(n.value)) return FieldType::boolean;
  return FieldType::string;
}

bool numeric(FieldType t) { return t == FieldType::integer || t == FieldType::number; }

std::string described(const Node& n) {
  const std::string type = type_of(n) ? std::string(field_type_name(*type_of(n))) : "geometry";
  const std::string a_type = (type == "integer" ? "an " : "a ") + type;
  if (n.kind == NodeKind::property) return "'" + n.name + "' is " + a_type + " property";
  if (n.kind == NodeKind::function) return std::string(n.function == TextFunction::casei ? "CASEI" : "ACCENTI") + "(...) is a string";
  if (n.kind == NodeKind::value && std::holds_alternative<std::string>(n.value))
    return "'" + std::get<std::string>(n.value) + "' is a string";
  return as_text(n.value) + " is " + a_type;
}

// Type rules of CQL2: the two sides of a comparison and the members of IN
// are of one type (integers and numbers are both numbers), LIKE and the
// text functions take strings, BETWEEN numbers.
void check_types(const Node& n) {
  const auto same = [&](const Node& a, const Node& b, const char* what) {
    const auto ta = type_of(a), tb = type_of(b);
    if (ta && tb && (*ta == *tb || (numeric(*ta) && numeric(*tb)))) return;
    throw TypeError("filter: " + std::string(what) + " needs values of one type, but " + described(a) + " and " +
                    described(b));
  };
  const auto is = [&](const Node& a, bool (*ok)(FieldType), const char* what, const char* wanted) {
    const auto t = type_of(a);
    if (!t || !ok(*t)) throw TypeError("filter: " + std::string(what) + " takes " + wanted + ", but " + described(a));
  };
  const auto text = [](FieldType t) { return t == FieldType::string; };
  switch (n.kind) {
    case NodeKind::compare: same(*n.children[0], *n.children[1], "a comparison"); break;
    case NodeKind::in:
      for (std::size_t i = 1; i < n.children.size(); ++i) same(*n.children[0], *n.children[i], "IN");
      break;
    case NodeKind::like:
      is(*n.children[0], text, "LIKE", "strings");
      is(*n.children[1], text, "LIKE", "strings");
      break;
    case NodeKind::between:
      for (const auto& ch : n.children) is(*ch, numeric, "BETWEEN", "numbers");
      break;
    case NodeKind::function:
      is(*n.children[0], text, n.function == TextFunction::casei ? "CASEI" : "ACCENTI", "a string");
      break;
    default: break;
  }
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
    if (n.name == geometry_name)
      throw TypeError("filter: '" + n.name + "' is the geometry: it goes in a spatial function (S_INTERSECTS...)");
    const auto f = field_of(n.name);
    if (!f) throw UnknownProperty("filter: unknown property '" + n.name + "'");
    n.field = f->index;
    n.flag = f->list;
    n.type = f->type;
    return;
  }
  for (auto& ch : n.children) bind_node(*ch, field_of, geometry_name, &n);
  check_types(n);
  // A text function of a literal is a literal: computed once, here.
  if (n.kind == NodeKind::function && n.children[0]->kind == NodeKind::value) {
    n.value = apply_text(n.function, n.children[0]->value);
    n.kind = NodeKind::value;
    n.children.clear();
  }
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
