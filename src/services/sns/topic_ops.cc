#include "base/crypto.h"
#include "services/sns/delivery_policy.h"
#include "services/sns/operations.h"
#include "services/sns/sns_errors.h"
#include "services/sns/tags.h"

namespace skybox::services::sns {
namespace {

aws::Document TopicAttributesOutput(const SnsState& state, const Topic& topic) {
  aws::Document attributes = aws::Document::object();
  uint64_t confirmed = 0, pending = 0;
  for (const auto& [arn, s] : state.subscriptions) {
    if (s.topic_arn != topic.arn) continue;
    (s.pending_confirmation ? pending : confirmed)++;
  }
  for (const auto& [name, value] : topic.attributes) attributes[name] = value;
  std::string account = ArnAccount(topic.arn);
  attributes["TopicArn"] = topic.arn;
  attributes["Owner"] = account;
  if (!attributes.contains("Policy")) attributes["Policy"] = DefaultTopicPolicy(topic.arn, account);
  if (!attributes.contains("DisplayName")) attributes["DisplayName"] = "";
  attributes["SubscriptionsConfirmed"] = std::to_string(confirmed);
  attributes["SubscriptionsPending"] = std::to_string(pending);
  attributes["SubscriptionsDeleted"] = std::to_string(topic.subscriptions_deleted);
  attributes["EffectiveDeliveryPolicy"] = EffectiveTopicPolicy(topic.Attribute("DeliveryPolicy")).dump();
  if (topic.fifo) {
    attributes["FifoTopic"] = "true";
    if (!attributes.contains("ContentBasedDeduplication")) attributes["ContentBasedDeduplication"] = "false";
  }
  return aws::Document{{"Attributes", std::move(attributes)}};
}

// "Attributes differ" for CreateTopic of an existing name: every given attribute must match.
bool SameAttributes(const Topic& existing, const AttributeMap& given) {
  for (const auto& [name, value] : given) {
    if (name == "FifoTopic") {
      if ((value == "true") != existing.fifo) return false;
      continue;
    }
    if (existing.Attribute(name) != value) return false;
  }
  return true;
}

}  // namespace

void CreateTopic(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string name = InputString(call.input, "Name");
  AttributeMap attributes = InputAttributes(call.input);
  bool fifo = attributes.count("FifoTopic") && attributes["FifoTopic"] == "true";
  if (Status s = ValidateTopicName(name, fifo); !s.ok()) return done(s);
  for (const auto& [k, v] : attributes) {
    if (Status s = ValidateTopicAttribute(k, v, /*creating=*/true, fifo); !s.ok()) return done(s);
  }
  auto tags = TagsFromInput(call.input, "Tags");
  if (!tags.ok()) return done(tags.status());
  std::string data_protection = InputString(call.input, "DataProtectionPolicy");
  if (!data_protection.empty()) {
    if (Status s = ValidateTopicAttribute("DataProtectionPolicy", data_protection, true, fifo); !s.ok()) {
      return done(s);
    }
  }
  std::string arn = TopicArn(call, name);
  aws::Document output{{"TopicArn", arn}};
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    SnsState& state = backend.State();
    auto it = state.topics.find(arn);
    if (it != state.topics.end()) {
      if (!SameAttributes(it->second, attributes)) {
        return done(InvalidParameter("Attributes Reason: Topic already exists with different attributes"));
      }
      if (!tags->empty() && *tags != it->second.tags) {
        return done(InvalidParameter("Tags Reason: Topic already exists with different tags"));
      }
      return done(std::move(output));
    }
    Topic topic;
    topic.arn = arn;
    topic.fifo = fifo;
    attributes.erase("FifoTopic");
    topic.attributes = std::move(attributes);
    topic.tags = std::move(*tags);
    topic.data_protection_policy = std::move(data_protection);
    backend.PutTopic(batch, topic);
    state.topics[arn] = std::move(topic);
  }
  CommitAndAnswer(backend, std::move(batch), {}, std::move(output), std::move(done));
}

void DeleteTopic(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "TopicArn");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    SnsState& state = backend.State();
    // Deleting a topic that does not exist is not an error.
    if (state.topics.erase(arn) == 0) return done(aws::Document::object());
    backend.DeleteTopic(batch, arn);
    for (auto it = state.subscriptions.begin(); it != state.subscriptions.end();) {
      if (it->second.topic_arn == arn) {
        backend.DeleteSubscription(batch, it->first);
        it = state.subscriptions.erase(it);
      } else {
        ++it;
      }
    }
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void ListTopics(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  auto resume = ResumeAfter(call);
  if (!resume.ok()) return done(resume.status());
  const std::string after = std::move(*resume);
  aws::Document topics = aws::Document::array();
  aws::Document output = aws::Document::object();
  auto lock = backend.Lock();
  const SnsState& state = backend.State();
  auto it = after.empty() ? state.topics.begin() : state.topics.upper_bound(after);
  std::string account = CallerAccount(call);
  for (; it != state.topics.end(); ++it) {
    if (ArnAccount(it->first) != account) continue;
    if (topics.size() == kListPageSize) {
      output["NextToken"] = Base64Encode(topics.back()["TopicArn"].get<std::string>());
      break;
    }
    topics.push_back({{"TopicArn", it->first}});
  }
  lock.unlock();
  output["Topics"] = std::move(topics);
  done(std::move(output));
}

void GetTopicAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "TopicArn");
  auto lock = backend.Lock();
  const SnsState& state = backend.State();
  auto it = state.topics.find(arn);
  if (it == state.topics.end()) return done(TopicNotFound());
  aws::Document output = TopicAttributesOutput(state, it->second);
  lock.unlock();
  done(std::move(output));
}

void SetTopicAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "TopicArn");
  std::string name = InputString(call.input, "AttributeName");
  std::string value = InputString(call.input, "AttributeValue");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    SnsState& state = backend.State();
    auto it = state.topics.find(arn);
    if (it == state.topics.end()) return done(TopicNotFound());
    Topic& topic = it->second;
    bool clears = value.empty() && name != "DisplayName";
    if (!clears) {
      if (Status s = ValidateTopicAttribute(name, value, /*creating=*/false, topic.fifo); !s.ok()) return done(s);
    } else if (Status s = ValidateTopicAttribute(name, "1", false, topic.fifo);
               !s.ok() && s.message() == "Invalid parameter: AttributeName") {
      return done(s);
    }
    if (clears) {
      topic.attributes.erase(name);
    } else {
      topic.attributes[name] = value;
    }
    backend.PutTopic(batch, topic);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void GetDataProtectionPolicy(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "ResourceArn");
  auto lock = backend.Lock();
  const SnsState& state = backend.State();
  auto it = state.topics.find(arn);
  if (it == state.topics.end()) return done(TopicNotFound());
  aws::Document output = aws::Document::object();
  if (!it->second.data_protection_policy.empty()) output["DataProtectionPolicy"] = it->second.data_protection_policy;
  lock.unlock();
  done(std::move(output));
}

void PutDataProtectionPolicy(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "ResourceArn");
  std::string policy = InputString(call.input, "DataProtectionPolicy");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    SnsState& state = backend.State();
    auto it = state.topics.find(arn);
    if (it == state.topics.end()) return done(TopicNotFound());
    if (Status s = ValidateTopicAttribute("DataProtectionPolicy", policy, false, it->second.fifo); !s.ok()) {
      return done(s);
    }
    it->second.data_protection_policy = policy;
    backend.PutTopic(batch, it->second);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

}  // namespace skybox::services::sns
