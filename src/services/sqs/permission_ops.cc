// Add/RemovePermission edit statements of the queue's Policy attribute, as AWS does.
#include <algorithm>

#include "services/sqs/operations.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {
namespace {

constexpr std::string_view kAllowedActions[] = {
    "*", "SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
    "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue"};

aws::Document PolicyOf(const Queue& q, const std::string& arn) {
  auto it = q.meta.attributes.find("Policy");
  aws::Document policy = it == q.meta.attributes.end() || it->second.empty()
                             ? aws::Document()
                             : aws::Document::parse(it->second, nullptr, false);
  if (!policy.is_object()) {
    policy = {{"Version", "2012-10-17"}, {"Id", arn + "/SQSDefaultPolicy"}, {"Statement", aws::Document::array()}};
  }
  if (!policy.contains("Statement") || !policy["Statement"].is_array()) policy["Statement"] = aws::Document::array();
  return policy;
}

}  // namespace

void AddPermission(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  std::string label = call.input.value("Label", std::string());
  aws::Document accounts = call.input.value("AWSAccountIds", aws::Document::array());
  aws::Document actions = call.input.value("Actions", aws::Document::array());
  if (actions.empty()) return done(MissingParameter("Actions"));
  if (accounts.empty()) return done(MissingParameter("AWSAccountIds"));
  if (actions.size() > 7) return done(SqsError("OverLimit", std::to_string(actions.size()) + " Actions were found, maximum allowed is 7."));
  aws::Document principals = aws::Document::array();
  for (const auto& a : accounts) principals.push_back("arn:aws:iam::" + a.get<std::string>() + ":root");
  aws::Document action_list = aws::Document::array();
  for (const auto& a : actions) {
    std::string name = a.get<std::string>();
    if (std::find(std::begin(kAllowedActions), std::end(kAllowedActions), name) == std::end(kAllowedActions)) {
      return done(InvalidParameter("SQS:" + name, "ActionName", "Only the queue owner is allowed to invoke this action."));
    }
    action_list.push_back("SQS:" + name);
  }
  std::string arn = sqs.ArnOf(**q);
  {
    std::lock_guard lock((*q)->mu);
    aws::Document policy = PolicyOf(**q, arn);
    for (const auto& st : policy["Statement"]) {
      if (st.value("Sid", std::string()) == label) {
        return done(InvalidParameter(label, "Label", "Already exists."));
      }
    }
    policy["Statement"].push_back({{"Sid", label},
                                   {"Effect", "Allow"},
                                   {"Principal", {{"AWS", principals.size() == 1 ? principals[0] : principals}}},
                                   {"Action", action_list.size() == 1 ? action_list[0] : action_list},
                                   {"Resource", arn}});
    (*q)->meta.attributes["Policy"] = policy.dump();
  }
  sqs.PersistMeta(*q, [done](Status s) mutable { Acknowledge(done, s); });
}

void RemovePermission(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  std::string label = call.input.value("Label", std::string());
  {
    std::lock_guard lock((*q)->mu);
    aws::Document policy = PolicyOf(**q, sqs.ArnOf(**q));
    aws::Document& statements = policy["Statement"];
    size_t before = statements.size();
    aws::Document kept = aws::Document::array();
    for (const auto& st : statements) {
      if (st.value("Sid", std::string()) != label) kept.push_back(st);
    }
    if (kept.size() == before) {
      return done(InvalidParameter(label, "Label", "can't find label on existing policy."));
    }
    statements = std::move(kept);
    (*q)->meta.attributes["Policy"] = statements.empty() ? std::string() : policy.dump();
  }
  sqs.PersistMeta(*q, [done](Status s) mutable { Acknowledge(done, s); });
}

}  // namespace skybox::services::sqs
