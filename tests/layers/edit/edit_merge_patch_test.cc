// apply_merge_patch against the examples of RFC 7386 (section 3 and
// appendix A), with the member order ordered documents keep.
#include <gtest/gtest.h>

#include <string>

#include "layers/edit/json_body.h"
#include "layers/edit/merge_patch.h"

namespace {

using layers::edit::apply_merge_patch;
using layers::edit::Json;

std::string merged(const std::string& target, const std::string& patch) {
  return apply_merge_patch(Json::parse(target), Json::parse(patch)).dump();
}

TEST(EditMergePatch, Rfc7386AppendixA) {
  EXPECT_EQ(merged(R"({"a":"b"})", R"({"a":"c"})"), R"({"a":"c"})");
  EXPECT_EQ(merged(R"({"a":"b"})", R"({"b":"c"})"), R"({"a":"b","b":"c"})");
  EXPECT_EQ(merged(R"({"a":"b"})", R"({"a":null})"), R"({})");
  EXPECT_EQ(merged(R"({"a":"b","b":"c"})", R"({"a":null})"), R"({"b":"c"})");
  EXPECT_EQ(merged(R"({"a":["b"]})", R"({"a":"c"})"), R"({"a":"c"})");
  EXPECT_EQ(merged(R"({"a":"c"})", R"({"a":["b"]})"), R"({"a":["b"]})");
  EXPECT_EQ(merged(R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})"), R"({"a":{"b":"d"}})");
  EXPECT_EQ(merged(R"({"a":[{"b":"c"}]})", R"({"a":[1]})"), R"({"a":[1]})");
  EXPECT_EQ(merged(R"(["a","b"])", R"(["c","d"])"), R"(["c","d"])");
  EXPECT_EQ(merged(R"({"a":"b"})", R"(["c"])"), R"(["c"])");
  EXPECT_EQ(merged(R"({"a":"foo"})", "null"), "null");
  EXPECT_EQ(merged(R"({"a":"foo"})", R"("bar")"), R"("bar")");
  EXPECT_EQ(merged(R"({"e":null})", R"({"a":1})"), R"({"e":null,"a":1})");
  EXPECT_EQ(merged(R"([1,2])", R"({"a":"b","c":null})"), R"({"a":"b"})");
  EXPECT_EQ(merged(R"({})", R"({"a":{"bb":{"ccc":null}}})"), R"({"a":{"bb":{}}})");
}

TEST(EditMergePatch, Rfc7386SectionThreeKeepsOrderAndAppendsNewMembers) {
  const std::string target =
      R"({"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],)"
      R"("content":"This will be unchanged"})";
  const std::string patch =
      R"({"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]})";
  EXPECT_EQ(merged(target, patch),
            R"({"title":"Hello!","author":{"givenName":"John"},"tags":["example"],)"
            R"("content":"This will be unchanged","phoneNumber":"+01-123-456-7890"})");
}

TEST(EditMergePatch, MergesSiblingObjectsAndReplacesNonObjects) {
  // Several nested objects in one patch, one of them new and one replacing
  // a scalar, beside removals in the same object.
  EXPECT_EQ(merged(R"({"p":{"x":1,"y":2},"q":3,"r":{"s":{"t":1}},"z":0})",
                   R"({"z":null,"p":{"x":null,"w":{"v":1}},"q":{"n":null,"m":2},"r":{"s":{"u":2}},"new":{"a":{}}})"),
            R"({"p":{"y":2,"w":{"v":1}},"q":{"m":2},"r":{"s":{"t":1,"u":2}},"new":{"a":{}}})");
}

TEST(EditMergePatch, DeepPatchesNeedNoStack) {
  std::string patch, tail;
  for (int i = 0; i < 100'000; ++i) {
    patch += R"({"a":)";
    tail += '}';
  }
  const Json p = Json::parse(patch + "1" + tail);
  Json r = apply_merge_patch(Json::object(), p);
  int depth = 0;
  for (const Json* j = &r; j->is_object(); j = &j->at("a")) ++depth;
  EXPECT_EQ(depth, 100'000);
}

}  // namespace
