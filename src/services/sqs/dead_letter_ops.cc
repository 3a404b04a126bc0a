#include "services/sqs/operations.h"
#include "services/sqs/queue_url.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

std::vector<std::shared_ptr<Queue>> DeadLetterSources(SqsBackend& sqs, std::string_view account_id,
                                                      const std::string& dlq_arn) {
  std::vector<std::shared_ptr<Queue>> out;
  for (const auto& q : sqs.List(account_id)) {
    std::lock_guard lock(q->mu);
    auto policy = ParseRedrivePolicy(q->meta.attributes["RedrivePolicy"]);
    if (policy && policy->dead_letter_target_arn == dlq_arn) out.push_back(q);
  }
  return out;
}

void ListDeadLetterSourceQueues(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  done(QueueUrlPage(call, sqs, DeadLetterSources(sqs, call.caller.account_id, sqs.ArnOf(**q)),
                    "queueUrls", /*always_present=*/true));
}

}  // namespace skybox::services::sqs
