// SNS filter policies: the examples of "Amazon SNS message filtering" (string, numeric, key and
// IP address matching, AND/OR logic, example filter policies) in both filter policy scopes.
// Attribute-scope events are the message attributes as Pattern::Matches takes them: String as
// strings, Number as numbers, String.Array as arrays.
#include "services/event_pattern/pattern_test_table.h"

namespace skybox::services::event_pattern {
namespace {

constexpr const char* kTransaction =
    R"({"customer_interests":["soccer","rugby","hockey"],"store":"example_corp","event":"order_placed","price_usd":210.75})";
constexpr const char* kTransactionPolicy =
    R"({"store":["example_corp"],"event":[{"anything-but":"order_cancelled"}],
      "customer_interests":["rugby","football","baseball"],"price_usd":[{"numeric":[">=",100]}]})";

const MatchRow kAttributeRows[] = {
    // Exact matching; String.Array elements count separately.
    {"ExactString", R"({"customer_interests":["rugby","tennis"]})", R"({"customer_interests":"rugby"})", true},
    {"ExactStringOther", R"({"customer_interests":["rugby","tennis"]})", R"({"customer_interests":"tennis"})", true},
    {"ExactStringArray", R"({"customer_interests":["rugby","tennis"]})",
     R"({"customer_interests":["rugby","tennis"]})", true},
    {"ExactStringMismatch", R"({"customer_interests":["rugby","tennis"]})",
     R"({"customer_interests":"baseball"})", false},
    {"ExactStringArrayMismatch", R"({"customer_interests":["rugby","tennis"]})",
     R"({"customer_interests":["baseball"]})", false},
    {"ExactIsCaseSensitive", R"({"customer_interests":["rugby"]})", R"({"customer_interests":"Rugby"})", false},
    // Anything-but.
    {"AnythingBut", R"({"customer_interests":[{"anything-but":["rugby","tennis"]}]})",
     R"({"customer_interests":"baseball"})", true},
    {"AnythingButFootball", R"({"customer_interests":[{"anything-but":["rugby","tennis"]}]})",
     R"({"customer_interests":"football"})", true},
    {"AnythingButArrayWithOneOtherElement", R"({"customer_interests":[{"anything-but":["rugby","tennis"]}]})",
     R"({"customer_interests":["rugby","baseball"]})", true},
    {"AnythingButExcluded", R"({"customer_interests":[{"anything-but":["rugby","tennis"]}]})",
     R"({"customer_interests":"rugby"})", false},
    {"AnythingButArrayAllExcluded", R"({"customer_interests":[{"anything-but":["rugby","tennis"]}]})",
     R"({"customer_interests":["rugby","tennis"]})", false},
    {"AnythingButOrAbsent", R"({"customer_interests":[{"anything-but":["rugby"]},{"exists":false}]})",
     R"({"store":"example_corp"})", true},
    {"AnythingButPrefix", R"({"event":[{"anything-but":{"prefix":"order-"}}]})", R"({"event":"data-entry"})", true},
    {"AnythingButPrefixExcluded", R"({"event":[{"anything-but":{"prefix":"order-"}}]})",
     R"({"event":"order-cancelled"})", false},
    {"AnythingButNumbers", R"({"price_usd":[{"anything-but":[100,500]}]})", R"({"price_usd":101})", true},
    {"AnythingButNumbersBelow", R"({"price_usd":[{"anything-but":[100,500]}]})", R"({"price_usd":99})", true},
    {"AnythingButNumbersExcluded", R"({"price_usd":[{"anything-but":[100,500]}]})", R"({"price_usd":100})", false},
    // Equals-ignore-case, prefix, suffix.
    {"EqualsIgnoreCase", R"({"customer_interests":[{"equals-ignore-case":"tennis"}]})",
     R"({"customer_interests":"TENNIS"})", true},
    {"EqualsIgnoreCaseMixed", R"({"customer_interests":[{"equals-ignore-case":"tennis"}]})",
     R"({"customer_interests":"Tennis"})", true},
    {"EqualsIgnoreCaseMismatch", R"({"customer_interests":[{"equals-ignore-case":"tennis"}]})",
     R"({"customer_interests":"rugby"})", false},
    {"Prefix", R"({"customer_interests":[{"prefix":"bas"}]})", R"({"customer_interests":"baseball"})", true},
    {"PrefixBasketball", R"({"customer_interests":[{"prefix":"bas"}]})", R"({"customer_interests":"basketball"})", true},
    {"PrefixMismatch", R"({"customer_interests":[{"prefix":"bas"}]})", R"({"customer_interests":"rugby"})", false},
    {"Suffix", R"({"customer_interests":[{"suffix":"ball"}]})", R"({"customer_interests":"baseball"})", true},
    {"SuffixBasketball", R"({"customer_interests":[{"suffix":"ball"}]})", R"({"customer_interests":"basketball"})", true},
    {"SuffixMismatch", R"({"customer_interests":[{"suffix":"ball"}]})", R"({"customer_interests":"rugby"})", false},
    {"Wildcard", R"({"customer_interests":[{"wildcard":"*ball"}]})", R"({"customer_interests":"football"})", true},
    // IP address matching.
    {"CidrFirstAddress", R"({"source_ip":[{"cidr":"10.0.0.0/24"}]})", R"({"source_ip":"10.0.0.0"})", true},
    {"CidrLastAddress", R"({"source_ip":[{"cidr":"10.0.0.0/24"}]})", R"({"source_ip":"10.0.0.255"})", true},
    {"CidrOutside", R"({"source_ip":[{"cidr":"10.0.0.0/24"}]})", R"({"source_ip":"10.1.1.0"})", false},
    // Numeric value matching on Number attributes.
    {"NumericExact", R"({"price_usd":[{"numeric":["=",301.5]}]})", R"({"price_usd":301.5})", true},
    {"NumericExactExponent", R"({"price_usd":[{"numeric":["=",301.5]}]})", R"({"price_usd":3.015e2})", true},
    {"NumericExactLiteral", R"({"price_usd":[301.5]})", R"({"price_usd":301.50})", true},
    {"NumericRangeInside", R"({"price_usd":[{"numeric":[">",0,"<=",150]}]})", R"({"price_usd":100})", true},
    {"NumericRangeTopInclusive", R"({"price_usd":[{"numeric":[">",0,"<=",150]}]})", R"({"price_usd":150})", true},
    {"NumericRangeBottomExclusive", R"({"price_usd":[{"numeric":[">",0,"<=",150]}]})", R"({"price_usd":0})", false},
    {"NumericRangeAbove", R"({"price_usd":[{"numeric":[">",0,"<=",150]}]})", R"({"price_usd":151})", false},
    {"NumericNotOnStringAttribute", R"({"price_usd":[{"numeric":[">",0]}]})", R"({"price_usd":"210.75"})", false},
    // Key matching.
    {"ExistsTrue", R"({"store":[{"exists":true}]})", R"({"store":"example_corp"})", true},
    {"ExistsTrueAbsent", R"({"store":[{"exists":true}]})", R"({"event":"order_placed"})", false},
    {"ExistsFalse", R"({"store":[{"exists":false}]})", R"({"event":"order_placed"})", true},
    {"ExistsFalsePresent", R"({"store":[{"exists":false}]})", R"({"store":"example_corp"})", false},
    // AND / OR logic.
    {"AndAllKeys", R"({"customer_interests":["rugby","football","baseball"],"price_usd":[{"numeric":[">=",100]}]})",
     R"({"customer_interests":"rugby","price_usd":150})", true},
    {"AndOneKeyFails", R"({"customer_interests":["rugby","football","baseball"],"price_usd":[{"numeric":[">=",100]}]})",
     R"({"customer_interests":"rugby","price_usd":50})", false},
    {"OrAcrossKeys", R"({"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization"]},{"namespace":["AWS/EC2"]}]})",
     R"({"source":"aws.cloudwatch","namespace":"AWS/EC2"})", true},
    {"OrAcrossKeysNone", R"({"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization"]},{"namespace":["AWS/EC2"]}]})",
     R"({"source":"aws.cloudwatch","namespace":"AWS/ES"})", false},
    // The documented example policy and message.
    {"ExamplePolicyAccepts", kTransactionPolicy, kTransaction, true},
    {"ExamplePolicyRejectsCancelled", kTransactionPolicy,
     R"({"customer_interests":["rugby"],"store":"example_corp","event":"order_cancelled","price_usd":210.75})", false},
};

