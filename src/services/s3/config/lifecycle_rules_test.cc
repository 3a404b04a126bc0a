#include "services/s3/config/lifecycle_rules.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace skybox::s3 {
namespace {

using aws::Document;
using std::chrono::days;
using std::chrono::hours;

constexpr double kMidnight = 1767225600;  // 2026-01-01T00:00:00Z
const LifecycleTime kT0 = LifecycleTime(std::chrono::seconds(1767225600)) + hours(10);  // 10:00 UTC

Document Rule(Document fields) {
  Document rule = {{"Status", "Enabled"}, {"Filter", Document::object()}};
  for (auto& [k, v] : fields.items()) rule[k] = v;
  return rule;
}

std::string CodeOf(Document rule) {
  auto r = NormalizeLifecycleConfiguration({{"Rules", Document::array({std::move(rule)})}});
  return r.ok() ? "OK" : r.status().aws_code() + ": " + r.status().message();
}

std::vector<LifecycleRule> Parse(Document rules) {
  auto r = ParseLifecycleRules({{"Rules", std::move(rules)}});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<LifecycleRule>();
}

TEST(LifecycleValidation, S3Errors) {
  EXPECT_EQ(CodeOf(Rule({{"Expiration", {{"Days", 1}}}})), "OK");
  EXPECT_EQ(CodeOf(Rule({{"Expiration", {{"Days", 0}}}})),
            "InvalidArgument: 'Days' for Expiration action must be a positive integer");
  EXPECT_EQ(CodeOf(Rule({{"Expiration", {{"Date", kMidnight + 3600}}}})),
            "InvalidArgument: 'Date' must be at midnight GMT");
  EXPECT_EQ(CodeOf(Rule({{"ID", std::string(256, 'x')}, {"Expiration", {{"Days", 1}}}})),
            "InvalidArgument: ID length should not exceed allowed limit of 255");
  EXPECT_EQ(CodeOf(Rule({})), "InvalidRequest: At least one action needs to be specified in a rule");
  EXPECT_TRUE(CodeOf(Rule({{"Status", "On"}, {"Expiration", {{"Days", 1}}}})).starts_with("MalformedXML"));
  EXPECT_TRUE(CodeOf(Rule({{"Prefix", "a"}, {"Expiration", {{"Days", 1}}}})).starts_with("MalformedXML"));
  Document neither = {{"Status", "Enabled"}, {"Expiration", {{"Days", 1}}}};
  EXPECT_TRUE(CodeOf(neither).starts_with("MalformedXML"));
  EXPECT_TRUE(CodeOf(Rule({{"Filter", {{"Prefix", "a"}, {"Tag", {{"Key", "k"}, {"Value", "v"}}}}},
                           {"Expiration", {{"Days", 1}}}}))
                  .starts_with("MalformedXML"));
  EXPECT_TRUE(CodeOf(Rule({{"Expiration", {{"Days", 1}, {"ExpiredObjectDeleteMarker", true}}}})).starts_with("MalformedXML"));
  EXPECT_TRUE(CodeOf(Rule({{"NoncurrentVersionExpiration", {{"NoncurrentDays", 0}}}})).starts_with("InvalidArgument"));
  EXPECT_TRUE(CodeOf(Rule({{"AbortIncompleteMultipartUpload", {{"DaysAfterInitiation", 0}}}})).starts_with("InvalidArgument"));
  EXPECT_TRUE(CodeOf(Rule({{"Filter", {{"Tag", {{"Key", "k"}, {"Value", "v"}}}}},
                           {"AbortIncompleteMultipartUpload", {{"DaysAfterInitiation", 1}}}}))
                  .starts_with("InvalidRequest"));
  EXPECT_EQ(CodeOf(Rule({{"Filter", {{"ObjectSizeGreaterThan", 100}}},
                         {"AbortIncompleteMultipartUpload", {{"DaysAfterInitiation", 1}}}})),
            "InvalidRequest: AbortIncompleteMultipartUpload cannot be specified with Object Size.");
  // An And of fewer than two predicates (a tag counts as one) is malformed; two are enough.
  const Document tag = {{"Key", "k"}, {"Value", "v"}};
  for (const Document& conjunction : {Document{{"Prefix", "a"}}, Document{{"Tags", Document::array({tag})}},
                                      Document{{"ObjectSizeGreaterThan", 5}}, Document::object()}) {
    EXPECT_TRUE(CodeOf(Rule({{"Filter", {{"And", conjunction}}}, {"Expiration", {{"Days", 1}}}})).starts_with("MalformedXML"))
        << conjunction.dump();
  }
  for (const Document& conjunction :
       {Document{{"Prefix", "a"}, {"Tags", Document::array({tag})}},
        Document{{"Tags", Document::array({tag, {{"Key", "j"}, {"Value", "w"}}})}},
        Document{{"ObjectSizeGreaterThan", 5}, {"ObjectSizeLessThan", 50}}}) {
    EXPECT_EQ(CodeOf(Rule({{"Filter", {{"And", conjunction}}}, {"Expiration", {{"Days", 1}}}})), "OK") << conjunction.dump();
  }
  auto dup = NormalizeLifecycleConfiguration(
      {{"Rules", Document::array({Rule({{"ID", "a"}, {"Expiration", {{"Days", 1}}}}),
                                  Rule({{"ID", "a"}, {"Expiration", {{"Days", 2}}}})})}});
  EXPECT_EQ(dup.status().message(), "Rule ID must be unique. Found same ID for more than one rule");
  EXPECT_FALSE(NormalizeLifecycleConfiguration({{"Rules", Document::array()}}).ok());
}

TEST(LifecycleValidation, TransitionsAsS3ChecksThem) {
  auto transition = [](const char* storage_class, int days) {
    return Document::array({{{"StorageClass", storage_class}, {"Days", days}}});
  };
  EXPECT_EQ(CodeOf(Rule({{"Transitions", transition("GLACIER", 0)}})), "OK");
  EXPECT_EQ(CodeOf(Rule({{"Transitions", transition("STANDARD_IA", 30)}})), "OK");
  EXPECT_EQ(CodeOf(Rule({{"Transitions", transition("ONEZONE_IA", 29)}})),
            "InvalidArgument: 'Days' in Transition action must be greater than or equal to 30 for storageClass "
            "'ONEZONE_IA'");
  EXPECT_EQ(CodeOf(Rule({{"NoncurrentVersionTransitions",
                          Document::array({{{"StorageClass", "STANDARD_IA"}, {"NoncurrentDays", 10}}})}})),
            "InvalidArgument: 'NoncurrentDays' in NoncurrentVersionTransition action must be greater than or equal "
            "to 30 for storageClass 'STANDARD_IA'");
  EXPECT_TRUE(CodeOf(Rule({{"Transitions", transition("FOO", 40)}})).starts_with("MalformedXML"));
  EXPECT_TRUE(CodeOf(Rule({{"Transitions", Document::array({{{"StorageClass", "GLACIER"}}})}}))
                  .starts_with("MalformedXML"));
  EXPECT_EQ(CodeOf(Rule({{"Transitions", Document::array({{{"StorageClass", "GLACIER"}, {"Days", 1}},
                                                           {{"StorageClass", "GLACIER"}, {"Days", 5}}})}})),
            "InvalidArgument: 'StorageClass' must be different for 'Transition' actions in same 'Rule'");
  EXPECT_EQ(CodeOf(Rule({{"Filter", {{"Prefix", "logs/"}}},
                         {"Transitions", transition("GLACIER", 30)},
                         {"Expiration", {{"Days", 30}}}})),
            "InvalidArgument: 'Days' in the Expiration action for filter '(prefix=logs/)' must be greater than "
            "'Days' in the Transition action");
  EXPECT_EQ(CodeOf(Rule({{"Transitions", transition("GLACIER", 30)}, {"Expiration", {{"Days", 31}}}})), "OK");
  EXPECT_TRUE(CodeOf(Rule({{"Transitions", Document::array({{{"StorageClass", "GLACIER"}, {"Date", kMidnight}}})},
                           {"Expiration", {{"Days", 31}}}}))
                  .starts_with("InvalidRequest: Found mixed 'Date' and 'Days'"));
  EXPECT_TRUE(CodeOf(Rule({{"NoncurrentVersionTransitions",
                            Document::array({{{"StorageClass", "GLACIER"}, {"NoncurrentDays", 40}}})},
                           {"NoncurrentVersionExpiration", {{"NoncurrentDays", 40}}}}))
                  .starts_with("InvalidArgument: 'NoncurrentDays' in the NoncurrentVersionExpiration action"));
}

TEST(LifecycleTiming, DaysRoundUpToMidnightUtc) {
  const LifecycleTime midnight(std::chrono::seconds(1767225600));
  EXPECT_EQ(DueAfterDays(kT0, 1), midnight + days(2));
  EXPECT_EQ(DueAfterDays(midnight, 1), midnight + days(1));
}

TEST(LifecycleTiming, DaysBeyondTheClockAreNeverDue) {
  // Past 2262 the clock (nanoseconds in an int64) overflows: such a rule must not come due now.
  const LifecycleTime last_midnight = std::chrono::floor<days>(LifecycleTime::max());
  for (int64_t far : {int64_t{100000}, int64_t{2147483647}, INT64_MAX}) {
    EXPECT_EQ(DueAfterDays(kT0, far), last_midnight) << far;
  }
  EXPECT_LT(DueAfterDays(kT0, 80000), LifecycleTime::max());
  EXPECT_GT(DueAfterDays(kT0, 80000), kT0 + days(79999));
}

TEST(LifecycleDecisions, CurrentVersionExpiresByDaysPrefixTagsAndSize) {
  const Document conjunction = {{"Prefix", "logs/"},
                                {"Tags", Document::array({{{"Key", "tmp"}, {"Value", "1"}}})},
                                {"ObjectSizeGreaterThan", 10}};
  auto rules = Parse(Document::array(
      {Rule({{"ID", "logs"}, {"Filter", {{"And", conjunction}}}, {"Expiration", {{"Days", 1}}}})}));
  std::map<std::string, std::string> tags = {{"tmp", "1"}, {"other", "x"}};
  ObjectVersionFacts obj{.key = "logs/a", .tags = &tags, .size = 100, .last_modified = kT0};
  EXPECT_EQ(EvaluateObject(rules, obj, kT0 + hours(37)).action, LifecycleAction::kNone);  // before 2nd midnight
  auto decision = EvaluateObject(rules, obj, kT0 + hours(38));
  EXPECT_EQ(decision.action, LifecycleAction::kExpireCurrent);
  EXPECT_EQ(decision.rule_id, "logs");
  const LifecycleTime late = kT0 + days(10);
  EXPECT_EQ(EvaluateObject(rules, {.key = "data/a", .tags = &tags, .size = 100, .last_modified = kT0}, late).action,
            LifecycleAction::kNone);
  EXPECT_EQ(EvaluateObject(rules, {.key = "logs/a", .size = 100, .last_modified = kT0}, late).action,
            LifecycleAction::kNone);
  EXPECT_EQ(EvaluateObject(rules, {.key = "logs/a", .tags = &tags, .size = 10, .last_modified = kT0}, late).action,
            LifecycleAction::kNone);
}

TEST(LifecycleDecisions, DisabledRulesAndDatesAndLegacyPrefix) {
  auto rules = Parse(Document::array({
      {{"ID", "off"}, {"Status", "Disabled"}, {"Prefix", ""}, {"Expiration", {{"Days", 1}}}},
      {{"ID", "date"}, {"Status", "Enabled"}, {"Prefix", "tmp/"}, {"Expiration", {{"Date", kMidnight + 86400 * 5}}}},
  }));
  ObjectVersionFacts obj{.key = "tmp/x", .last_modified = kT0};
  EXPECT_EQ(EvaluateObject(rules, obj, kT0 + days(4)).action, LifecycleAction::kNone);
  EXPECT_EQ(EvaluateObject(rules, obj, kT0 + days(5)).rule_id, "date");
  EXPECT_EQ(EvaluateObject(rules, {.key = "keep/x", .last_modified = kT0}, kT0 + days(50)).action,
            LifecycleAction::kNone);
}

TEST(LifecycleDecisions, CurrentVersionExpirationIsTheEarliestMatchingRule) {
  const LifecycleTime midnight(std::chrono::seconds(1767225600));
  auto rules = Parse(Document::array({
      Rule({{"ID", "month"}, {"Expiration", {{"Days", 30}}}}),
      Rule({{"ID", "week"}, {"Filter", {{"Prefix", "tmp/"}}}, {"Expiration", {{"Days", 7}}}}),
      {{"ID", "off"}, {"Status", "Disabled"}, {"Prefix", ""}, {"Expiration", {{"Days", 1}}}},
      Rule({{"ID", "marker"}, {"Expiration", {{"ExpiredObjectDeleteMarker", true}}}}),
  }));
  auto tmp = CurrentVersionExpiration(rules, {.key = "tmp/x", .last_modified = kT0});
  ASSERT_TRUE(tmp.has_value());
  EXPECT_EQ(tmp->rule_id, "week");
  EXPECT_EQ(tmp->at, midnight + days(8));  // 7 days after 10:00, rounded up to midnight UTC
  auto other = CurrentVersionExpiration(rules, {.key = "data/x", .last_modified = kT0});
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->rule_id, "month");
  EXPECT_FALSE(CurrentVersionExpiration(Parse(Document::array({{{"ID", "off"}, {"Status", "Disabled"}, {"Prefix", ""},
                                                                 {"Expiration", {{"Days", 1}}}}})),
                                        {.key = "a", .last_modified = kT0})
                   .has_value());
}

