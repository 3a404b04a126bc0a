#include "services/sns/topic_sink.h"

#include <map>

#include "base/log.h"
#include "base/uuid.h"
#include "services/event_pattern/event_pattern.h"
#include "services/sns/notification.h"
#include "services/sns/publish_rules.h"
#include "services/sns/subscriber_messages.h"

namespace skybox::services::sns {
namespace {

using delivery::DeliveryResult;
using delivery::Envelope;
using nlohmann::json;

// SQS keeps trying for days; Skybox bounds it to a few hours of backed-off attempts.
delivery::RetryPolicy SqsRetryPolicy() {
  delivery::RetryPolicy p;
  p.max_attempts = 100;
  p.min_delay_ms = 1000;
  p.max_delay_ms = 60000;
  p.backoff = delivery::Backoff::kExponential;
  return p;
}

bool IsRecordedProtocol(std::string_view protocol) {
  return protocol == "email" || protocol == "email-json" || protocol == "sms" || protocol == "application" ||
         protocol == "lambda" || protocol == "firehose";
}

bool PassesFilter(const Subscription& s, const Envelope& envelope) {
  std::string policy = s.Attribute("FilterPolicy");
  if (policy.empty()) return true;
  bool body_scope = s.Attribute("FilterPolicyScope") == "MessageBody";
  auto pattern = event_pattern::Pattern::Parse(
      policy, body_scope ? event_pattern::Dialect::kSnsMessageBody : event_pattern::Dialect::kSnsMessageAttributes);
  if (!pattern.ok()) return false;
  if (!body_scope) return pattern->Matches(FilterPolicyAttributes(envelope.message_attributes));
  json body = json::parse(envelope.body, nullptr, false);
  return body.is_object() && pattern->Matches(body);
}

std::string ContextString(const json& context, const char* key) {
  auto it = context.find(key);
  return it != context.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Builds (and signs, once per distinct message text) the notification JSON per subscriber.
class NotificationBuilder {
 public:
  NotificationBuilder(SnsBackend& backend, const Topic& topic, const Envelope& envelope)
      : backend_(backend), topic_(topic), envelope_(envelope) {
    const json& c = envelope.context;
    base_.topic_arn = topic.arn;
    base_.message_id = ContextString(c, "MessageId");
    if (base_.message_id.empty()) base_.message_id = NewUuidV4();
    int64_t ts = c.contains("Timestamp") && c["Timestamp"].is_number_integer() ? c["Timestamp"].get<int64_t>()
                                                                                : backend.NowMs();
    base_.timestamp = NotificationTimestamp(ts);
    base_.subject = ContextString(c, "Subject");
    base_.sequence_number = ContextString(c, "SequenceNumber");
    base_.message_attributes = NotificationAttributes(envelope.message_attributes);
    structure_ = ContextString(c, "MessageStructure");
  }

  const std::string& message_id() const { return base_.message_id; }

  std::string Message(std::string_view protocol) const {
    return MessageForProtocol(envelope_.body, structure_, protocol);
  }

  Result<std::string> Json(const Subscription& s) {
    std::string message = Message(s.protocol);
    auto it = signed_.find(message);
    if (it == signed_.end()) {
      NotificationFields fields = base_;
      fields.message = message;
      SKYBOX_RETURN_IF_ERROR(SignMessage(backend_, fields, topic_.signature_version()));
      it = signed_.emplace(message, std::move(fields)).first;
    }
    NotificationFields fields = it->second;
    fields.unsubscribe_url = UnsubscribeUrl(backend_, s.arn);
    return NotificationJson(fields);
  }

 private:
  SnsBackend& backend_;
  const Topic& topic_;
  const Envelope& envelope_;
  NotificationFields base_;
  std::string structure_;
  std::map<std::string, NotificationFields> signed_;
};

Result<Envelope> SqsFollowUp(NotificationBuilder& builder, const Topic& topic, const Subscription& s,
                             const Envelope& published) {
  Envelope e;
  e.target = s.endpoint;
  e.source_arn = topic.arn;
  e.retry = SqsRetryPolicy();
  if (s.raw()) {
    e.body = builder.Message("sqs");
    e.message_attributes = published.message_attributes;
  } else {
    SKYBOX_ASSIGN_OR_RETURN(e.body, builder.Json(s));
  }
  if (topic.fifo) {
    e.group_id = published.group_id;
    e.deduplication_id = published.deduplication_id;
  }
  std::string redrive = s.Attribute("RedrivePolicy");
  if (!redrive.empty()) {
    json doc = json::parse(redrive, nullptr, false);
    if (doc.is_object()) e.dead_letter_target = doc.value("deadLetterTargetArn", std::string());
  }
  return e;
}

Result<Envelope> HttpFollowUp(NotificationBuilder& builder, const Topic& topic, const Subscription& s) {
  std::string body;
  if (s.raw()) {
    body = builder.Message(s.protocol);
  } else {
    SKYBOX_ASSIGN_OR_RETURN(body, builder.Json(s));
  }
  Envelope e = HttpEnvelope(topic, s, std::move(body), "Notification", builder.message_id());
  std::string redrive = s.Attribute("RedrivePolicy");
  if (!redrive.empty()) {
    json doc = json::parse(redrive, nullptr, false);
    if (doc.is_object()) e.dead_letter_target = doc.value("deadLetterTargetArn", std::string());
  }
  return e;
}

}  // namespace

bool TopicSink::Exists(std::string_view target) const {
  auto lock = backend_->Lock();
  return backend_->State().topics.count(std::string(target)) > 0;
}

void TopicSink::Deliver(Envelope envelope, std::function<void(DeliveryResult)> done) {
  std::vector<Envelope> follow_ups;
  storage::WriteBatch records;
  try {
    Topic topic;
    std::vector<Subscription> subscriptions;
    {
      auto lock = backend_->Lock();
      const SnsState& state = backend_->State();
      auto it = state.topics.find(envelope.target);
      if (it == state.topics.end()) return done(DeliveryResult::Reject("Topic does not exist"));
      topic = it->second;
      for (const auto& [arn, s] : state.subscriptions) {
        if (s.topic_arn == topic.arn && !s.pending_confirmation) subscriptions.push_back(s);
      }
    }
    NotificationBuilder builder(*backend_, topic, envelope);
    for (const Subscription& s : subscriptions) {
      if (!PassesFilter(s, envelope)) continue;
      if (s.protocol == "sqs") {
        auto e = SqsFollowUp(builder, topic, s, envelope);
        if (!e.ok()) return done(DeliveryResult::Retry(e.status().message()));
        follow_ups.push_back(std::move(*e));
      } else if (s.protocol == "http" || s.protocol == "https") {
        auto e = HttpFollowUp(builder, topic, s);
        if (!e.ok()) return done(DeliveryResult::Retry(e.status().message()));
        follow_ups.push_back(std::move(*e));
      } else if (IsRecordedProtocol(s.protocol)) {
        bool json_form = s.protocol == "email-json" || s.protocol == "lambda" ||
                         (s.protocol == "firehose" && !s.raw());
        std::string message = builder.Message(s.protocol);
        if (json_form) {
          auto body = builder.Json(s);
          if (!body.ok()) return done(DeliveryResult::Retry(body.status().message()));
          message = std::move(*body);
        }
        backend_->RecordDelivery(records, {{"Type", "Notification"},
                                           {"TopicArn", topic.arn},
                                           {"SubscriptionArn", s.arn},
                                           {"Protocol", s.protocol},
                                           {"Endpoint", s.endpoint},
                                           {"MessageId", builder.message_id()},
                                           {"Subject", ContextString(envelope.context, "Subject")},
                                           {"Message", message}});
      }
    }
  } catch (const std::exception& e) {
    // A stored document of an unexpected shape: a bug, not the publisher's fault.
    Log(LogLevel::kError, "sns fan-out failed", {{"topic", envelope.target}, {"what", e.what()}});
    return done(DeliveryResult::Retry(e.what()));
  }
  if (records.empty()) return done(DeliveryResult::Delivered(std::move(follow_ups)));
  backend_->store().Commit(std::move(records), [done = std::move(done), follow_ups = std::move(follow_ups)](
                                                   Status s) mutable {
    if (!s.ok()) return done(DeliveryResult::Retry("recording deliveries: " + s.message()));
    done(DeliveryResult::Delivered(std::move(follow_ups)));
  });
}

}  // namespace skybox::services::sns
