#include "aws/protocol/json_reader.h"

#include <gtest/gtest.h>

namespace skybox::aws {
namespace {

Document Nlohmann(std::string_view text) { return Document::parse(text, nullptr, false); }

TEST(JsonReaderTest, PlainBodiesParseAsNlohmannDoes) {
  for (std::string_view text : {
           R"({})",
           R"( { "TableName" : "t", "Item": {"pk": {"S": "k1"}, "n": {"N": "1.5"}}, "Limit": 10 } )",
           R"({"a": [1, -2, 3.25, 1e3, -0, 0.5E-2, 18446744073709551615, 9223372036854775808, -9223372036854775809]})",
           R"({"t": true, "f": false, "z": null, "e": [], "o": {}})",
           R"({"dup": 1, "dup": 2})",
           R"([1, "two", [], {"x": "y"}])",
           R"("just a string")",
           "123",
       }) {
    auto plain = ParsePlainJson(text);
    ASSERT_TRUE(plain.has_value()) << text;
    EXPECT_EQ(*plain, Nlohmann(text)) << text;
    EXPECT_EQ(plain->dump(), Nlohmann(text).dump()) << text;  // same number types too
  }
}

TEST(JsonReaderTest, DeclinesWhatItDoesNotHandleOrWhatIsNotJson) {
  for (std::string_view text : {
           R"({"escaped": "a\"b"})",
           R"({"unicode": "caf\u00e9"})",
           "{\"utf8\": \"caf\xc3\xa9\"}",
           "{\"control\": \"a\tb\"}",
           R"({"a": 1,})",
           R"({"a": 01})",
           R"({"a": 1.})",
           R"({"a": tru})",
           R"({"a": 1} trailing)",
           R"({"a" 1})",
           R"([1, 2)",
           R"({'a': 1})",
           "",
           "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
           "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",  // 68 deep: left to nlohmann
       }) {
    EXPECT_FALSE(ParsePlainJson(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace skybox::aws
