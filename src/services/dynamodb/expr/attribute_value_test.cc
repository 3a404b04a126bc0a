#include "services/dynamodb/expr/attribute_value.h"

#include <gtest/gtest.h>

#include "services/dynamodb/expr/test_util.h"

namespace skybox::dynamodb {
namespace {

using testing::Bin;
using testing::ErrorOf;
using testing::J;

TEST(AttributeValueTest, TypeOf) {
  EXPECT_EQ(TypeOf(J(R"({"S":"x"})")), AttributeType::kS);
  EXPECT_EQ(TypeOf(J(R"({"N":"1"})")), AttributeType::kN);
  EXPECT_EQ(TypeOf(Bin("ab")), AttributeType::kB);
  EXPECT_EQ(TypeOf(J(R"({"SS":["a"]})")), AttributeType::kSS);
  EXPECT_EQ(TypeOf(J(R"({"M":{}})")), AttributeType::kM);
  EXPECT_EQ(TypeOf(J(R"({"L":[]})")), AttributeType::kL);
  EXPECT_EQ(TypeOf(J(R"({"NULL":true})")), AttributeType::kNull);
  EXPECT_EQ(TypeOf(J(R"({"BOOL":false})")), AttributeType::kBool);
  EXPECT_FALSE(TypeOf(J(R"({"S":1})")));
  EXPECT_FALSE(TypeOf(J(R"({"X":"1"})")));
  EXPECT_FALSE(TypeOf(J(R"({})")));
  EXPECT_FALSE(TypeOf(J(R"({"S":"a","N":"1"})")));
  EXPECT_FALSE(TypeOf(J(R"("S")")));
  EXPECT_EQ(AttributeTypeName(AttributeType::kBool), "BOOL");
  EXPECT_EQ(AttributeTypeFromName("NS"), AttributeType::kNS);
  EXPECT_FALSE(AttributeTypeFromName("X"));
}

TEST(AttributeValueTest, CanonicalNormalisesNumbersEverywhere) {
  Document item = J(R"({"a":{"N":"1.50"},"b":{"NS":["01","2.0"]},
                        "c":{"M":{"d":{"L":[{"N":"-0"},{"S":""}]}}}})");
  Result<Document> c = CanonicalItem(item);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(*c, J(R"({"a":{"N":"1.5"},"b":{"NS":["1","2"]},
                      "c":{"M":{"d":{"L":[{"N":"0"},{"S":""}]}}}})"));
}

TEST(AttributeValueTest, ValidationMessages) {
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J("{}"))),
            "Supplied AttributeValue is empty, must contain exactly one of the supported "
            "datatypes");
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J(R"({"S":"a","N":"1"})"))),
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
            "the supported datatypes");
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J(R"({"SS":[]})"))),
            "One or more parameter values were invalid: An string set  may not be empty");
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J(R"({"NS":[]})"))),
            "One or more parameter values were invalid: An number set  may not be empty");
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J(R"({"BS":[]})"))),
            "One or more parameter values were invalid: Binary sets should not be empty");
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J(R"({"SS":["a","b","a"]})"))),
            "One or more parameter values were invalid: Input collection [a, b, a] contains "
            "duplicates.");
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J(R"({"NS":["1","1.0"]})"))),
            "Input collection contains duplicates");
  Document bs = {{"BS", Document::array({Bin("a")["B"], Bin("a")["B"]})}};
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(bs)),
            "One or more parameter values were invalid: Input collection [YQ==, YQ==]of type BS "
            "contains duplicates.");
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J(R"({"NULL":false})"))),
            "One or more parameter values were invalid: Null attribute value types must have the "
            "value of true");
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J(R"({"N":"abc"})"))),
            "The parameter cannot be converted to a numeric value: abc");
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(J(R"({"M":{"x":{"N":"1e200"}}})"))),
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range");
  EXPECT_EQ(ErrorOf(CanonicalItem(J(R"([1])"))),
            "One or more parameter values were invalid: Item is not a map");
  EXPECT_TRUE(CanonicalAttributeValue(J(R"({"S":""})")).ok());  // empty non-key strings allowed
}

TEST(AttributeValueTest, NestingLimit) {
  auto nested = [](int wraps) {
    Document v = J(R"({"S":"leaf"})");
    for (int i = 0; i < wraps; ++i) v = Document{{"M", {{"x", v}}}};
    return v;
  };
  EXPECT_TRUE(CanonicalAttributeValue(nested(31)).ok());
  EXPECT_EQ(ErrorOf(CanonicalAttributeValue(nested(32))),
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
            "levels beyond supported limit");
}

