#include "base/crypto.h"
#include "services/sqs/operations.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

// NextToken is the base64 of the last name returned; the next page starts after it.
void ListQueues(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  std::string prefix = call.input.value("QueueNamePrefix", std::string());
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
  for (const auto& q : sqs.List(call.caller.account_id)) {
    const std::string& name = q->meta.name;
    if (name.compare(0, prefix.size(), prefix) != 0 || (!after.empty() && name <= after)) continue;
    if (static_cast<int>(urls.size()) == max) {
      more = true;
      break;
    }
    urls.push_back(UrlOf(call, sqs, *q));
    last = name;
  }
  aws::Document out = aws::Document::object();
  if (!urls.empty()) out["QueueUrls"] = std::move(urls);
  if (paged && more) out["NextToken"] = Base64Encode(last);
  done(std::move(out));
}

}  // namespace skybox::services::sqs