const MatchRow kBodyRows[] = {
    {"ExamplePolicyOnBody", kTransactionPolicy, kTransaction, true},
    {"ExamplePolicyOnBodyCheapOrder", kTransactionPolicy,
     R"({"customer_interests":["rugby"],"store":"example_corp","event":"order_placed","price_usd":99})", false},
    {"NestedKeys", R"({"key_a":{"key_b":{"key_c":["value_one","value_two"]}},"key_d":{"key_e":["value_three"]}})",
     R"({"key_a":{"key_b":{"key_c":"value_two"}},"key_d":{"key_e":"value_three"}})", true},
    {"NestedKeysMismatch", R"({"key_a":{"key_b":{"key_c":["value_one"]}}})",
     R"({"key_a":{"key_b":{"key_c":"value_four"}}})", false},
    {"NestedKeyMissing", R"({"key_a":{"key_b":{"key_c":["value_one"]}}})", R"({"key_a":{}})", false},
    {"NestedPrefix", R"({"customer":{"name":[{"prefix":"Ali"}]}})", R"({"customer":{"name":"Alice"}})", true},
    {"NestedExistsFalse", R"({"customer":{"vip":[{"exists":false}]}})", R"({"customer":{"name":"Alice"}})", true},
    {"NestedNumeric", R"({"order":{"total":[{"numeric":[">",100]}]}})", R"({"order":{"total":250.5}})", true},
    {"NestedOr", R"({"order":{"$or":[{"state":["placed"]},{"total":[{"numeric":[">",1000]}]}]}})",
     R"({"order":{"state":"shipped","total":5000}})", true},
    {"NestedArrayOfObjects", R"({"items":{"sku":["B-2"]}})", R"({"items":[{"sku":"A-1"},{"sku":"B-2"}]})", true},
    {"NonObjectBodyNeverMatches", R"({"store":["example_corp"]})", R"("example_corp")", false},
};

class SnsAttributeDocs : public testing::TestWithParam<MatchRow> {};
TEST_P(SnsAttributeDocs, MatchesAsDocumented) { ExpectRow(GetParam(), Dialect::kSnsMessageAttributes); }
INSTANTIATE_TEST_SUITE_P(Rows, SnsAttributeDocs, testing::ValuesIn(kAttributeRows), RowName);

class SnsBodyDocs : public testing::TestWithParam<MatchRow> {};
TEST_P(SnsBodyDocs, MatchesAsDocumented) { ExpectRow(GetParam(), Dialect::kSnsMessageBody); }
INSTANTIATE_TEST_SUITE_P(Rows, SnsBodyDocs, testing::ValuesIn(kBodyRows), RowName);

}  // namespace
}  // namespace skybox::services::event_pattern
