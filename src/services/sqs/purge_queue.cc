#include "services/sqs/operations.h"

namespace skybox::services::sqs {

void PurgeQueue(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  sqs.Purge(*q, [done](Status s) mutable { Acknowledge(done, s); });
}

}  // namespace skybox::services::sqs
