#include "services/sqs/operations.h"

namespace skybox::services::sqs {

void ListQueues(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  std::string prefix = call.input.value("QueueNamePrefix", std::string());
  std::vector<std::shared_ptr<Queue>> matching;
  for (const auto& q : sqs.List(call.caller.account_id)) {
    if (q->meta.name.compare(0, prefix.size(), prefix) == 0) matching.push_back(q);
  }
  done(QueueUrlPage(call, sqs, matching, "QueueUrls", /*always_present=*/false));
}

}  // namespace skybox::services::sqs
