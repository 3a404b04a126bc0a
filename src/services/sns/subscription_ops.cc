#include "base/crypto.h"
#include "services/sns/delivery_policy.h"
#include "services/sns/operations.h"
#include "services/sns/sns_errors.h"
#include "services/sns/subscription_rules.h"

namespace skybox::services::sns {
namespace {

aws::Document SubscriptionSummary(const Subscription& s) {
  return {{"SubscriptionArn", s.pending_confirmation ? std::string("PendingConfirmation") : s.arn},
          {"Owner", s.owner},
          {"Protocol", s.protocol},
          {"Endpoint", s.endpoint},
          {"TopicArn", s.topic_arn}};
}

// One page of the subscriptions `include` accepts, after the token's ARN.
void ListPage(SnsBackend& backend, const aws::Call& call, const std::function<bool(const Subscription&)>& include,
              aws::CallDone done, bool topic_must_exist, const std::string& topic_arn) {
  auto resume = ResumeAfter(call);
  if (!resume.ok()) return done(resume.status());
  const std::string after = std::move(*resume);
  aws::Document list = aws::Document::array();
  aws::Document output = aws::Document::object();
  {
    auto lock = backend.Lock();
    const SnsState& state = backend.State();
    if (topic_must_exist && !state.topics.count(topic_arn)) return done(TopicNotFound());
    auto it = after.empty() ? state.subscriptions.begin() : state.subscriptions.upper_bound(after);
    std::string last;
    for (; it != state.subscriptions.end(); ++it) {
      if (!include(it->second)) continue;
      if (list.size() == kListPageSize) {
        output["NextToken"] = Base64Encode(last);
        break;
      }
      list.push_back(SubscriptionSummary(it->second));
      last = it->first;
    }
  }
  output["Subscriptions"] = std::move(list);
  done(std::move(output));
}

}  // namespace

void ListSubscriptions(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string account = CallerAccount(call);
  ListPage(backend, call, [&](const Subscription& s) { return ArnAccount(s.topic_arn) == account; },
           std::move(done), false, {});
}

void ListSubscriptionsByTopic(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string topic_arn = InputString(call.input, "TopicArn");
  ListPage(backend, call, [&](const Subscription& s) { return s.topic_arn == topic_arn; }, std::move(done), true,
           topic_arn);
}

void GetSubscriptionAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "SubscriptionArn");
  aws::Document attributes = aws::Document::object();
  {
    auto lock = backend.Lock();
    const SnsState& state = backend.State();
    auto it = state.subscriptions.find(arn);
    if (it == state.subscriptions.end()) return done(SubscriptionNotFound());
    const Subscription& s = it->second;
    for (const auto& [name, value] : s.attributes) attributes[name] = value;
    attributes["SubscriptionArn"] = s.arn;
    attributes["TopicArn"] = s.topic_arn;
    attributes["Owner"] = s.owner;
    attributes["Protocol"] = s.protocol;
    attributes["Endpoint"] = s.endpoint;
    attributes["PendingConfirmation"] = s.pending_confirmation ? "true" : "false";
    attributes["ConfirmationWasAuthenticated"] = s.confirmation_authenticated ? "true" : "false";
    attributes["RawMessageDelivery"] = s.raw() ? "true" : "false";
    if (attributes.contains("FilterPolicy") && !attributes.contains("FilterPolicyScope")) {
      attributes["FilterPolicyScope"] = "MessageAttributes";
    }
    if (s.protocol == "http" || s.protocol == "https") {
      auto topic = state.topics.find(s.topic_arn);
      std::string topic_policy = topic == state.topics.end() ? std::string() : topic->second.Attribute("DeliveryPolicy");
      nlohmann::json effective = EffectiveTopicPolicy(topic_policy)["http"];
      nlohmann::json own = nlohmann::json::parse(s.Attribute("DeliveryPolicy"), nullptr, false);
      nlohmann::json policy{{"healthyRetryPolicy", effective["defaultHealthyRetryPolicy"]},
                            {"requestPolicy", effective.value("defaultRequestPolicy", nlohmann::json::object())},
                            {"guaranteed", false}};
      if (own.is_object()) policy.merge_patch(own);
      attributes["EffectiveDeliveryPolicy"] = policy.dump();
    }
  }
  done(aws::Document{{"Attributes", std::move(attributes)}});
}

void SetSubscriptionAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "SubscriptionArn");
  std::string name = InputString(call.input, "AttributeName");
  std::string value = InputString(call.input, "AttributeValue");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    SnsState& state = backend.State();
    auto it = state.subscriptions.find(arn);
    if (it == state.subscriptions.end()) return done(SubscriptionNotFound());
    Subscription& s = it->second;
    // An empty FilterPolicy / RedrivePolicy / DeliveryPolicy removes it.
    bool clears = value.empty() && (name == "FilterPolicy" || name == "RedrivePolicy" || name == "DeliveryPolicy");
    if (!clears) {
      if (Status st = ValidateSubscriptionAttribute(name, value, s.protocol); !st.ok()) return done(st);
      if (name == "FilterPolicy") {
        std::string scope = s.Attribute("FilterPolicyScope");
        if (Status st = ValidateFilterPolicy(value, scope.empty() ? "MessageAttributes" : scope); !st.ok()) {
          return done(st);
        }
      } else if (name == "FilterPolicyScope" && !s.Attribute("FilterPolicy").empty()) {
        if (Status st = ValidateFilterPolicy(s.Attribute("FilterPolicy"), value); !st.ok()) return done(st);
      }
      s.attributes[name] = value;
    } else {
      s.attributes.erase(name);
      if (name == "FilterPolicy") s.attributes.erase("FilterPolicyScope");
    }
    backend.PutSubscription(batch, s);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

}  // namespace skybox::services::sns
