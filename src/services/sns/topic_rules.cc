#include "services/sns/topic_rules.h"

#include <array>

#include <nlohmann/json.hpp>

#include "services/sns/delivery_policy.h"
#include "services/sns/sns_errors.h"

namespace skybox::services::sns {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool IsFeedbackAttribute(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kProtocols = {"HTTP", "Firehose", "Lambda", "SQS", "Application"};
  static constexpr std::array<std::string_view, 3> kKinds = {"SuccessFeedbackRoleArn", "SuccessFeedbackSampleRate",
                                                             "FailureFeedbackRoleArn"};
  for (std::string_view p : kProtocols) {
    if (!name.starts_with(p)) continue;
    for (std::string_view k : kKinds) {
      if (name.substr(p.size()) == k) return true;
    }
  }
  return false;
}

bool IsBoolean(std::string_view v) { return v == "true" || v == "false"; }

}  // namespace

Status ValidateTopicName(std::string_view name, bool fifo) {
  std::string_view stem = name;
  if (fifo) {
    if (!name.ends_with(".fifo")) {
      return InvalidParameter(
          "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII "
          "letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.");
    }
    stem.remove_suffix(5);
  }
  bool ok = !stem.empty() && name.size() <= 256;
  for (char c : stem) ok = ok && IsNameChar(c);
  if (!ok) {
    return fifo ? InvalidParameter(
                      "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase "
                      "ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.")
                : InvalidParameter("Topic Name");
  }
  return Status::Ok();
}

Status ValidateTopicAttribute(std::string_view name, std::string_view value, bool creating, bool fifo) {
  if (name == "DisplayName") {
    if (value.size() > 100) return InvalidParameter("DisplayName");
    return Status::Ok();
  }
  if (name == "Policy" || name == "DataProtectionPolicy" || name == "ArchivePolicy") {
    auto doc = nlohmann::json::parse(value, nullptr, false);
    if (!doc.is_object()) return InvalidParameter(std::string(name) + ": Invalid JSON");
    return Status::Ok();
  }
  if (name == "DeliveryPolicy") return ValidateTopicDeliveryPolicy(value);
  if (name == "KmsMasterKeyId" || IsFeedbackAttribute(name)) return Status::Ok();
  if (name == "SignatureVersion") {
    if (value != "1" && value != "2") return InvalidParameter("SignatureVersion");
    return Status::Ok();
  }
  if (name == "TracingConfig") {
    if (value != "PassThrough" && value != "Active") return InvalidParameter("TracingConfig");
    return Status::Ok();
  }
  if (name == "FifoTopic") {
    if (!creating) return InvalidParameter("AttributeName");
    if (!IsBoolean(value)) return InvalidParameter("FifoTopic");
    return Status::Ok();
  }
  if (name == "ContentBasedDeduplication") {
    if (!IsBoolean(value)) return InvalidParameter("ContentBasedDeduplication");
    if (!fifo) {
      return InvalidParameter("ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics");
    }
    return Status::Ok();
  }
  if (name == "FifoThroughputScope") {
    if (value != "Topic" && value != "MessageGroup") return InvalidParameter("FifoThroughputScope");
    if (!fifo) return InvalidParameter("FifoThroughputScope Reason: FifoThroughputScope can only be set for FIFO topics");
    return Status::Ok();
  }
  return InvalidParameter("AttributeName");
}

std::string DefaultTopicPolicy(std::string_view topic_arn, std::string_view account) {
  nlohmann::ordered_json statement;
  statement["Sid"] = "__default_statement_ID";
  statement["Effect"] = "Allow";
  statement["Principal"] = {{"AWS", "*"}};
  statement["Action"] = {"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
                         "SNS:RemovePermission",   "SNS:DeleteTopic",        "SNS:Subscribe",
                         "SNS:ListSubscriptionsByTopic", "SNS:Publish"};
  statement["Resource"] = topic_arn;
  statement["Condition"] = {{"StringEquals", {{"AWS:SourceOwner", account}}}};
  nlohmann::ordered_json policy;
  policy["Version"] = "2008-10-17";
  policy["Id"] = "__default_policy_ID";
  policy["Statement"] = nlohmann::ordered_json::array({statement});
  return policy.dump();
}

std::string ArnAccount(std::string_view arn) {
  // arn:partition:service:region:account:resource
  size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  size_t end = arn.find(':', pos);
  if (end == std::string_view::npos) return {};
  return std::string(arn.substr(pos, end - pos));
}

std::string ArnResource(std::string_view arn) {
  size_t colon = arn.rfind(':');
  return std::string(colon == std::string_view::npos ? arn : arn.substr(colon + 1));
}

}  // namespace skybox::services::sns
