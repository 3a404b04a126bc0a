#include "services/sqs/operations.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

void GetQueueUrl(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  std::string account = call.input.value("QueueOwnerAWSAccountId", call.caller.account_id);
  auto q = sqs.Find(account, call.input.value("QueueName", std::string()));
  if (q == nullptr) return done(QueueDoesNotExist());
  done(aws::Document{{"QueueUrl", UrlOf(call, sqs, *q)}});
}

}  // namespace skybox::services::sqs
