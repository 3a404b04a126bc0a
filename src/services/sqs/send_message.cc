// SendMessage and SendMessageBatch: one validation path (AWS's rules and wording) for both.
#include "base/crypto.h"
#include "base/uuid.h"
#include "services/sqs/message_attributes.h"
#include "services/sqs/operations.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {
namespace {

std::string SequenceNumberText(uint64_t sequence) {
  std::string s = std::to_string(sequence);
  return std::string(s.size() < 20 ? 20 - s.size() : 0, '0') + s;
}

struct QueueSettings {
  bool fifo;
  bool content_based_dedup;
  int max_size;
  int delay;
};

QueueSettings SettingsOf(Queue& q) {
  std::lock_guard lock(q.mu);
  return {q.meta.fifo(), BoolAttribute(q.meta.attributes, "ContentBasedDeduplication"),
          IntAttribute(q.meta.attributes, "MaximumMessageSize", kDefaultMaximumMessageSize),
          IntAttribute(q.meta.attributes, "DelaySeconds", 0)};
}

Status NotForThisQueueType(const std::string& value, std::string_view parameter) {
  return InvalidParameter(value, parameter, "The request include parameter that is not valid for this queue type.");
}

// Builds the message an entry (SendMessageRequest or SendMessageBatchRequestEntry) asks for.
Result<OutgoingMessage> Prepare(const QueueSettings& q, const aws::Document& entry, std::string sender_id) {
  OutgoingMessage out;
  StoredMessage& m = out.message;
  m.body = entry.value("MessageBody", std::string());
  if (m.body.empty()) return MissingParameter("MessageBody");
  SKYBOX_RETURN_IF_ERROR(ValidateMessageBody(m.body));
  if (entry.contains("MessageAttributes")) m.attributes = entry["MessageAttributes"];
  if (entry.contains("MessageSystemAttributes")) m.system_attributes = entry["MessageSystemAttributes"];
  SKYBOX_ASSIGN_OR_RETURN(size_t attribute_bytes, ValidateMessageAttributes(m.attributes, false));
  SKYBOX_RETURN_IF_ERROR(ValidateMessageAttributes(m.system_attributes, true).status());
  if (m.body.size() + attribute_bytes > static_cast<size_t>(q.max_size)) {
    return InvalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than " +
                                 std::to_string(q.max_size) + " bytes.");
  }
  if (entry.contains("DelaySeconds")) {
    int delay = entry["DelaySeconds"].get<int>();
    if (delay < 0 || delay > 900) {
      return InvalidParameter(std::to_string(delay), "DelaySeconds", "DelaySeconds must be >= 0 and <= 900.");
    }
    if (q.fifo && delay > 0) return NotForThisQueueType(std::to_string(delay), "DelaySeconds");
    out.delay_seconds = delay;
  } else {
    out.delay_seconds = q.delay;
  }
  m.group_id = entry.value("MessageGroupId", std::string());
  m.deduplication_id = entry.value("MessageDeduplicationId", std::string());
  if (q.fifo) {
    if (m.group_id.empty()) return MissingParameter("MessageGroupId");
    if (m.deduplication_id.empty()) {
      if (!q.content_based_dedup) {
        return InvalidParameterValue(
            "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
      }
      m.deduplication_id = HexEncode(Sha256(m.body));
    }
  } else if (!m.deduplication_id.empty()) {
    return NotForThisQueueType(m.deduplication_id, "MessageDeduplicationId");
  }
  m.message_id = NewUuidV4();
  m.md5_of_body = Md5Hex(m.body);
  m.md5_of_attributes = Md5OfAttributes(m.attributes);
  m.md5_of_system_attributes = Md5OfAttributes(m.system_attributes);
  m.sender_id = std::move(sender_id);
  return out;
}

aws::Document SendResult(const StoredMessage& m, const SentMessage& sent, bool fifo) {
  aws::Document out = {{"MessageId", sent.message_id}, {"MD5OfMessageBody", m.md5_of_body}};
  if (!m.md5_of_attributes.empty()) out["MD5OfMessageAttributes"] = m.md5_of_attributes;
  if (!m.md5_of_system_attributes.empty()) out["MD5OfMessageSystemAttributes"] = m.md5_of_system_attributes;
  if (fifo) out["SequenceNumber"] = SequenceNumberText(sent.sequence);
  return out;
}

std::string SenderIdOf(const aws::Caller& caller) {
  return caller.user_name.empty() ? caller.account_id : caller.access_key_id;
}

}  // namespace

Result<OutgoingMessage> PrepareSend(Queue& q, const aws::Document& entry, std::string sender_id) {
  return Prepare(SettingsOf(q), entry, std::move(sender_id));
}

void SendMessage(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  QueueSettings settings = SettingsOf(**q);
  auto message = Prepare(settings, call.input, SenderIdOf(call.caller));
  if (!message.ok()) return done(message.status());
  StoredMessage summary = message->message;
  summary.body.clear();
  std::vector<OutgoingMessage> batch;
  batch.push_back(std::move(*message));
  sqs.Send(*q, std::move(batch),
           [done, summary = std::move(summary), fifo = settings.fifo](Status s, std::vector<SentMessage> sent) {
             if (!s.ok()) return done(s);
             done(SendResult(summary, sent.at(0), fifo));
           });
}

void SendMessageBatch(SqsBackend& sqs, aws::Call call, aws::CallDone done) {
  auto q = sqs.Resolve(call.caller.account_id, call.input);
  if (!q.ok()) return done(q.status());
  const aws::Document entries = call.input.value("Entries", aws::Document::array());
  if (Status s = ValidateBatchEntries(entries, "SendMessageBatchRequestEntry"); !s.ok()) return done(s);
  QueueSettings settings = SettingsOf(**q);
  size_t total = 0;
  for (const auto& e : entries) total += e.value("MessageBody", std::string()).size();
  if (total > static_cast<size_t>(kDefaultMaximumMessageSize)) {
    return done(SqsError("BatchRequestTooLong", "Batch requests cannot be longer than " +
                                                    std::to_string(kDefaultMaximumMessageSize) +
                                                    " bytes. You have sent " + std::to_string(total) + " bytes."));
  }
  aws::Document failed = aws::Document::array();
  std::vector<OutgoingMessage> batch;
  std::vector<std::string> ids;
  std::vector<StoredMessage> summaries;
  for (const auto& e : entries) {
    std::string id = e.value("Id", std::string());
    auto message = Prepare(settings, e, SenderIdOf(call.caller));
    if (!message.ok()) {
      failed.push_back(BatchError(id, message.status()));
      continue;
    }
    ids.push_back(id);
    summaries.push_back(message->message);
    summaries.back().body.clear();
    batch.push_back(std::move(*message));
  }
  auto finish = [done, failed, ids, summaries = std::move(summaries), fifo = settings.fifo](
                    Status s, std::vector<SentMessage> sent) {
    if (!s.ok()) return done(s);
    aws::Document successful = aws::Document::array();
    for (size_t i = 0; i < sent.size(); ++i) {
      aws::Document r = SendResult(summaries[i], sent[i], fifo);
      r["Id"] = ids[i];
      successful.push_back(std::move(r));
    }
    done(aws::Document{{"Successful", std::move(successful)}, {"Failed", failed}});
  };
  if (batch.empty()) return finish(Status::Ok(), {});
  sqs.Send(*q, std::move(batch), std::move(finish));
}

}  // namespace skybox::services::sqs
