#include "services/sqs/operations.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

void TagQueue(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  const aws::Document tags = call.input.value("Tags", aws::Document::object());
  if (tags.empty()) return done(MissingParameter("Tags"));
  {
    std::lock_guard lock((*q)->mu);
    std::map<std::string, std::string> merged = (*q)->meta.tags;
    for (const auto& [k, v] : tags.items()) merged[k] = v.get<std::string>();
    if (merged.size() > 50) return done(InvalidParameterValue("Too many tags added for queue " + (*q)->meta.name + "."));
    (*q)->meta.tags = std::move(merged);
  }
  sqs.PersistMeta(*q, [done](Status s) mutable { Acknowledge(done, s); });
}

void UntagQueue(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  const aws::Document keys = call.input.value("TagKeys", aws::Document::array());
  if (keys.empty()) return done(MissingParameter("TagKeys"));
  {
    std::lock_guard lock((*q)->mu);
    for (const auto& k : keys) (*q)->meta.tags.erase(k.get<std::string>());
  }
  sqs.PersistMeta(*q, [done](Status s) mutable { Acknowledge(done, s); });
}

void ListQueueTags(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  aws::Document out = aws::Document::object();
  std::lock_guard lock((*q)->mu);
  if (!(*q)->meta.tags.empty()) out["Tags"] = (*q)->meta.tags;
  done(std::move(out));
}

}  // namespace skybox::services::sqs
