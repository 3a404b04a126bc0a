#include "services/events/target_input.h"

#include <gtest/gtest.h>

namespace skybox::services::events {
namespace {

const char* kEvent =
    R"({"version":"0","id":"7bf73129","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2",)"
    R"("account":"000000000000","time":"2026-11-29T08:00:00Z","region":"us-east-1","resources":["arn:x"],)"
    R"("detail":{"instance-id":"i-0123","state":"running","count":3,"tags":{"team":"a \"b\""}}})";

const RuleContext kRule{"my-rule", "arn:aws:events:us-east-1:000000000000:rule/my-rule", "2026-11-29T08:00:01Z"};

std::string Render(const nlohmann::json& target) { return RenderTargetInput(target, kEvent, kRule); }

nlohmann::json Transformer(const nlohmann::json& paths, const std::string& input_template) {
  return {{"Id", "t"}, {"Arn", "arn:aws:sqs:us-east-1:000000000000:q"},
          {"InputTransformer", {{"InputPathsMap", paths}, {"InputTemplate", input_template}}}};
}

TEST(TargetInputTest, DefaultIsTheWholeEventUnchanged) {
  EXPECT_EQ(Render({{"Id", "t"}}), kEvent);
}

TEST(TargetInputTest, ConstantInput) {
  EXPECT_EQ(Render({{"Input", R"({"fixed":true})"}}), R"({"fixed":true})");
}

TEST(TargetInputTest, InputPathSelects) {
  EXPECT_EQ(Render({{"InputPath", "$.detail"}}),
            R"({"instance-id":"i-0123","state":"running","count":3,"tags":{"team":"a \"b\""}})");
  EXPECT_EQ(Render({{"InputPath", "$.detail.state"}}), R"("running")");
  EXPECT_EQ(Render({{"InputPath", "$.resources[0]"}}), R"("arn:x")");
  EXPECT_EQ(Render({{"InputPath", "$['detail']['count']"}}), "3");
}

TEST(TargetInputTest, JsonTemplateQuotesStringsOutsideQuotes) {
  nlohmann::json paths = {{"instance", "$.detail.instance-id"}, {"state", "$.detail.state"}, {"count", "$.detail.count"}};
  EXPECT_EQ(Render(Transformer(paths, R"({"instance": <instance>, "state": [9, <state>, true], "n": <count>})")),
            R"({"instance": "i-0123", "state": [9, "running", true], "n": 3})");
}

TEST(TargetInputTest, PlaceholdersInsideStringsAreRawText) {
  nlohmann::json paths = {{"instance", "$.detail.instance-id"}, {"state", "$.detail.state"}};
  EXPECT_EQ(Render(Transformer(paths, R"("<instance> is in state <state>")")), R"("i-0123 is in state running")");
  EXPECT_EQ(Render(Transformer(paths, R"({"message": "<instance> is <state>"})")),
            R"({"message": "i-0123 is running"})");
}

TEST(TargetInputTest, QuotesInValuesAreEscaped) {
  nlohmann::json paths = {{"team", "$.detail.tags.team"}};
  EXPECT_EQ(Render(Transformer(paths, R"({"team": "<team>"})")), R"({"team": "a \"b\""})");
}

TEST(TargetInputTest, MissingPathsAndPredefinedVariables) {
  nlohmann::json paths = {{"missing", "$.detail.nope"}};
  EXPECT_EQ(Render(Transformer(paths, R"({"a": <missing>, "b": "x<missing>y"})")), R"({"a": null, "b": "xy"})");
  EXPECT_EQ(Render(Transformer(nlohmann::json::object(), R"({"rule": "<aws.events.rule-name>", "arn": <aws.events.rule-arn>})")),
            R"({"rule": "my-rule", "arn": "arn:aws:events:us-east-1:000000000000:rule/my-rule"})");
  EXPECT_EQ(Render(Transformer(nlohmann::json::object(), R"({"e": <aws.events.event.json>})")),
            std::string(R"({"e": )") + kEvent + "}");
  // A '<' that is no placeholder stays.
  EXPECT_EQ(Render(Transformer(nlohmann::json::object(), R"("a <b> c")")), R"("a <b> c")");
}

TEST(TargetInputTest, Validation) {
  EXPECT_TRUE(ValidateTargetInput({{"Id", "t"}, {"Input", "{}"}}).ok());
  EXPECT_FALSE(ValidateTargetInput({{"Id", "t"}, {"Input", "{"}}).ok());
  EXPECT_FALSE(ValidateTargetInput({{"Id", "t"}, {"Input", "{}"}, {"InputPath", "$"}}).ok());
  EXPECT_FALSE(ValidateTargetInput({{"Id", "t"}, {"InputPath", "detail"}}).ok());
  EXPECT_FALSE(ValidateTargetInput(Transformer({{"aws.x", "$.a"}}, "<aws.x>")).ok());
  EXPECT_FALSE(ValidateTargetInput(Transformer({{"a", "$..a["}}, "<a>")).ok());
  Status s = ValidateTargetInput({{"Id", "t"}, {"InputPath", "nope"}});
  EXPECT_EQ(s.aws_code(), "ValidationException");
}

TEST(TargetInputTest, SelectPath) {
  auto doc = nlohmann::ordered_json::parse(R"({"a":{"b":[1,{"c":"d"}]}})");
  EXPECT_EQ(SelectPath("$.a.b[1].c", doc)->get<std::string>(), "d");
  EXPECT_EQ(SelectPath("$", doc)->dump(), doc.dump());
  EXPECT_FALSE(SelectPath("$.a.b[2]", doc).has_value());
  EXPECT_FALSE(SelectPath("$.x", doc).has_value());
  EXPECT_FALSE(SelectPath("a.b", doc).has_value());
}

}  // namespace
}  // namespace skybox::services::events
