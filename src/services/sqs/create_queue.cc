#include <chrono>

#include "services/sqs/operations.h"
#include "services/sqs/queue_url.h"
#include "services/sqs/redrive.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {
namespace {

Status FifoNameError() {
  return InvalidParameterValue(
      "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
}

// Re-creating a queue succeeds when every attribute sent matches the existing queue's.
Status CompareWithExisting(Queue& q, const AttributeMap& requested) {
  std::lock_guard lock(q.mu);
  for (const auto& [name, value] : requested) {
    auto it = q.meta.attributes.find(name);
    std::string current = it == q.meta.attributes.end() ? std::string() : it->second;
    if (current != value) {
      return SqsError("QueueNameExists",
                      "A queue already exists with the same name and a different value for attribute " + name);
    }
  }
  return Status::Ok();
}

}  // namespace

void CreateQueue(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("QueueName", std::string());
  const aws::Document& attrs = call.input.contains("Attributes") ? call.input["Attributes"] : aws::Document::object();
  std::string fifo_attr = attrs.is_object() ? attrs.value("FifoQueue", std::string()) : std::string();
  bool fifo = fifo_attr == "true" || fifo_attr == "True";
  if (!IsValidQueueName(name)) {
    if (fifo || HasFifoSuffix(name)) return done(FifoNameError());
    return done(InvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"));
  }
  if (fifo != HasFifoSuffix(name)) return done(FifoNameError());

  auto requested = ValidateAttributes(attrs, fifo, true);
  if (!requested.ok()) return done(requested.status());
  const std::string arn = QueueArn(sqs.options().region, call.caller.account_id, name);
  if (Status s = CheckRedriveTarget(sqs, *requested, fifo, arn); !s.ok()) return done(s);

  QueueMeta meta;
  meta.account_id = call.caller.account_id;
  meta.name = name;
  meta.attributes = DefaultAttributes(fifo);
  for (const auto& [k, v] : *requested) meta.attributes[k] = v;
  if (call.input.contains("tags")) {
    if (call.input["tags"].size() > 50) return done(InvalidParameterValue("Too many tags added for queue " + name + "."));
    for (const auto& [k, v] : call.input["tags"].items()) meta.tags[k] = v.get<std::string>();
  }
  meta.created_s = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  meta.modified_s = meta.created_s;

  std::string url = MakeQueueUrl(RequestHost(call, sqs), meta.account_id, name);
  std::shared_ptr<Queue> existing;
  sqs.Create(
      std::move(meta),
      [done, url](Result<std::shared_ptr<Queue>> q) {
        if (!q.ok()) return done(q.status());
        done(aws::Document{{"QueueUrl", url}});
      },
      &existing);
  if (existing != nullptr) {
    if (Status s = CompareWithExisting(*existing, *requested); !s.ok()) return done(s);
    done(aws::Document{{"QueueUrl", url}});
  }
}

}  // namespace skybox::services::sqs
