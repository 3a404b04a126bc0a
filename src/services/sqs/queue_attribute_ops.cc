#include <chrono>

#include "services/sqs/operations.h"
#include "services/sqs/redrive.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

void GetQueueAttributes(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  const Queue& queue = **q;
  auto expanded = ExpandAttributeNames(call.input.value("AttributeNames", aws::Document::array()), queue.meta.fifo());
  if (!expanded.ok()) return done(expanded.status());
  const std::vector<std::string>& names = *expanded;
  bool counts_needed = false;
  for (const auto& n : names) counts_needed = counts_needed || n.rfind("ApproximateNumberOf", 0) == 0;
  QueueCounts counts = counts_needed ? sqs.Count(*q) : QueueCounts{};
  aws::Document attrs = aws::Document::object();
  std::lock_guard lock((*q)->mu);
  const AttributeMap& a = queue.meta.attributes;
  for (const std::string& name : names) {
    if (name == "ApproximateNumberOfMessages") attrs[name] = std::to_string(counts.visible);
    else if (name == "ApproximateNumberOfMessagesNotVisible") attrs[name] = std::to_string(counts.not_visible);
    else if (name == "ApproximateNumberOfMessagesDelayed") attrs[name] = std::to_string(counts.delayed);
    else if (name == "CreatedTimestamp") attrs[name] = std::to_string(queue.meta.created_s);
    else if (name == "LastModifiedTimestamp") attrs[name] = std::to_string(queue.meta.modified_s);
    else if (name == "QueueArn") attrs[name] = sqs.ArnOf(queue);
    else if (name == "KmsDataKeyReusePeriodSeconds" && !a.count(name) && a.count("KmsMasterKeyId")) attrs[name] = "300";
    else if (auto it = a.find(name); it != a.end() && !it->second.empty()) attrs[name] = it->second;
  }
  aws::Document out = aws::Document::object();
  if (!attrs.empty()) out["Attributes"] = std::move(attrs);
  done(std::move(out));
}

void SetQueueAttributes(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  bool fifo = (*q)->meta.fifo();
  auto requested = ValidateAttributes(call.input.value("Attributes", aws::Document::object()), fifo, false);
  if (!requested.ok()) return done(requested.status());
  if (Status s = CheckRedriveTarget(sqs, *requested, fifo, sqs.ArnOf(**q)); !s.ok()) return done(s);
  {
    std::lock_guard lock((*q)->mu);
    for (const auto& [k, v] : *requested) (*q)->meta.attributes[k] = v;
    (*q)->meta.modified_s = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch()).count();
  }
  sqs.PersistMeta(*q, [done](Status s) mutable { Acknowledge(done, s); });
}

}  // namespace skybox::services::sqs
