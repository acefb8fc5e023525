// parse_json_body: what it keeps (member order, numbers, escapes) and every
// refusal with its fault and exact message.
#include <gtest/gtest.h>

#include <string>

#include "layers/edit/json_body.h"

namespace {

using layers::Fault;
using layers::edit::BadBody;
using layers::edit::BodyLimits;
using layers::edit::Json;
using layers::edit::parse_json_body;

struct Refusal {
  Fault fault;
  std::string detail;
};

Refusal refusal(std::string_view body, const BodyLimits& limits = {}) {
  try {
    parse_json_body(body, limits);
  } catch (const BadBody& e) {
    return {e.fault, e.what()};
  }
  ADD_FAILURE() << "accepted: " << body;
  return {Fault::conflict, ""};
}

TEST(EditJsonBody, KeepsMembersInInputOrder) {
  const Json j = parse_json_body(R"({"z":1,"a":{"y":true,"b":null},"m":[1.5,"x",-2,18446744073709551615]})");
  EXPECT_EQ(j.dump(), R"({"z":1,"a":{"y":true,"b":null},"m":[1.5,"x",-2,18446744073709551615]})");
  std::string keys;
  for (const auto& [k, v] : j.items()) keys += k;
  EXPECT_EQ(keys, "zam");
  EXPECT_EQ(j.at("a").at("y"), true);  // lookups work on the appended members
}

TEST(EditJsonBody, DecodesEscapesAndAcceptsScalarsAndABom) {
  EXPECT_EQ(parse_json_body(R"("\u00d1u\u00f1oa \ud83d\ude00")").get<std::string>(), "Ñuñoa 😀");
  EXPECT_EQ(parse_json_body(" 42 \n").get<int>(), 42);
  EXPECT_EQ(parse_json_body("\xEF\xBB\xBF{}").dump(), "{}");
  EXPECT_EQ(parse_json_body(R"({"Ñ":"ñ"})").dump(), R"({"Ñ":"ñ"})");
}

TEST(EditJsonBody, RefusesAnEmptyBodyAndSyntaxErrorsWithLineAndColumn) {
  auto r = refusal("");
  EXPECT_EQ(r.fault, Fault::invalid);
  EXPECT_EQ(r.detail, "the body is empty");
  r = refusal("{\"a\":\n  tru}");
  EXPECT_EQ(r.fault, Fault::invalid);
  EXPECT_EQ(r.detail, "invalid JSON at line 2, column 6: syntax error while parsing value - invalid literal");
  EXPECT_EQ(refusal("{\"a\":1,}").detail,
            "invalid JSON at line 1, column 8: syntax error while parsing object key - unexpected '}'; "
            "expected string literal");
  EXPECT_EQ(refusal("{\"a\":1} x").detail,
            "invalid JSON at line 1, column 9: syntax error while parsing value - invalid literal; "
            "expected end of input");
  EXPECT_EQ(refusal("[1,2").detail,
            "invalid JSON at line 1, column 5: syntax error while parsing array - unexpected end of input; "
            "expected ']'");
  EXPECT_EQ(refusal("\"a\nb\"").detail,
            "invalid JSON at line 1, column 3: syntax error while parsing value - invalid string: control "
            "character U+000A (LF) must be escaped to \\u000A or \\n");
  EXPECT_EQ(refusal("NaN").detail,
            "invalid JSON at line 1, column 1: syntax error while parsing value - invalid literal");
  EXPECT_EQ(refusal("   ").detail,
            "invalid JSON at line 1, column 4: syntax error while parsing value - unexpected end of input; "
            "expected '[', '{', or a literal");
}

TEST(EditJsonBody, RefusesNumbersOutOfRange) {
  auto r = refusal(R"({"year": 1e400})");
  EXPECT_EQ(r.fault, Fault::invalid);
  EXPECT_EQ(r.detail, "the number 1e400 at line 1, column 10 is out of range");
  EXPECT_EQ(refusal("[-" + std::string(400, '9') + ".5]").detail,
            "the number -999999999999999999999999999999999999999... at line 1, column 2 is out of range");
}

TEST(EditJsonBody, RefusesInvalidUtf8WithItsPlace) {
  auto r = refusal("{\"name\":\n\"Chill\xe1n\"}");
  EXPECT_EQ(r.fault, Fault::invalid);
  EXPECT_EQ(r.detail, "the body is not valid UTF-8 (byte 0xE1 at line 2, column 7)");
  EXPECT_EQ(refusal("\"\xed\xa0\x80\"").detail, "the body is not valid UTF-8 (byte 0xED at line 1, column 2)");
  EXPECT_EQ(refusal(R"("\ud800")").detail,
            "invalid JSON at line 1, column 8: syntax error while parsing value - invalid string: surrogate "
            "U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
}

TEST(EditJsonBody, RefusesDepthBeyondTheLimitBeforeBuildingIt) {
  EXPECT_NO_THROW(parse_json_body(std::string(32, '[') + std::string(32, ']')));
  auto r = refusal(std::string(33, '[') + std::string(33, ']'));
  EXPECT_EQ(r.fault, Fault::invalid);
  EXPECT_EQ(r.detail, "JSON nested deeper than 32 levels, the limit, at /0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0");
  // A million brackets fail at the 33rd, without reading (or allocating) the rest.
  EXPECT_EQ(refusal(std::string(1'000'000, '[')).fault, Fault::invalid);
  BodyLimits shallow;
  shallow.max_depth = 2;
  EXPECT_EQ(refusal(R"({"properties":{"a/b":{"c":1}}})", shallow).detail,
            "JSON nested deeper than 2 levels, the limit, at /properties/a~1b");
  EXPECT_EQ(refusal(R"([1,[2,{"x":3}]])", shallow).detail, "JSON nested deeper than 2 levels, the limit, at /1/1");
}

TEST(EditJsonBody, RefusesARepeatedMemberName) {
  auto r = refusal(R"({"properties":{"name":"a","year":2016,"name":"b"}})");
  EXPECT_EQ(r.fault, Fault::invalid);
  EXPECT_EQ(r.detail, "the member /properties/name is given twice");
  EXPECT_EQ(refusal(R"({"a":1,"a":1})").detail, "the member /a is given twice");
  // The same name in different objects is fine.
  EXPECT_EQ(parse_json_body(R"([{"a":1},{"a":2}])").dump(), R"([{"a":1},{"a":2}])");
}

TEST(EditJsonBody, RefusesTooManyMembersAndTooLargeBodies) {
  BodyLimits small;
  small.max_members = 3;
  EXPECT_NO_THROW(parse_json_body(R"({"a":1,"b":2,"c":3})", small));
  auto r = refusal(R"({"p":{"a":1,"b":2,"c":3,"d":4}})", small);
  EXPECT_EQ(r.fault, Fault::too_large);
  EXPECT_EQ(r.detail, "the object at /p has more than 3 members, the limit");
  EXPECT_EQ(refusal(R"({"a":1,"b":2,"c":3,"d":4})", small).detail,
            "the object at the top has more than 3 members, the limit");

  const std::string big = "\"" + std::string((2 << 20) - 2, 'x') + "\"";
  EXPECT_EQ(parse_json_body(big).get_ref<const std::string&>().size(), (2u << 20) - 2);
  r = refusal(big + " ");
  EXPECT_EQ(r.fault, Fault::too_large);
  EXPECT_EQ(r.detail, "the body is larger than 2097152 bytes, the limit");
}

TEST(EditJsonBody, PointersEscapeTildeAndSlash) {
  EXPECT_EQ(layers::edit::json_pointer({"a~b", "c/d", "0"}), "/a~0b/c~1d/0");
  EXPECT_EQ(layers::edit::json_pointer({}), "");
}

}  // namespace
