// SNS delivery policies (the DeliveryPolicy attribute of topics and http/https subscriptions):
// validation, the effective policy AWS reports, and the mapping of the "healthyRetryPolicy"
// phases onto the outbox's RetryPolicy (their phases correspond one to one).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "services/delivery/envelope.h"

namespace skybox::services::sns {

// The "http" section AWS reports for a topic with no DeliveryPolicy of its own: 3 retries,
// 20 s apart.
nlohmann::json DefaultHttpDeliveryPolicy();

// Checks a topic's DeliveryPolicy ({"http": {"defaultHealthyRetryPolicy": {...}, ...}}).
// Failure: InvalidParameter "DeliveryPolicy: <reason>".
Status ValidateTopicDeliveryPolicy(std::string_view json);
// Checks a subscription's DeliveryPolicy ({"healthyRetryPolicy": {...}, ...}).
Status ValidateSubscriptionDeliveryPolicy(std::string_view json);

// The topic's EffectiveDeliveryPolicy: its own policy over the default.
nlohmann::json EffectiveTopicPolicy(std::string_view topic_policy);

// How a notification to an http/https subscription is retried: the subscription's
// healthyRetryPolicy, else (or when the topic disables overrides) the topic's
// defaultHealthyRetryPolicy, else the default. Either string may be empty. Policies are
// validated when set, so unparsable ones fall back to the default.
delivery::RetryPolicy HttpRetryPolicy(std::string_view topic_policy, std::string_view subscription_policy);

// The Content-Type notifications to the subscription are POSTed with.
std::string HttpContentType(std::string_view topic_policy, std::string_view subscription_policy);

}  // namespace skybox::services::sns
