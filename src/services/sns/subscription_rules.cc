#include "services/sns/subscription_rules.h"

#include <array>

#include <nlohmann/json.hpp>

#include "services/sns/delivery_policy.h"
#include "services/sns/sns_errors.h"

namespace skybox::services::sns {
namespace {

constexpr std::array<std::string_view, 9> kProtocols = {"sqs", "http", "https", "email", "email-json",
                                                        "sms", "application", "lambda", "firehose"};

bool IsArnOf(std::string_view endpoint, std::string_view service) {
  std::string prefix = "arn:aws:" + std::string(service) + ":";
  return endpoint.starts_with(prefix) && endpoint.size() > prefix.size();
}

bool LooksLikeEmail(std::string_view e) {
  size_t at = e.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < e.size() && e.find('@', at + 1) == std::string_view::npos;
}

bool LooksLikePhoneNumber(std::string_view p) {
  if (p.starts_with('+')) p.remove_prefix(1);
  if (p.empty() || p.size() > 15) return false;
  for (char c : p) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool IsKnownProtocol(std::string_view protocol) {
  for (std::string_view p : kProtocols) {
    if (p == protocol) return true;
  }
  return false;
}

bool NeedsConfirmation(std::string_view protocol) {
  return protocol == "http" || protocol == "https" || protocol == "email" || protocol == "email-json";
}

Status ValidateEndpoint(std::string_view protocol, std::string_view endpoint) {
  if (protocol == "sqs") return IsArnOf(endpoint, "sqs") ? Status::Ok() : InvalidParameter("SQS endpoint ARN");
  if (protocol == "lambda") {
    return IsArnOf(endpoint, "lambda") ? Status::Ok() : InvalidParameter("Lambda endpoint ARN");
  }
  if (protocol == "firehose") {
    return IsArnOf(endpoint, "firehose") ? Status::Ok() : InvalidParameter("Firehose endpoint ARN");
  }
  if (protocol == "application") {
    return IsArnOf(endpoint, "sns") ? Status::Ok() : InvalidParameter("Application endpoint ARN");
  }
  if (protocol == "http" || protocol == "https") {
    std::string scheme = std::string(protocol) + "://";
    if (!endpoint.starts_with(scheme) || endpoint.size() == scheme.size()) {
      return InvalidParameter("Endpoint must match the specified protocol");
    }
    return Status::Ok();
  }
  if (protocol == "email" || protocol == "email-json") {
    return LooksLikeEmail(endpoint) ? Status::Ok() : InvalidParameter("Email address");
  }
  if (protocol == "sms") return LooksLikePhoneNumber(endpoint) ? Status::Ok() : InvalidParameter("SMS endpoint");
  return InvalidParameter("Amazon SNS does not support this protocol string: " + std::string(protocol));
}

Status ValidateSubscriptionAttribute(std::string_view name, std::string_view value, std::string_view protocol) {
  if (name == "RawMessageDelivery") {
    if (value != "true" && value != "false") return InvalidParameter("RawMessageDelivery");
    if (value == "true" && protocol != "sqs" && protocol != "http" && protocol != "https" && protocol != "firehose") {
      return InvalidParameter("Attribute Name RawMessageDelivery is not supported for the " + std::string(protocol) +
                              " protocol");
    }
    return Status::Ok();
  }
  if (name == "DeliveryPolicy") {
    if (protocol != "http" && protocol != "https") {
      return InvalidParameter("DeliveryPolicy: Delivery protocol [" + std::string(protocol) +
                              "] does not support delivery policies");
    }
    return ValidateSubscriptionDeliveryPolicy(value);
  }
  if (name == "FilterPolicyScope") {
    if (value != "MessageAttributes" && value != "MessageBody") {
      return InvalidParameter("FilterPolicyScope: Invalid value [" + std::string(value) +
                              "]. Please use either MessageBody or MessageAttributes");
    }
    return Status::Ok();
  }
  if (name == "RedrivePolicy") {
    auto doc = nlohmann::json::parse(value, nullptr, false);
    if (!doc.is_object()) return InvalidParameter("RedrivePolicy: Invalid RedrivePolicy: Redrive policy is not a valid JSON");
    auto target = doc.find("deadLetterTargetArn");
    if (target == doc.end() || !target->is_string() || !IsArnOf(target->get<std::string>(), "sqs")) {
      return InvalidParameter("RedrivePolicy: deadLetterTargetArn is not a valid SQS queue ARN");
    }
    return Status::Ok();
  }
  if (name == "FilterPolicy" || name == "SubscriptionRoleArn" || name == "ReplayPolicy") return Status::Ok();
  return InvalidParameter("AttributeName");
}

}  // namespace skybox::services::sns
