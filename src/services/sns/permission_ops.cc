// AddPermission / RemovePermission: statements of the topic's access policy, labelled by Sid.
// The policy is kept and reported, not enforced (docs/compat/sns.md).
#include "services/sns/operations.h"
#include "services/sns/sns_errors.h"

namespace skybox::services::sns {
namespace {

using nlohmann::json;

json TopicPolicy(const Topic& topic) {
  std::string text = topic.Attribute("Policy");
  json policy = json::parse(text.empty() ? DefaultTopicPolicy(topic.arn, ArnAccount(topic.arn)) : text, nullptr, false);
  if (!policy.is_object()) policy = json::object();
  if (!policy.contains("Statement") || !policy["Statement"].is_array()) policy["Statement"] = json::array();
  return policy;
}

}  // namespace

void AddPermission(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "TopicArn");
  std::string label = InputString(call.input, "Label");
  json principals = json::array();
  for (const auto& account : call.input.value("AWSAccountId", json::array())) {
    principals.push_back("arn:aws:iam::" + account.get<std::string>() + ":root");
  }
  json actions = json::array();
  for (const auto& action : call.input.value("ActionName", json::array())) {
    actions.push_back("SNS:" + action.get<std::string>());
  }
  if (principals.empty() || actions.empty()) return done(InvalidParameter("AWSAccountId and ActionName"));
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    auto it = backend.State().topics.find(arn);
    if (it == backend.State().topics.end()) return done(TopicNotFound());
    json policy = TopicPolicy(it->second);
    for (const auto& s : policy["Statement"]) {
      if (s.is_object() && s.value("Sid", std::string()) == label) {
        return done(InvalidParameter("Statement already exists"));
      }
    }
    policy["Statement"].push_back({{"Sid", label},
                                   {"Effect", "Allow"},
                                   {"Principal", {{"AWS", principals}}},
                                   {"Action", actions},
                                   {"Resource", arn}});
    it->second.attributes["Policy"] = policy.dump();
    backend.PutTopic(batch, it->second);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void RemovePermission(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "TopicArn");
  std::string label = InputString(call.input, "Label");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    auto it = backend.State().topics.find(arn);
    if (it == backend.State().topics.end()) return done(TopicNotFound());
    json policy = TopicPolicy(it->second);
    json kept = json::array();
    for (const auto& s : policy["Statement"]) {
      if (!s.is_object() || s.value("Sid", std::string()) != label) kept.push_back(s);
    }
    if (kept.size() == policy["Statement"].size()) return done(InvalidParameter("Label"));
    policy["Statement"] = std::move(kept);
    it->second.attributes["Policy"] = policy.dump();
    backend.PutTopic(batch, it->second);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

}  // namespace skybox::services::sns
