#include "services/sns/subscriber_messages.h"

#include "base/percent_encoding.h"
#include "base/uuid.h"
#include "services/sns/delivery_policy.h"

namespace skybox::services::sns {

std::string SubscribeUrl(const SnsBackend& backend, std::string_view topic_arn, std::string_view token) {
  return backend.BaseUrl() + "/?Action=ConfirmSubscription&TopicArn=" + PercentEncode(topic_arn, false) +
         "&Token=" + PercentEncode(token, false) + "&Version=2010-03-31";
}

std::string UnsubscribeUrl(const SnsBackend& backend, std::string_view subscription_arn) {
  return backend.BaseUrl() + "/?Action=Unsubscribe&SubscriptionArn=" + PercentEncode(subscription_arn, false) +
         "&Version=2010-03-31";
}

Status SignMessage(const SnsBackend& backend, NotificationFields& fields, std::string_view signature_version) {
  fields.signature_version = std::string(signature_version);
  SKYBOX_ASSIGN_OR_RETURN(const MessageSigner* signer, backend.signer());
  SKYBOX_ASSIGN_OR_RETURN(fields.signature, signer->Sign(StringToSign(fields), signature_version));
  fields.signing_cert_url = backend.SigningCertUrl(*signer);
  return Status::Ok();
}

Result<NotificationFields> ConfirmationMessage(SnsBackend& backend, const Topic& topic,
                                               const Subscription& subscription) {
  NotificationFields fields;
  fields.type = "SubscriptionConfirmation";
  fields.message_id = NewUuidV4();
  fields.topic_arn = topic.arn;
  fields.token = subscription.token;
  fields.message = "You have chosen to subscribe to the topic " + topic.arn +
                   ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
  fields.subscribe_url = SubscribeUrl(backend, topic.arn, subscription.token);
  fields.timestamp = NotificationTimestamp(backend.NowMs());
  SKYBOX_RETURN_IF_ERROR(SignMessage(backend, fields, topic.signature_version()));
  return fields;
}

delivery::Envelope HttpEnvelope(const Topic& topic, const Subscription& subscription, std::string body,
                                std::string_view type, std::string_view message_id) {
  delivery::Envelope e;
  e.target = subscription.endpoint;
  e.body = std::move(body);
  e.source_arn = topic.arn;
  std::string delivery_policy = subscription.Attribute("DeliveryPolicy");
  e.retry = HttpRetryPolicy(topic.Attribute("DeliveryPolicy"), delivery_policy);
  e.http_headers = {{"x-amz-sns-message-type", std::string(type)},
                    {"x-amz-sns-message-id", std::string(message_id)},
                    {"x-amz-sns-topic-arn", topic.arn},
                    {"Content-Type", HttpContentType(topic.Attribute("DeliveryPolicy"), delivery_policy)}};
  if (type == "Notification") {
    e.http_headers.emplace_back("x-amz-sns-subscription-arn", subscription.arn);
    if (subscription.raw()) e.http_headers.emplace_back("x-amz-sns-rawdelivery", "true");
  }
  e.http_headers.emplace_back("User-Agent", "Amazon Simple Notification Service Agent");
  return e;
}

std::string NewConfirmationToken() {
  std::string token;
  while (token.size() < 128) token += NewUuidV4();
  std::string hex;
  for (char c : token) {
    if (c != '-') hex += c;
  }
  return hex.substr(0, 128);
}

}  // namespace skybox::services::sns
