#include "services/sqs/operations.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {
namespace {

Status CheckTimeout(int seconds) {
  if (seconds < 0 || seconds > 43200) {
    return InvalidParameter(std::to_string(seconds), "VisibilityTimeout",
                            "VisibilityTimeout must be an integer between 0 and 43200");
  }
  return Status::Ok();
}

}  // namespace

void ChangeMessageVisibility(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  int seconds = call.input.value("VisibilityTimeout", 0);
  if (Status s = CheckTimeout(seconds); !s.ok()) return done(s);
  sqs.ChangeVisibility(*q, {{call.input.value("ReceiptHandle", std::string()), seconds}},
                       [done](Status s, std::vector<Status> results) mutable {
                         if (s.ok() && !results.empty()) s = results[0];
                         Acknowledge(done, s);
                       });
}

void ChangeMessageVisibilityBatch(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  const aws::Document entries = call.input.value("Entries", aws::Document::array());
  if (Status s = ValidateBatchEntries(entries, "ChangeMessageVisibilityBatchRequestEntry"); !s.ok()) return done(s);
  std::vector<std::pair<std::string, int>> changes;
  std::vector<std::string> ids;
  aws::Document failed = aws::Document::array();
  for (const auto& e : entries) {
    std::string id = e.value("Id", std::string());
    int seconds = e.value("VisibilityTimeout", 0);
    if (Status s = CheckTimeout(seconds); !s.ok()) {
      failed.push_back(BatchError(id, s));
      continue;
    }
    ids.push_back(id);
    changes.emplace_back(e.value("ReceiptHandle", std::string()), seconds);
  }
  sqs.ChangeVisibility(*q, std::move(changes), [done, ids, failed](Status s, std::vector<Status> results) mutable {
    if (!s.ok()) return done(s);
    aws::Document ok = aws::Document::array();
    for (size_t i = 0; i < ids.size(); ++i) {
      if (results[i].ok()) ok.push_back({{"Id", ids[i]}});
      else failed.push_back(BatchError(ids[i], results[i]));
    }
    done(aws::Document{{"Successful", std::move(ok)}, {"Failed", std::move(failed)}});
  });
}

}  // namespace skybox::services::sqs
