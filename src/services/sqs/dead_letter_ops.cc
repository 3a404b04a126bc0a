#include "base/crypto.h"
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
  bool paged = call.input.contains("MaxResults");
  int max = call.input.value("MaxResults", 1000);
  if (max < 1 || max > 1000) {
    return done(InvalidParameter(std::to_string(max), "MaxResults", "MaxResults must be an integer between 1 and 1000."));
  }
  std::string after;
  if (call.input.contains("NextToken")) {
    auto decoded = Base64Decode(call.input.value("NextToken", std::string()));
    if (!decoded) return done(InvalidParameterValue("Invalid NextToken value."));
    after = *decoded;
  }
  aws::Document urls = aws::Document::array();
  std::string last;
  bool more = false;
  for (const auto& source : DeadLetterSources(sqs, call.caller.account_id, sqs.ArnOf(**q))) {
    if (!after.empty() && source->meta.name <= after) continue;
    if (static_cast<int>(urls.size()) == max) {
      more = true;
      break;
    }
    urls.push_back(UrlOf(call, sqs, *source));
    last = source->meta.name;
  }
  aws::Document out = {{"queueUrls", std::move(urls)}};
  if (paged && more) out["NextToken"] = Base64Encode(last);
  done(std::move(out));
}

}  // namespace skybox::services::sqs
