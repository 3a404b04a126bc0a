#include "services/sqs/message_attributes.h"

#include <gtest/gtest.h>

namespace skybox::services::sqs {
namespace {

aws::Document Binary(std::vector<uint8_t> bytes) { return aws::Document::binary(std::move(bytes)); }

// Expected digests computed independently (Python hashlib over the documented encoding).
TEST(MessageAttributesTest, Md5MatchesAwsAlgorithm) {
  aws::Document attrs = {{"attr1", {{"DataType", "String"}, {"StringValue", "value1"}}},
                         {"num", {{"DataType", "Number"}, {"StringValue", "42"}}},
                         {"bin", {{"DataType", "Binary"}, {"BinaryValue", Binary({0x00, 0x01, 0xff})}}}};
  EXPECT_EQ(Md5OfAttributes(attrs), "9b34c9e40c6a7bcce38eaf44218301f3");
  aws::Document trace = {
      {"AWSTraceHeader", {{"DataType", "String"}, {"StringValue", "Root=1-5759e988-bd862e3fe1be46a994272793"}}}};
  EXPECT_EQ(Md5OfAttributes(trace), "62a56dd927315f2b2e12832b84617ea5");
  EXPECT_EQ(Md5Hex("hello"), "5d41402abc4b2a76b9719d911017c592");
  EXPECT_EQ(Md5OfAttributes(aws::Document::object()), "");
}

TEST(MessageAttributesTest, ValidationErrors) {
  EXPECT_FALSE(ValidateMessageAttributes({{"a", {{"DataType", "Text"}, {"StringValue", "x"}}}}, false).ok());
  EXPECT_FALSE(ValidateMessageAttributes({{"a", {{"DataType", "String"}}}}, false).ok());
  EXPECT_FALSE(ValidateMessageAttributes({{"a", {{"DataType", "Number"}, {"StringValue", "x1"}}}}, false).ok());
  EXPECT_FALSE(ValidateMessageAttributes({{"AWS.x", {{"DataType", "String"}, {"StringValue", "x"}}}}, false).ok());
  aws::Document eleven = aws::Document::object();
  for (int i = 0; i < 11; ++i) eleven["a" + std::to_string(i)] = {{"DataType", "String"}, {"StringValue", "v"}};
  auto too_many = ValidateMessageAttributes(eleven, false);
  EXPECT_EQ(too_many.status().message(), "Number of message attributes [11] exceeds the allowed maximum [10].");
  // 38 significant digits fit a Number; 39 do not (leading and trailing zeros do not count).
  EXPECT_TRUE(ValidateMessageAttributes(
                  {{"n", {{"DataType", "Number"}, {"StringValue", "-0012345678901234567890123456789012345678.000"}}}}, false)
                  .ok());
  EXPECT_FALSE(ValidateMessageAttributes(
                   {{"n", {{"DataType", "Number"}, {"StringValue", "123456789012345678901234567890123456789"}}}}, false)
                   .ok());
  auto system = ValidateMessageAttributes({{"Foo", {{"DataType", "String"}, {"StringValue", "x"}}}}, true);
  ASSERT_FALSE(system.ok());
  EXPECT_EQ(system.status().message(), "Message (system) attribute name 'Foo' is invalid.");
  EXPECT_TRUE(ValidateMessageAttributes({{"AWSTraceHeader", {{"DataType", "String"}, {"StringValue", "Root=1-a"}}}}, true).ok());
  auto ok = ValidateMessageAttributes({{"a.b", {{"DataType", "String.custom"}, {"StringValue", "xyz"}}}}, false);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 3u + 13u + 3u);
}

TEST(MessageAttributesTest, BodyCharacters) {
  EXPECT_TRUE(ValidateMessageBody("hello \t\n\r world \xE2\x82\xAC \xF0\x9F\x98\x80").ok());
  Status bad = ValidateMessageBody(std::string("a\x01", 2));
  EXPECT_EQ(bad.aws_code(), "InvalidMessageContents");
  EXPECT_NE(bad.message().find("#x1'"), std::string::npos);
  EXPECT_FALSE(ValidateMessageBody("\xEF\xBF\xBE").ok());  // U+FFFE
  EXPECT_FALSE(ValidateMessageBody("\xC3").ok());          // truncated UTF-8
}

TEST(MessageAttributesTest, Selectors) {
  aws::Document sel = aws::Document::array({"color", "size.*"});
  EXPECT_TRUE(AttributeSelected(sel, "color"));
  EXPECT_TRUE(AttributeSelected(sel, "size.big"));
  EXPECT_FALSE(AttributeSelected(sel, "sizes"));
  EXPECT_FALSE(AttributeSelected(sel, "other"));
  EXPECT_TRUE(AttributeSelected(aws::Document::array({"All"}), "x"));
  EXPECT_TRUE(AttributeSelected(aws::Document::array({".*"}), "x"));
  EXPECT_FALSE(AttributeSelected(aws::Document::array(), "x"));
}

}  // namespace
}  // namespace skybox::services::sqs
