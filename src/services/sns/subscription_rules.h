// What SNS accepts for subscriptions: protocols, their endpoints, subscription attributes
// (FilterPolicy's content is checked by the event_pattern parser, elsewhere), and which
// protocols need the subscriber to confirm.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "base/status.h"

namespace skybox::services::sns {

bool IsKnownProtocol(std::string_view protocol);
// http, https, email and email-json subscriptions wait for ConfirmSubscription; the others
// are confirmed when created.
bool NeedsConfirmation(std::string_view protocol);

// Checks `endpoint` for `protocol` ("Invalid parameter: SQS endpoint ARN", ...).
Status ValidateEndpoint(std::string_view protocol, std::string_view endpoint);

// Checks one attribute of Subscribe or SetSubscriptionAttributes, except FilterPolicy's
// syntax. RawMessageDelivery is for sqs, http(s) and firehose; DeliveryPolicy for http(s).
Status ValidateSubscriptionAttribute(std::string_view name, std::string_view value, std::string_view protocol);

}  // namespace skybox::services::sns
