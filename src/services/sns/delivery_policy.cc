#include "services/sns/delivery_policy.h"

#include "services/sns/sns_errors.h"

namespace skybox::services::sns {
namespace {

using nlohmann::json;

constexpr int64_t kMaxDelaySeconds = 3600;
constexpr int64_t kMaxRetries = 100;

std::optional<json> ParseObject(std::string_view text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return std::nullopt;
  return doc;
}

Status Bad(std::string_view reason) { return InvalidParameter("DeliveryPolicy: " + std::string(reason)); }

Status ValidateRetryPolicy(const json& policy, std::string_view name) {
  std::string prefix = std::string(name) + ".";
  if (!policy.is_object()) return Bad(std::string(name) + " must be an object");
  auto count = [&](const char* key, int64_t fallback) -> Result<int64_t> {
    if (!policy.contains(key)) return fallback;
    const json& v = policy[key];
    if (!v.is_number_integer() || v.get<int64_t>() < 0) {
      return Bad(prefix + key + " must be a non-negative integer");
    }
    return v.get<int64_t>();
  };
  SKYBOX_ASSIGN_OR_RETURN(int64_t min_delay, count("minDelayTarget", 20));
  SKYBOX_ASSIGN_OR_RETURN(int64_t max_delay, count("maxDelayTarget", 20));
  SKYBOX_ASSIGN_OR_RETURN(int64_t retries, count("numRetries", 3));
  SKYBOX_ASSIGN_OR_RETURN(int64_t no_delay, count("numNoDelayRetries", 0));
  SKYBOX_ASSIGN_OR_RETURN(int64_t min_delay_retries, count("numMinDelayRetries", 0));
  SKYBOX_ASSIGN_OR_RETURN(int64_t max_delay_retries, count("numMaxDelayRetries", 0));
  if (min_delay < 1) return Bad(prefix + "minDelayTarget must be at least 1");
  if (max_delay > kMaxDelaySeconds) return Bad(prefix + "maxDelayTarget must be at most 3600");
  if (min_delay > max_delay) return Bad(prefix + "minDelayTarget must be less than or equal to maxDelayTarget");
  if (retries > kMaxRetries) return Bad(prefix + "numRetries must be at most 100");
  if (no_delay + min_delay_retries + max_delay_retries > retries) {
    return Bad(prefix + "numRetries must be greater than or equal to the sum of numNoDelayRetries, "
                        "numMinDelayRetries and numMaxDelayRetries");
  }
  if (policy.contains("backoffFunction")) {
    const json& f = policy["backoffFunction"];
    if (!f.is_string() || (f != "linear" && f != "arithmetic" && f != "geometric" && f != "exponential")) {
      return Bad(prefix + "backoffFunction must be one of linear, arithmetic, geometric, exponential");
    }
  }
  return Status::Ok();
}

delivery::RetryPolicy ToRetryPolicy(const json& policy) {
  delivery::RetryPolicy out;
  auto get = [&](const char* key, int64_t fallback) {
    return policy.contains(key) && policy[key].is_number_integer() ? policy[key].get<int64_t>() : fallback;
  };
  out.max_attempts = static_cast<uint32_t>(get("numRetries", 3) + 1);
  out.immediate_retries = static_cast<uint32_t>(get("numNoDelayRetries", 0));
  out.min_delay_retries = static_cast<uint32_t>(get("numMinDelayRetries", 0));
  out.max_delay_retries = static_cast<uint32_t>(get("numMaxDelayRetries", 0));
  out.min_delay_ms = get("minDelayTarget", 20) * 1000;
  out.max_delay_ms = get("maxDelayTarget", 20) * 1000;
  std::string backoff = policy.value("backoffFunction", std::string("linear"));
  out.backoff = backoff == "arithmetic"    ? delivery::Backoff::kArithmetic
                : backoff == "geometric"   ? delivery::Backoff::kGeometric
                : backoff == "exponential" ? delivery::Backoff::kExponential
                                           : delivery::Backoff::kLinear;
  return out;
}

// A requestPolicy / defaultRequestPolicy: an object whose headerContentType, if any, is a string.
Status ValidateRequestPolicy(const json& policy, const std::string& name) {
  if (!policy.is_object()) return Bad(name + " must be an object");
  auto type = policy.find("headerContentType");
  if (type != policy.end() && !type->is_string()) return Bad(name + ".headerContentType must be a string");
  return Status::Ok();
}

// The content type `policy` (validated) sets, else `fallback`.
std::string ContentTypeOf(const json* policy, std::string fallback) {
  if (policy == nullptr || !policy->is_object()) return fallback;
  auto type = policy->find("headerContentType");
  return type != policy->end() && type->is_string() ? type->get<std::string>() : fallback;
}

const json* Member(const json& doc, const char* name) {
  auto it = doc.find(name);
  return it == doc.end() ? nullptr : &*it;
}

}  // namespace

json DefaultHttpDeliveryPolicy() {
  return json{{"defaultHealthyRetryPolicy",
               {{"minDelayTarget", 20},
                {"maxDelayTarget", 20},
                {"numRetries", 3},
                {"numMaxDelayRetries", 0},
                {"numNoDelayRetries", 0},
                {"numMinDelayRetries", 0},
                {"backoffFunction", "linear"}}},
              {"disableSubscriptionOverrides", false},
              {"defaultRequestPolicy", {{"headerContentType", "text/plain; charset=UTF-8"}}}};
}

Status ValidateTopicDeliveryPolicy(std::string_view text) {
  auto doc = ParseObject(text);
  if (!doc) return Bad("Invalid JSON");
  for (auto& [protocol, section] : doc->items()) {
    if (!section.is_object()) return Bad(protocol + " must be an object");
    if (section.contains("defaultHealthyRetryPolicy")) {
      SKYBOX_RETURN_IF_ERROR(ValidateRetryPolicy(section["defaultHealthyRetryPolicy"], "defaultHealthyRetryPolicy"));
    }
    if (section.contains("defaultRequestPolicy")) {
      SKYBOX_RETURN_IF_ERROR(ValidateRequestPolicy(section["defaultRequestPolicy"], "defaultRequestPolicy"));
    }
  }
  return Status::Ok();
}

Status ValidateSubscriptionDeliveryPolicy(std::string_view text) {
  auto doc = ParseObject(text);
  if (!doc) return Bad("Invalid JSON");
  if (doc->contains("healthyRetryPolicy")) {
    SKYBOX_RETURN_IF_ERROR(ValidateRetryPolicy((*doc)["healthyRetryPolicy"], "healthyRetryPolicy"));
  }
  if (doc->contains("requestPolicy")) SKYBOX_RETURN_IF_ERROR(ValidateRequestPolicy((*doc)["requestPolicy"], "requestPolicy"));
  return Status::Ok();
}

json EffectiveTopicPolicy(std::string_view topic_policy) {
  json effective{{"http", DefaultHttpDeliveryPolicy()}};
  if (auto own = ParseObject(topic_policy)) effective.merge_patch(*own);
  return effective;
}

delivery::RetryPolicy HttpRetryPolicy(std::string_view topic_policy, std::string_view subscription_policy) {
  json http = EffectiveTopicPolicy(topic_policy)["http"];
  auto subscription = subscription_policy.empty() ? std::nullopt : ParseObject(subscription_policy);
  bool overrides_allowed = !http.value("disableSubscriptionOverrides", false);
  json policy = http["defaultHealthyRetryPolicy"];
  // A subscription's policy overrides the topic's field by field, as EffectiveDeliveryPolicy shows.
  if (subscription && overrides_allowed && subscription->contains("healthyRetryPolicy")) {
    policy.merge_patch((*subscription)["healthyRetryPolicy"]);
  }
  return ToRetryPolicy(policy);
}

std::string HttpContentType(std::string_view topic_policy, std::string_view subscription_policy) {
  json http = EffectiveTopicPolicy(topic_policy)["http"];
  std::string type = ContentTypeOf(Member(http, "defaultRequestPolicy"), "text/plain; charset=UTF-8");
  auto subscription = subscription_policy.empty() ? std::nullopt : ParseObject(subscription_policy);
  return subscription ? ContentTypeOf(Member(*subscription, "requestPolicy"), type) : type;
}

}  // namespace skybox::services::sns
