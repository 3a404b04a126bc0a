#include "base/log.h"
#include "base/uuid.h"
#include "services/sns/operations.h"
#include "services/sns/sns_errors.h"
#include "services/sns/subscriber_messages.h"
#include "services/sns/subscription_rules.h"

namespace skybox::services::sns {
namespace {

Status ValidateSubscriptionAttributes(const AttributeMap& attributes, std::string_view protocol) {
  for (const auto& [name, value] : attributes) {
    SKYBOX_RETURN_IF_ERROR(ValidateSubscriptionAttribute(name, value, protocol));
  }
  auto policy = attributes.find("FilterPolicy");
  if (policy != attributes.end() && !policy->second.empty()) {
    auto scope = attributes.find("FilterPolicyScope");
    SKYBOX_RETURN_IF_ERROR(
        ValidateFilterPolicy(policy->second, scope == attributes.end() ? "MessageAttributes" : scope->second));
  }
  return Status::Ok();
}

// Stages the confirmation request of a new subscription that needs one: POSTed to http(s)
// endpoints, recorded for email.
Result<std::vector<uint64_t>> StageConfirmation(SnsBackend& backend, storage::WriteBatch& batch, const Topic& topic,
                                               const Subscription& subscription) {
  SKYBOX_ASSIGN_OR_RETURN(NotificationFields fields, ConfirmationMessage(backend, topic, subscription));
  std::string body = NotificationJson(fields);
  if (subscription.protocol == "http" || subscription.protocol == "https") {
    return std::vector<uint64_t>{backend.outbox().Stage(
        batch, HttpEnvelope(topic, subscription, std::move(body), fields.type, fields.message_id))};
  }
  backend.RecordDelivery(batch, {{"Type", fields.type},
                                 {"TopicArn", topic.arn},
                                 {"SubscriptionArn", subscription.arn},
                                 {"Protocol", subscription.protocol},
                                 {"Endpoint", subscription.endpoint},
                                 {"MessageId", fields.message_id},
                                 {"Token", subscription.token},
                                 {"SubscribeURL", fields.subscribe_url},
                                 {"Message", body}});
  return std::vector<uint64_t>{};
}

}  // namespace

void Subscribe(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string topic_arn = InputString(call.input, "TopicArn");
  std::string protocol = InputString(call.input, "Protocol");
  std::string endpoint = InputString(call.input, "Endpoint");
  AttributeMap attributes = InputAttributes(call.input);
  bool return_arn = call.input.value("ReturnSubscriptionArn", false);
  if (!IsKnownProtocol(protocol)) {
    return done(InvalidParameter("Amazon SNS does not support this protocol string: " + protocol));
  }
  if (Status s = ValidateEndpoint(protocol, endpoint); !s.ok()) return done(s);
  if (Status s = ValidateSubscriptionAttributes(attributes, protocol); !s.ok()) return done(s);

  storage::WriteBatch batch;
  std::vector<uint64_t> staged;
  aws::Document output;
  {
    auto lock = backend.Lock();
    SnsState& state = backend.State();
    auto topic = state.topics.find(topic_arn);
    if (topic == state.topics.end()) return done(TopicNotFound());
    for (const auto& [arn, existing] : state.subscriptions) {
      if (existing.topic_arn != topic_arn || existing.protocol != protocol || existing.endpoint != endpoint) continue;
      for (const auto& [name, value] : attributes) {
        if (existing.Attribute(name) != value) {
          return done(InvalidParameter("Attributes Reason: Subscription already exists with different attributes"));
        }
      }
      bool hide = existing.pending_confirmation && !return_arn;
      return done(aws::Document{{"SubscriptionArn", hide ? "pending confirmation" : arn}});
    }
    Subscription subscription;
    subscription.arn = topic_arn + ":" + NewUuidV4();
    subscription.topic_arn = topic_arn;
    subscription.protocol = protocol;
    subscription.endpoint = endpoint;
    subscription.owner = CallerAccount(call);
    subscription.attributes = std::move(attributes);
    subscription.pending_confirmation = NeedsConfirmation(protocol);
    if (subscription.pending_confirmation) {
      subscription.token = NewConfirmationToken();
      auto confirmation = StageConfirmation(backend, batch, topic->second, subscription);
      if (!confirmation.ok()) return done(SnsInternalError(confirmation.status()));
      staged = std::move(*confirmation);
    }
    bool hide = subscription.pending_confirmation && !return_arn;
    output = aws::Document{{"SubscriptionArn", hide ? std::string("pending confirmation") : subscription.arn}};
    backend.PutSubscription(batch, subscription);
    state.subscriptions[subscription.arn] = std::move(subscription);
  }
  CommitAndAnswer(backend, std::move(batch), std::move(staged), std::move(output), std::move(done));
}

void ConfirmSubscription(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string topic_arn = InputString(call.input, "TopicArn");
  std::string token = InputString(call.input, "Token");
  // Confirmed through a signed call (not the unsigned SubscribeURL).
  bool authenticated = !call.caller.access_key_id.empty();
  storage::WriteBatch batch;
  aws::Document output;
  {
    auto lock = backend.Lock();
    SnsState& state = backend.State();
    if (!state.topics.count(topic_arn)) return done(TopicNotFound());
    Subscription* found = nullptr;
    for (auto& [arn, s] : state.subscriptions) {
      if (s.topic_arn == topic_arn && !s.token.empty() && s.token == token) found = &s;
    }
    if (found == nullptr) return done(InvalidParameter("Token"));
    output = aws::Document{{"SubscriptionArn", found->arn}};
    if (!found->pending_confirmation) return done(std::move(output));
    found->pending_confirmation = false;
    found->confirmation_authenticated = authenticated;
    backend.PutSubscription(batch, *found);
  }
  CommitAndAnswer(backend, std::move(batch), {}, std::move(output), std::move(done));
}

void Unsubscribe(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "SubscriptionArn");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    SnsState& state = backend.State();
    auto it = state.subscriptions.find(arn);
    if (it == state.subscriptions.end()) {
      // An unknown ARN of an existing topic is accepted (AWS's idempotent behaviour); a
      // malformed one is not.
      if (arn.rfind(':') == std::string::npos || !state.topics.count(arn.substr(0, arn.rfind(':')))) {
        return done(SubscriptionNotFound());
      }
      return done(aws::Document::object());
    }
    auto topic = state.topics.find(it->second.topic_arn);
    if (topic != state.topics.end()) {
      topic->second.subscriptions_deleted++;
      backend.PutTopic(batch, topic->second);
    }
    backend.DeleteSubscription(batch, arn);
    state.subscriptions.erase(it);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

}  // namespace skybox::services::sns
