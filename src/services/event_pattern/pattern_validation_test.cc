// Bad patterns and policies are rejected with AWS's wording, per dialect.
#include <string>

#include <gtest/gtest.h>

#include "services/event_pattern/event_pattern.h"

namespace skybox::services::event_pattern {
namespace {

struct InvalidRow {
  const char* name;
  Dialect dialect;
  std::string pattern;
  const char* message;
};

std::ostream& operator<<(std::ostream& os, const InvalidRow& row) { return os << row.name; }

constexpr Dialect kEb = Dialect::kEventBridge;
constexpr Dialect kAttrs = Dialect::kSnsMessageAttributes;
constexpr Dialect kBody = Dialect::kSnsMessageBody;

// {"k0":["v0","v1",...], ...}: `keys` keys with `values` values each.
std::string PolicyWithKeys(int keys, int values) {
  std::string policy = "{";
  for (int k = 0; k < keys; ++k) {
    policy += (k ? ",\"k" : "\"k") + std::to_string(k) + "\":[";
    for (int v = 0; v < values; ++v) policy += (v ? ",\"v" : "\"v") + std::to_string(v) + "\"";
    policy += "]";
  }
  return policy + "}";
}

const InvalidRow kRows[] = {
    {"NotJson", kEb, "{", "Filter is not valid JSON"},
    {"NotAnObject", kEb, R"(["source"])", "Filter is not an object"},
    {"EmptyObject", kEb, "{}", "Empty objects are not allowed"},
    {"EmptyNestedObject", kEb, R"({"detail":{}})", "Empty objects are not allowed"},
    {"LeafNotArray", kEb, R"({"source":"aws.ec2"})", "\"source\" must be an object or an array"},
    {"LeafNumberNotArray", kBody, R"({"price":5})", "\"price\" must be an object or an array"},
    {"EmptyArray", kEb, R"({"source":[]})", "Empty arrays are not allowed"},
    {"EmptyArraySns", kAttrs, R"({"store":[]})", "Empty arrays are not allowed"},
    {"NestedArrayValue", kEb, R"({"source":[["a"]]})", "Match value must be String, number, true, false, or null"},
    {"UnknownOperator", kEb, R"({"source":[{"contains":"ec2"}]})", "Unrecognized match type contains"},
    {"UnknownOperatorSns", kAttrs, R"({"store":[{"regex":".*"}]})", "Unrecognized match type regex"},
    {"EmptyMatchExpression", kEb, R"({"source":[{}]})", "Match expression name not found"},
    {"TwoKeysInExpression", kEb, R"({"source":[{"prefix":"a","suffix":"b"}]})",
     "Only one key allowed in match expression"},
    {"PrefixNotString", kEb, R"({"source":[{"prefix":5}]})", "prefix match pattern must be a string"},
    {"PrefixUnsupportedInner", kEb, R"({"source":[{"prefix":{"wildcard":"a*"}}]})",
     "Unsupported prefix pattern: wildcard"},
    {"SuffixNotString", kEb, R"({"source":[{"suffix":null}]})", "suffix match pattern must be a string"},
    {"EqualsIgnoreCaseNotString", kEb, R"({"source":[{"equals-ignore-case":1}]})",
     "equals-ignore-case match pattern must be a string"},
    {"ExistsNotBoolean", kEb, R"({"source":[{"exists":"true"}]})", "exists match pattern must be either true or false."},
    {"ExistsNotBooleanSns", kAttrs, R"({"store":[{"exists":1}]})", "exists match pattern must be either true or false."},
    {"NumericNotArray", kEb, R"({"n":[{"numeric":5}]})", "Value of numeric must be an array."},
    {"NumericEmpty", kEb, R"({"n":[{"numeric":[]}]})", "Invalid member in numeric match: ]"},
    {"NumericOperatorNotString", kEb, R"({"n":[{"numeric":[5,">"]}]})", "Invalid member in numeric match: 5"},
    {"NumericUnknownOperator", kEb, R"({"n":[{"numeric":["!=",5]}]})", "Unrecognized numeric range operator: !="},
    {"NumericOperandString", kEb, R"({"n":[{"numeric":["<","100"]}]})", "Value of < must be numeric"},
    {"NumericEqualsOperandString", kAttrs, R"({"n":[{"numeric":["=","5"]}]})", "Value of equals must be numeric"},
    {"NumericMissingOperand", kEb, R"({"n":[{"numeric":[">="]}]})", "Value of >= must be numeric"},
    {"NumericTooManyAfterEquals", kEb, R"({"n":[{"numeric":["=",5,"<",6]}]})", "Too many elements in numeric expression"},
    {"NumericUpperAfterUpper", kEb, R"({"n":[{"numeric":["<",5,"<",6]}]})", "Too many elements in numeric expression"},
    {"NumericBadRangeOperator", kEb, R"({"n":[{"numeric":[">",5,">",6]}]})", "Bad numeric range operator: >"},
    {"NumericBadRangeValue", kEb, R"({"n":[{"numeric":[">",5,6]}]})", "Bad value in numeric range: 6"},
    {"NumericTopNotNumeric", kEb, R"({"n":[{"numeric":[">",5,"<=","6"]}]})", "Value of <= must be numeric"},
    {"NumericBottomNotBelowTop", kEb, R"({"n":[{"numeric":[">",6,"<",5]}]})", "Bottom must be less than top"},
    {"NumericTooManyTerms", kEb, R"({"n":[{"numeric":[">",1,"<",5,"<",6]}]})", "Too many terms in numeric range expression"},
    {"NumericOutOfRange", kEb, R"({"n":[{"numeric":[">",6e9]}]})",
     "Value must be between -5000000000 and 5000000000, inclusive"},
    {"CidrNotString", kEb, R"({"ip":[{"cidr":10}]})", "prefix match pattern must be a string"},
    {"CidrNoSlash", kEb, R"({"ip":[{"cidr":"10.0.0.0"}]})", "Malformed CIDR, one '/' required"},
    {"CidrBadMask", kEb, R"({"ip":[{"cidr":"10.0.0.0/x"}]})", "Malformed CIDR, mask bits must be an integer"},
    {"CidrBadAddress", kAttrs, R"({"ip":[{"cidr":"10.0.0.256/24"}]})", "Nonstandard IP address: 10.0.0.256"},
    {"CidrIpv4MaskTooLarge", kEb, R"({"ip":[{"cidr":"10.0.0.0/33"}]})", "IPv4 mask bits must be < 32"},
    {"CidrIpv6MaskTooLarge", kEb, R"({"ip":[{"cidr":"2001:db8::/129"}]})", "IPv6 mask bits must be < 128"},
    {"WildcardConsecutiveStars", kEb, R"({"k":[{"wildcard":"a**b"}]})", "Consecutive wildcard characters at pos 2"},
    {"WildcardBadEscape", kEb, R"({"k":[{"wildcard":"a\\b"}]})", "Invalid escape character at pos 2"},
    {"WildcardNotString", kEb, R"({"k":[{"wildcard":["a*"]}]})", "wildcard match pattern must be a string"},
    {"AnythingButNull", kEb, R"({"k":[{"anything-but":null}]})",
     "Value of anything-but must be an array or single string/number value."},
    {"AnythingButMixedList", kEb, R"({"k":[{"anything-but":["a",1]}]})",
     "Inside anything but list, either all values are number or string, mixed type is not supported"},
    {"AnythingButEmptyList", kEb, R"({"k":[{"anything-but":[]}]})",
     "Inside anything but list, either all values are number or string, mixed type is not supported"},
    {"AnythingButListWithBoolean", kEb, R"({"k":[{"anything-but":[true]}]})",
     "Inside anything but list, start|null|boolean is not supported."},
    {"AnythingButUnsupportedOperator", kEb, R"({"k":[{"anything-but":{"numeric":[">",1]}}]})",
     "Unsupported anything-but pattern: numeric"},
    {"AnythingButEmptyOperator", kEb, R"({"k":[{"anything-but":{}}]})", "Anything-But expression name not found"},
    {"AnythingButEmptyPrefix", kEb, R"({"k":[{"anything-but":{"prefix":""}}]})", "Null prefix/suffix not allowed"},
    {"AnythingButPrefixNumber", kEb, R"({"k":[{"anything-but":{"prefix":1}}]})",
     "prefix/suffix match pattern must be a string"},
    {"AnythingButIgnoreCaseNumber", kEb, R"({"k":[{"anything-but":{"equals-ignore-case":[1]}}]})",
     "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."},
    {"AnythingButWildcardConsecutive", kEb, R"({"k":[{"anything-but":{"wildcard":"**"}}]})",
     "Consecutive wildcard characters at pos 1"},
    {"OrNotArray", kEb, R"({"$or":{"a":["b"]}})", "It must be an Array followed with $or."},
    {"OrSingleObject", kEb, R"({"$or":[{"a":["b"]}]})", "There must have at least 2 Objects in $or relationship."},
    {"OrNonObject", kEb, R"({"$or":[{"a":["b"]},"c"]})", "Only JSON object is allowed in array of $or relationship."},
    {"OrReservedField", kEb, R"({"$or":[{"numeric":[123]},{"prefix":["abc"]}]})",
     "numeric is Ruler reserved fieldName which cannot be used inside $or."},
    {"EventPatternTooLong", kEb, R"({"source":[")" + std::string(2100, 'a') + R"("]})",
     "Event pattern must not be longer than 2048 characters"},
    {"SnsNestedAttributePolicy", kAttrs, R"({"store":{"name":["x"]}})",
     "Filter policy scope MessageAttributes does not support nested filter policy"},
    {"SnsSixKeys", kAttrs, PolicyWithKeys(6, 1), "Filter policy can not have more than 5 keys"},
    {"SnsSixLeafKeysInBody", kBody,
     R"({"a":{"b":["1"],"c":["2"],"d":["3"]},"e":{"f":["4"],"g":["5"],"h":["6"]}})",
     "Filter policy can not have more than 5 keys"},
    {"SnsTooComplex", kAttrs, PolicyWithKeys(3, 6), "Filter policy is too complex"},
    {"SnsNestedTooComplex", kBody,
     R"({"a":{"b":{"c":["1","2","3","4","5","6"]}},"d":{"e":["1","2","3","4","5"]}})",
     "Filter policy is too complex"},
    {"SnsTooManyWildcardsInPattern", kAttrs, R"({"f":[{"wildcard":"*a*b*c*"}]})",
     "Rule is too complex - try using fewer wildcard characters"},
    {"DeeplyNested", kBody, std::string(200, '[') + std::string(200, ']'), "Pattern is nested too deeply"},
};

class InvalidPatterns : public testing::TestWithParam<InvalidRow> {};

TEST_P(InvalidPatterns, RejectedWithAwsWording) {
  const InvalidRow& row = GetParam();
  Result<Pattern> pattern = Pattern::Parse(row.pattern, row.dialect);
  ASSERT_FALSE(pattern.ok());
  EXPECT_EQ(pattern.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(pattern.status().message(), row.message);
}

INSTANTIATE_TEST_SUITE_P(Rows, InvalidPatterns, testing::ValuesIn(kRows),
                         [](const testing::TestParamInfo<InvalidRow>& info) { return info.param.name; });

TEST(PatternLimits, SnsAcceptsDocumentedExamples) {
  // 3 x 1 x 2 = 6 combinations; the nested example is 4 x 3 x 3 x 2 = 72.
  EXPECT_TRUE(Pattern::Parse(R"({"key_a":["value_one","value_two","value_three"],"key_b":["value_one"],
                                 "key_c":["value_one","value_two"]})", kAttrs).ok());
  EXPECT_TRUE(Pattern::Parse(R"({"key_a":{"key_b":{"key_c":["value_one","value_two","value_three","value_four"]}},
                                 "key_d":{"key_e":["value_one","value_two","value_three"]}})", kBody).ok());
  EXPECT_TRUE(Pattern::Parse(PolicyWithKeys(5, 2), kAttrs).ok());  // 32 combinations
  EXPECT_TRUE(Pattern::Parse(R"({"filename":[{"wildcard":"*.txt"},{"wildcard":"log*"}]})", kAttrs).ok());
}

TEST(PatternLimits, EventBridgeHasNoKeyOrCombinationLimit) {
  EXPECT_TRUE(Pattern::Parse(PolicyWithKeys(8, 6), kEb).ok());
  EXPECT_TRUE(Pattern::Parse(R"({"a":{"b":["x"]}})", kEb).ok());
}

TEST(PatternLimits, EventBridgeAcceptsPatternOfMaximumLength) {
  const std::string prefix = R"({"source":[")";
  const std::string suffix = R"("]})";
  const std::string pattern = prefix + std::string(2048 - prefix.size() - suffix.size(), 'a') + suffix;
  ASSERT_EQ(pattern.size(), 2048u);
  EXPECT_TRUE(Pattern::Parse(pattern, kEb).ok());
}

}  // namespace
}  // namespace skybox::services::event_pattern
