#include <set>

#include "base/crypto.h"
#include "services/sqs/operations.h"
#include "services/sqs/queue_url.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {
namespace {

// A batch entry Id: 1 to 80 of A-Z a-z 0-9 - _ (AWS's InvalidBatchEntryId rule).
bool IsBatchEntryId(std::string_view id) {
  if (id.empty() || id.size() > 80) return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string RequestHost(const aws::Call& call, const SqsBackend& sqs) {
  return call.host.empty() ? sqs.options().default_host() : call.host;
}

Result<aws::Document> QueueUrlPage(const aws::Call& call, const SqsBackend& sqs,
                                   const std::vector<std::shared_ptr<Queue>>& queues,
                                   const std::string& member, bool always_present) {
  bool paged = call.input.contains("MaxResults");
  int max = call.input.value("MaxResults", 1000);
  if (max < 1 || max > 1000) {
    return InvalidParameter(std::to_string(max), "MaxResults",
                            "MaxResults must be an integer between 1 and 1000.");
  }
  std::string after;
  if (call.input.contains("NextToken")) {
    auto decoded = Base64Decode(call.input.value("NextToken", std::string()));
    if (!decoded) return InvalidParameterValue("Invalid NextToken value.");
    after = *decoded;
  }
  aws::Document urls = aws::Document::array();
  std::string last;
  bool more = false;
  for (const auto& q : queues) {
    const std::string& name = q->meta.name;
    if (!after.empty() && name <= after) continue;
    if (static_cast<int>(urls.size()) == max) {
      more = true;
      break;
    }
    urls.push_back(UrlOf(call, sqs, *q));
    last = name;
  }
  aws::Document out = aws::Document::object();
  if (always_present || !urls.empty()) out[member] = std::move(urls);
  if (paged && more) out["NextToken"] = Base64Encode(last);
  return out;
}

std::string UrlOf(const aws::Call& call, const SqsBackend& sqs, const Queue& q) {
  return MakeQueueUrl(RequestHost(call, sqs), q.meta.account_id, q.meta.name);
}

Status ValidateBatchEntries(const aws::Document& entries, std::string_view entry_shape) {
  if (!entries.is_array() || entries.empty()) {
    return SqsError("EmptyBatchRequest",
                    "There should be at least one " + std::string(entry_shape) + " in the request.");
  }
  if (entries.size() > 10) {
    return SqsError("TooManyEntriesInBatchRequest",
                    "Maximum number of entries per request are 10. You have sent " + std::to_string(entries.size()) + ".");
  }
  std::set<std::string> seen;
  for (const auto& e : entries) {
    std::string id = e.value("Id", std::string());
    if (!IsBatchEntryId(id)) {
      return SqsError("InvalidBatchEntryId",
                      "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
    }
    if (!seen.insert(id).second) return SqsError("BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
  }
  return Status::Ok();
}

aws::Document BatchError(const std::string& id, const Status& status) {
  return {{"Id", id},
          {"SenderFault", status.code() != StatusCode::kInternal},
          {"Code", status.aws_code().empty() ? std::string("InternalError") : status.aws_code()},
          {"Message", status.message()}};
}

void Acknowledge(aws::CallDone& done, const Status& s) {
  if (s.ok()) done(aws::Document::object());
  else done(s);
}

}  // namespace skybox::services::sqs
