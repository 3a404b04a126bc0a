// The messages SNS sends subscribers, signed, and the envelopes that carry them: the
// SubscriptionConfirmation a new http/https/email subscription gets, and the URLs that let a
// subscriber confirm or leave without credentials (SubscribeURL, UnsubscribeURL).
//
// Thread-safety: functions of their arguments; the backend's signer is thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "services/delivery/envelope.h"
#include "services/sns/notification.h"
#include "services/sns/sns_backend.h"

namespace skybox::services::sns {

// <endpoint>/?Action=ConfirmSubscription&TopicArn=...&Token=...&Version=2010-03-31 (the
// Version routes the unsigned GET to SNS).
std::string SubscribeUrl(const SnsBackend& backend, std::string_view topic_arn, std::string_view token);
std::string UnsubscribeUrl(const SnsBackend& backend, std::string_view subscription_arn);

// Fills Signature, SignatureVersion and SigningCertURL. Fails only if OpenSSL does.
Status SignMessage(const SnsBackend& backend, NotificationFields& fields, std::string_view signature_version);

// The signed SubscriptionConfirmation for `subscription` of `topic`.
Result<NotificationFields> ConfirmationMessage(SnsBackend& backend, const Topic& topic,
                                               const Subscription& subscription);

// The POST of `body` (a message of `type`) to an http/https subscription, with SNS's
// x-amz-sns-* headers and the topic's / subscription's delivery policy.
delivery::Envelope HttpEnvelope(const Topic& topic, const Subscription& subscription, std::string body,
                                std::string_view type, std::string_view message_id);

// A new confirmation token.
std::string NewConfirmationToken();

}  // namespace skybox::services::sns