TEST(AttributeValueTest, Equality) {
  EXPECT_TRUE(AttributeValuesEqual(J(R"({"N":"1.50"})"), J(R"({"N":"1.5"})")));
  EXPECT_FALSE(AttributeValuesEqual(J(R"({"N":"1"})"), J(R"({"S":"1"})")));
  EXPECT_TRUE(AttributeValuesEqual(J(R"({"SS":["a","b"]})"), J(R"({"SS":["b","a"]})")));
  EXPECT_TRUE(AttributeValuesEqual(J(R"({"NS":["1","2.0"]})"), J(R"({"NS":["2","1"]})")));
  EXPECT_FALSE(AttributeValuesEqual(J(R"({"SS":["a"]})"), J(R"({"SS":["a","b"]})")));
  EXPECT_TRUE(AttributeValuesEqual(J(R"({"M":{"a":{"N":"1"},"b":{"L":[{"S":"x"}]}}})"),
                                   J(R"({"M":{"b":{"L":[{"S":"x"}]},"a":{"N":"1.0"}}})")));
  EXPECT_FALSE(AttributeValuesEqual(J(R"({"L":[{"S":"x"},{"S":"y"}]})"),
                                    J(R"({"L":[{"S":"y"},{"S":"x"}]})")));
  EXPECT_TRUE(AttributeValuesEqual(Bin("ab"), Bin("ab")));
  EXPECT_FALSE(AttributeValuesEqual(Bin("ab"), Bin("ac")));
  EXPECT_TRUE(AttributeValuesEqual(J(R"({"NULL":true})"), J(R"({"NULL":true})")));
  EXPECT_FALSE(AttributeValuesEqual(J(R"({"BOOL":true})"), J(R"({"BOOL":false})")));
}

TEST(AttributeValueTest, Ordering) {
  auto cmp = [](const Document& a, const Document& b) { return CompareAttributeValues(a, b); };
  EXPECT_EQ(cmp(J(R"({"N":"9"})"), J(R"({"N":"10"})")), std::strong_ordering::less);
  EXPECT_EQ(cmp(J(R"({"N":"-1"})"), J(R"({"N":"-1.0"})")), std::strong_ordering::equal);
  EXPECT_EQ(cmp(J(R"({"S":"b"})"), J(R"({"S":"a"})")), std::strong_ordering::greater);
  EXPECT_EQ(cmp(J(R"({"S":"Z"})"), J(R"({"S":"a"})")), std::strong_ordering::less);
  // UTF-8 bytes compare unsigned: U+00E9 (0xC3 0xA9) sorts after "z".
  EXPECT_EQ(cmp(J("{\"S\":\"\xC3\xA9\"}"), J(R"({"S":"z"})")), std::strong_ordering::greater);
  EXPECT_EQ(cmp(Bin("\x01"), Bin("\xff")), std::strong_ordering::less);
  EXPECT_FALSE(cmp(J(R"({"S":"1"})"), J(R"({"N":"1"})")));
  EXPECT_FALSE(cmp(J(R"({"BOOL":true})"), J(R"({"BOOL":true})")));
  EXPECT_FALSE(cmp(J(R"({"L":[]})"), J(R"({"L":[]})")));
}

TEST(AttributeValueTest, Sizes) {
  EXPECT_EQ(AttributeValueSize(J(R"({"S":"hello"})")), 5u);
  EXPECT_EQ(AttributeValueSize(J("{\"S\":\"\xC3\xA9\"}")), 2u);
  EXPECT_EQ(AttributeValueSize(Bin("abc")), 3u);
  EXPECT_EQ(AttributeValueSize(J(R"({"BOOL":true})")), 1u);
  EXPECT_EQ(AttributeValueSize(J(R"({"NULL":true})")), 1u);
  EXPECT_EQ(AttributeValueSize(J(R"({"N":"0"})")), 1u);
  EXPECT_EQ(AttributeValueSize(J(R"({"N":"12"})")), 2u);
  EXPECT_EQ(AttributeValueSize(J(R"({"N":"123"})")), 3u);
  EXPECT_EQ(AttributeValueSize(J(R"({"N":"-12.5"})")), 4u);
  // Measured against DynamoDB at the 400 KB gate (1 + ceil(integer digits/2) +
  // ceil(fraction digits/2) + 1 if negative, over the significant digits).
  const std::pair<const char*, size_t> kNumberBytes[] = {
      {"0", 1}, {"1", 2}, {"12", 2}, {"123", 3}, {"1234", 3},
      {"12345678901234567890123456789012345678", 20}, {"0042", 2}, {"100", 2}, {"1010", 3},
      {"0.0000001", 2}, {"1E125", 2}, {"1E-100", 2}, {"1.5", 3}, {"15", 2}, {"1.2", 3},
      {"1.200", 3}, {"1.234", 4}, {"3.14159", 5}, {"123456", 4}, {"100.5", 4}, {"0.15", 2},
      {"-42", 3}, {"-0", 1}};
  for (const auto& [literal, bytes] : kNumberBytes) {
    EXPECT_EQ(AttributeValueSize(Document{{"N", literal}}), bytes) << literal;
  }
  EXPECT_EQ(AttributeValueSize(J(R"({"SS":["ab","c"]})")), 3u);
  EXPECT_EQ(AttributeValueSize(J(R"({"L":[{"S":"ab"},{"BOOL":true}]})")), 3u + 3u + 2u);
  EXPECT_EQ(AttributeValueSize(J(R"({"M":{"k":{"S":"ab"}}})")), 3u + 1u + 1u + 2u);
  EXPECT_EQ(ItemSize(J(R"({"id":{"S":"abc"},"n":{"N":"1"}})")), 2u + 3u + 1u + 2u);
}

}  // namespace
}  // namespace skybox::dynamodb