TEST(LifecycleDecisions, NoncurrentVersionsAndDeleteMarkers) {
  auto rules = Parse(Document::array({Rule({{"ID", "nc"},
                                            {"NoncurrentVersionExpiration", {{"NoncurrentDays", 2}, {"NewerNoncurrentVersions", 1}}},
                                            {"Expiration", {{"ExpiredObjectDeleteMarker", true}}}})}));
  ObjectVersionFacts old{.key = "k", .last_modified = kT0 - days(30), .is_current = false, .noncurrent_since = kT0,
                         .newer_noncurrent_versions = 1};
  EXPECT_EQ(EvaluateObject(rules, old, kT0 + days(1)).action, LifecycleAction::kNone);
  EXPECT_EQ(EvaluateObject(rules, old, kT0 + days(3)).action, LifecycleAction::kDeleteNoncurrent);
  old.newer_noncurrent_versions = 0;  // the newest noncurrent version is retained
  EXPECT_EQ(EvaluateObject(rules, old, kT0 + days(3)).action, LifecycleAction::kNone);

  ObjectVersionFacts marker{.key = "k", .last_modified = kT0, .is_current = true, .is_delete_marker = true,
                            .has_noncurrent_versions = true};
  EXPECT_EQ(EvaluateObject(rules, marker, kT0).action, LifecycleAction::kNone);
  marker.has_noncurrent_versions = false;
  EXPECT_EQ(EvaluateObject(rules, marker, kT0).action, LifecycleAction::kRemoveDeleteMarker);
  // The current (non-marker) version is untouched by a rule without Days/Date.
  EXPECT_EQ(EvaluateObject(rules, {.key = "k", .last_modified = kT0}, kT0 + days(400)).action, LifecycleAction::kNone);
}

TEST(LifecycleDecisions, IncompleteUploadsAbortAfterDaysUnderPrefix) {
  auto rules = Parse(Document::array(
      {Rule({{"ID", "mpu"}, {"Filter", {{"Prefix", "up/"}}}, {"AbortIncompleteMultipartUpload", {{"DaysAfterInitiation", 7}}}}),
       Rule({{"ID", "sized"}, {"Filter", {{"ObjectSizeGreaterThan", 5}}}, {"Expiration", {{"Days", 1}}}})}));
  EXPECT_EQ(UploadAbortRule(rules, "up/a", kT0, kT0 + days(7)), std::nullopt);  // due at midnight after
  EXPECT_EQ(UploadAbortRule(rules, "up/a", kT0, kT0 + days(8)), std::optional<std::string>("mpu"));
  EXPECT_EQ(UploadAbortRule(rules, "down/a", kT0, kT0 + days(80)), std::nullopt);
}

}  // namespace
}  // namespace skybox::s3
