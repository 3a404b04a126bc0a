#include <cctype>
#include <set>

#include "base/uuid.h"
#include "services/sns/operations.h"
#include "services/sns/publish_rules.h"
#include "services/sns/sns_errors.h"

namespace skybox::services::sns {
namespace {

constexpr size_t kMaxBatchEntries = 10;

struct Accepted {
  std::string message_id;
  std::string sequence_number;  // FIFO topics
};

// Validates `m` for `topic` and stages it (with its deduplication record) into `batch`; a
// FIFO duplicate within the interval gets the first publish's id and stages nothing.
// Requires the backend's lock.
Result<Accepted> StagePublish(SnsBackend& backend, const Topic& topic, PublishedMessage m,
                              storage::WriteBatch& batch, std::vector<uint64_t>& staged) {
  SKYBOX_RETURN_IF_ERROR(ValidatePublishedMessage(m, topic.fifo, topic.content_based_deduplication()));
  SnsState& state = backend.State();
  int64_t now = backend.NowMs();
  Accepted accepted{NewUuidV4(), {}};
  std::string dedup_key;
  if (topic.fifo) {
    dedup_key = SnsBackend::DedupKey(topic.arn, m.deduplication_id);
    auto it = state.dedup.find(dedup_key);
    if (it != state.dedup.end() && it->second.expires_ms > now) {
      return Accepted{it->second.message_id, it->second.sequence_number};
    }
    accepted.sequence_number = backend.NextSequenceNumber();
    DedupRecord record{now + SnsBackend::kDedupIntervalMs, accepted.message_id, accepted.sequence_number};
    backend.PruneDedup(batch);
    backend.PutDedup(batch, dedup_key, record);
    state.dedup[dedup_key] = record;
  }
  delivery::Envelope e;
  e.target = topic.arn;
  e.source_arn = topic.arn;
  e.body = std::move(m.message);
  e.message_attributes = std::move(m.attributes);
  e.context = {{"MessageId", accepted.message_id}, {"Timestamp", now}};
  if (!m.subject.empty()) e.context["Subject"] = m.subject;
  if (!m.message_structure.empty()) e.context["MessageStructure"] = m.message_structure;
  if (topic.fifo) {
    e.group_id = m.group_id;
    e.deduplication_id = m.deduplication_id;
    e.context["SequenceNumber"] = accepted.sequence_number;
  } else if (!m.group_id.empty()) {
    e.context["MessageGroupId"] = m.group_id;
  }
  staged.push_back(backend.outbox().Stage(batch, std::move(e)));
  return accepted;
}

// Publish to a phone number or a mobile endpoint: recorded, not sent.
void PublishDirect(SnsBackend& backend, std::string protocol, std::string endpoint, PublishedMessage m,
                   aws::CallDone done) {
  if (Status s = ValidatePublishedMessage(m, false, false); !s.ok()) return done(s);
  std::string message_id = NewUuidV4();
  storage::WriteBatch batch;
  backend.RecordDelivery(batch, {{"Type", "Notification"},
                                 {"Protocol", protocol},
                                 {"Endpoint", endpoint},
                                 {"MessageId", message_id},
                                 {"Message", MessageForProtocol(m.message, m.message_structure, protocol)}});
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document{{"MessageId", message_id}}, std::move(done));
}

bool ValidBatchEntryId(std::string_view id) {
  if (id.empty() || id.size() > 80) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

void Publish(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string topic_arn = InputString(call.input, "TopicArn");
  std::string target_arn = InputString(call.input, "TargetArn");
  std::string phone = InputString(call.input, "PhoneNumber");
  PublishedMessage m = PublishedMessageFrom(call.input);
  if (!phone.empty()) return PublishDirect(backend, "sms", phone, std::move(m), std::move(done));
  if (topic_arn.empty()) topic_arn = target_arn;
  if (topic_arn.empty()) return done(InvalidParameter("TopicArn or TargetArn Reason: no value for required parameter"));
  if (topic_arn.find(":endpoint/") != std::string::npos) {
    return PublishDirect(backend, "application", topic_arn, std::move(m), std::move(done));
  }
  storage::WriteBatch batch;
  std::vector<uint64_t> staged;
  aws::Document output;
  {
    auto lock = backend.Lock();
    auto topic = backend.State().topics.find(topic_arn);
    if (topic == backend.State().topics.end()) return done(TopicNotFound());
    auto accepted = StagePublish(backend, topic->second, std::move(m), batch, staged);
    if (!accepted.ok()) return done(accepted.status());
    output = aws::Document{{"MessageId", accepted->message_id}};
    if (!accepted->sequence_number.empty()) output["SequenceNumber"] = accepted->sequence_number;
    // Queued under the lock, so commits (and FIFO deliveries) follow sequence-number order.
    CommitAndAnswer(backend, std::move(batch), std::move(staged), std::move(output), std::move(done));
  }
}

void PublishBatch(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string topic_arn = InputString(call.input, "TopicArn");
  const aws::Document& entries = call.input.contains("PublishBatchRequestEntries")
                                     ? call.input["PublishBatchRequestEntries"]
                                     : aws::Document::array();
  if (!entries.is_array() || entries.empty()) {
    return done(BatchError("EmptyBatchRequest", "The batch request doesn't contain any entries."));
  }
  if (entries.size() > kMaxBatchEntries) {
    return done(BatchError("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible."));
  }
  std::set<std::string> ids;
  size_t total_bytes = 0;
  for (const auto& entry : entries) {
    std::string id = InputString(entry, "Id");
    if (!ValidBatchEntryId(id)) {
      return done(BatchError("InvalidBatchEntryId",
                             "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
                             "It can be at most 80 letters long."));
    }
    if (!ids.insert(id).second) {
      return done(BatchError("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id."));
    }
    total_bytes += InputString(entry, "Message").size();
  }
  if (total_bytes > kMaxMessageBytes) {
    return done(BatchError("BatchRequestTooLong", "The length of all the messages put together is more than the limit."));
  }
  storage::WriteBatch batch;
  std::vector<uint64_t> staged;
  aws::Document successful = aws::Document::array(), failed = aws::Document::array();
  {
    auto lock = backend.Lock();
    auto topic = backend.State().topics.find(topic_arn);
    if (topic == backend.State().topics.end()) return done(TopicNotFound());
    for (const auto& entry : entries) {
      std::string id = InputString(entry, "Id");
      auto accepted = StagePublish(backend, topic->second, PublishedMessageFrom(entry), batch, staged);
      if (!accepted.ok()) {
        failed.push_back({{"Id", id},
                          {"Code", accepted.status().aws_code()},
                          {"Message", accepted.status().message()},
                          {"SenderFault", true}});
        continue;
      }
      aws::Document ok{{"Id", id}, {"MessageId", accepted->message_id}};
      if (!accepted->sequence_number.empty()) ok["SequenceNumber"] = accepted->sequence_number;
      successful.push_back(std::move(ok));
    }
    CommitAndAnswer(backend, std::move(batch), std::move(staged),
                    aws::Document{{"Successful", std::move(successful)}, {"Failed", std::move(failed)}},
                    std::move(done));
  }
}

}  // namespace skybox::services::sns
