#include "services/sqs/operations.h"

namespace skybox::services::sqs {

void DeleteMessage(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  sqs.DeleteMessages(*q, {call.input.value("ReceiptHandle", std::string())},
                     [done](Status s, std::vector<Status> results) mutable {
                       if (s.ok() && !results.empty()) s = results[0];
                       Acknowledge(done, s);
                     });
}

void DeleteMessageBatch(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  const aws::Document entries = call.input.value("Entries", aws::Document::array());
  if (Status s = ValidateBatchEntries(entries, "DeleteMessageBatchRequestEntry"); !s.ok()) return done(s);
  std::vector<std::string> handles, ids;
  for (const auto& e : entries) {
    ids.push_back(e.value("Id", std::string()));
    handles.push_back(e.value("ReceiptHandle", std::string()));
  }
  sqs.DeleteMessages(*q, std::move(handles), [done, ids](Status s, std::vector<Status> results) {
    if (!s.ok()) return done(s);
    aws::Document ok = aws::Document::array(), failed = aws::Document::array();
    for (size_t i = 0; i < ids.size(); ++i) {
      if (results[i].ok()) ok.push_back({{"Id", ids[i]}});
      else failed.push_back(BatchError(ids[i], results[i]));
    }
    done(aws::Document{{"Successful", std::move(ok)}, {"Failed", std::move(failed)}});
  });
}

}  // namespace skybox::services::sqs
