#include "services/sns/operations.h"

#include "base/crypto.h"
#include "services/event_pattern/event_pattern.h"
#include "services/sns/sns_errors.h"

namespace skybox::services::sns {

std::string InputString(const aws::Document& input, const char* name) {
  auto it = input.find(name);
  return it != input.end() && it->is_string() ? it->get<std::string>() : std::string();
}

AttributeMap InputAttributes(const aws::Document& input, const char* name) {
  AttributeMap out;
  auto it = input.find(name);
  if (it == input.end() || !it->is_object()) return out;
  for (auto& [k, v] : it->items()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return out;
}

Result<std::string> ResumeAfter(const aws::Call& call) {
  std::string token = InputString(call.input, "NextToken");
  if (token.empty()) return std::string();
  auto decoded = Base64Decode(token);
  if (!decoded) return InvalidParameter("NextToken");
  return *decoded;
}

std::string CallerAccount(const aws::Call& call) {
  return call.caller.account_id.empty() ? std::string("000000000000") : call.caller.account_id;
}

std::string TopicArn(const aws::Call& call, std::string_view name) {
  return "arn:aws:sns:" + call.region + ":" + CallerAccount(call) + ":" + std::string(name);
}

void CommitAndAnswer(SnsBackend& backend, storage::WriteBatch batch, std::vector<uint64_t> staged,
                     aws::Document output, aws::CallDone done) {
  // Even an empty batch goes through the store's commit queue: it completes after every commit
  // queued before it, so a repeated request (a FIFO duplicate, an idempotent create) is not
  // answered before the original it repeats is durable.
  backend.Commit(std::move(batch), std::move(staged),
                 [output = std::move(output), done = std::move(done)](Status s) mutable {
                   if (!s.ok()) return done(SnsInternalError(s));
                   done(std::move(output));
                 });
}

Status ValidateFilterPolicy(std::string_view policy, std::string_view scope) {
  auto dialect = scope == "MessageBody" ? event_pattern::Dialect::kSnsMessageBody
                                        : event_pattern::Dialect::kSnsMessageAttributes;
  auto parsed = event_pattern::Pattern::Parse(policy, dialect);
  if (parsed.ok()) return Status::Ok();
  std::string message = parsed.status().message();
  // The parser words its reason as AWS does after "Invalid parameter: FilterPolicy: ".
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidParameter",
                     message.starts_with("Invalid parameter") ? message : "Invalid parameter: FilterPolicy: " + message);
}

}  // namespace skybox::services::sns
