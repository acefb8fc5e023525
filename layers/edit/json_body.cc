// parse_json_body: nlohmann's SAX parser (iterative, validating) feeds a
// builder of our own, which checks depth, members and repeated names as the
// events arrive and appends members without the linear search that
// ordered_json's operator[] makes for every key.
#include "layers/edit/json_body.h"

#include <unordered_set>
#include <utility>

#include "geo/utf8.h"

namespace layers::edit {

namespace {

// 1-based line and byte column of a byte offset, as nlohmann counts them.
std::string line_column(std::string_view body, std::size_t offset) {
  offset = std::min(offset, body.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (body[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

// A client's text in a message: at most 40 bytes, cut on a UTF-8 boundary.
std::string token_excerpt(std::string_view text) {
  constexpr std::size_t kMax = 40;
  const std::string_view head = geo::utf8_prefix(text, kMax);
  std::string out(head);
  if (head.size() < text.size()) out += "...";
  return out;
}

// nlohmann's message without its prefix, its position (we give ours) and
// the input it echoes; printable ASCII only.
std::string syntax_reason(const std::string& what) {
  std::string s = what;
  const auto column = s.find(", column ");
  if (column != std::string::npos) {
    const auto colon = s.find(": ", column);
    if (colon != std::string::npos) s.erase(0, colon + 2);
  }
  const auto last = s.find("; last read: '");
  if (last != std::string::npos) {
    const auto expected = s.rfind("'; expected ");
    if (expected != std::string::npos && expected >= last) s.erase(last, expected + 1 - last);
    else s.erase(last);
  }
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  return s;
}

class Builder {
 public:
  Builder(std::string_view body, const BodyLimits& limits) : body_(body), limits_(limits) {}

  Json take() { return std::move(root_); }

  // ---- nlohmann SAX interface -------------------------------------------
  bool null() { return value(Json(nullptr)); }
  bool boolean(bool v) { return value(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return value(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return value(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) { return value(Json(v)); }  // finite: checked before
  bool string(std::string& s) { return value(Json(std::move(s))); }
  bool binary(Json::binary_t&) { return true; }  // not produced by the JSON parser
  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    Frame& f = stack_.back();
    if (f.node->size() >= limits_.max_members)
      throw BadBody(Fault::too_large, "the object at " + pointer(false) + " has more than " +
                                          std::to_string(limits_.max_members) + " members, the limit");
    f.key = k;
    if (!f.keys.insert(std::move(k)).second)
      throw BadBody(Fault::invalid, "the member " + pointer(true) + " is given twice");
    return true;
  }

  bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) {
    // position counts the bytes read, the offending one included; a number
    // out of range is named where it starts.
    if (e.id == 406) {
      const std::size_t start = position >= token.size() ? position - token.size() : 0;
      throw BadBody(Fault::invalid,
                    "the number " + token_excerpt(token) + " at " + line_column(body_, start) + " is out of range");
    }
    const std::string at = line_column(body_, position == 0 ? 0 : position - 1);
    throw BadBody(Fault::invalid, "invalid JSON at " + at + ": " + syntax_reason(e.what()));
  }

 private:
  struct Frame {
    Json* node;
    std::string key;                       // of the member being read (objects)
    std::unordered_set<std::string> keys;  // seen so far (objects)
  };

  // Where the reader is: the path to the innermost open container, plus the
  // member or element being read in it when `pending`.
  std::string pointer(bool pending) const {
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      const bool last = i + 1 == stack_.size();
      if (last && !pending) break;
      const Frame& f = stack_[i];
      if (f.node->is_object()) tokens.push_back(token_excerpt(f.key));
      else tokens.push_back(std::to_string(last ? f.node->size() : f.node->size() - 1));
    }
    return tokens.empty() ? "the top" : json_pointer(tokens);
  }

  // Puts v where the reader is and returns it.
  Json* place(Json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = stack_.back();
    if (f.node->is_array()) {
      auto& a = f.node->get_ref<Json::array_t&>();
      a.push_back(std::move(v));
      return &a.back();
    }
    // The vector under the ordered map: the key is known to be new.
    auto& members = static_cast<std::vector<std::pair<const std::string, Json>>&>(f.node->get_ref<Json::object_t&>());
    members.emplace_back(f.key, std::move(v));
    return &members.back().second;
  }

  bool value(Json v) {
    place(std::move(v));
    return true;
  }

  bool open(Json container) {
    if (stack_.size() >= limits_.max_depth)
      throw BadBody(Fault::invalid, "JSON nested deeper than " + std::to_string(limits_.max_depth) +
                                        " levels, the limit, at " + pointer(true));
    Json* node = place(std::move(container));
    stack_.push_back({node, {}, {}});
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  std::string_view body_;
  const BodyLimits& limits_;
  Json root_;
  // Each node is the last element of its parent, which grows no further
  // until the node is closed: the pointers stay valid.
  std::vector<Frame> stack_;
};

}  // namespace

std::string json_pointer(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    out += '/';
    for (char c : t) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
  }
  return out;
}

Json parse_json_body(std::string_view body, const BodyLimits& limits) {
  if (body.size() > limits.max_bytes)
    throw BadBody(Fault::too_large, "the body is larger than " + std::to_string(limits.max_bytes) + " bytes, the limit");
  if (body.empty()) throw BadBody(Fault::invalid, "the body is empty");
  const std::size_t bad = geo::invalid_utf8_offset(body);
  if (bad != std::string_view::npos) {
    static const char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(body[bad]);
    std::string detail = "the body is not valid UTF-8 (byte 0x";
    detail += kHex[byte >> 4];
    detail += kHex[byte & 15];
    throw BadBody(Fault::invalid, detail + " at " + line_column(body, bad) + ")");
  }
  Builder builder(body, limits);
  Json::sax_parse(body.begin(), body.end(), &builder);
  return builder.take();
}

}  // namespace layers::edit
