#include "services/sqs/operations.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

void ReceiveMessage(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  const aws::Document& in = call.input;
  ReceiveRequest r;
  r.max_messages = in.value("MaxNumberOfMessages", 1);
  if (r.max_messages < 1 || r.max_messages > 10) {
    return done(InvalidParameter(std::to_string(r.max_messages), "MaxNumberOfMessages",
                                 "Must be between 1 and 10, if provided."));
  }
  int wait;
  {
    std::lock_guard lock((*q)->mu);
    wait = IntAttribute((*q)->meta.attributes, "ReceiveMessageWaitTimeSeconds", 0);
  }
  if (in.contains("WaitTimeSeconds")) {
    wait = in["WaitTimeSeconds"].get<int>();
    if (wait < 0 || wait > 20) {
      return done(InvalidParameter(std::to_string(wait), "WaitTimeSeconds", "Must be >= 0 and <= 20, if provided."));
    }
  }
  if (in.contains("VisibilityTimeout")) {
    int vt = in["VisibilityTimeout"].get<int>();
    if (vt < 0 || vt > 43200) {
      return done(InvalidParameter(std::to_string(vt), "VisibilityTimeout", "Must be >= 0 and <= 43200, if provided."));
    }
    r.visibility_timeout = vt;
  }
  for (const char* key : {"AttributeNames", "MessageSystemAttributeNames"}) {
    if (in.contains(key)) {
      for (const auto& n : in[key]) r.system_attribute_names.push_back(n);
    }
  }
  if (in.contains("MessageAttributeNames")) r.message_attribute_names = in["MessageAttributeNames"];
  r.attempt_id = in.value("ReceiveRequestAttemptId", std::string());
  sqs.Receive(*q, std::move(r), wait, std::move(done));
}

}  // namespace skybox::services::sqs
