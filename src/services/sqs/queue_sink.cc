#include "services/sqs/queue_sink.h"

#include "services/sqs/operations.h"

namespace skybox::services::sqs {
namespace {

// The account of an ARN ("arn:aws:sns:us-east-1:000000000000:topic"); empty when it has none.
std::string AccountOf(std::string_view arn) {
  for (int i = 0; i < 4; ++i) {
    size_t colon = arn.find(':');
    if (colon == std::string_view::npos) return {};
    arn.remove_prefix(colon + 1);
  }
  return std::string(arn.substr(0, arn.find(':')));
}

}  // namespace

void QueueSink::Deliver(delivery::Envelope envelope, std::function<void(delivery::DeliveryResult)> done) {
  auto q = sqs_->FindByArn(envelope.target);
  if (!q) return done(delivery::DeliveryResult::Reject("AWS.SimpleQueueService.NonExistentQueue: " + envelope.target));
  aws::Document entry = {{"MessageBody", std::move(envelope.body)}};
  if (!envelope.message_attributes.empty()) entry["MessageAttributes"] = std::move(envelope.message_attributes);
  if (!envelope.group_id.empty()) entry["MessageGroupId"] = envelope.group_id;
  if (!envelope.deduplication_id.empty()) entry["MessageDeduplicationId"] = envelope.deduplication_id;
  auto message = PrepareSend(*q, entry, AccountOf(envelope.source_arn));
  if (!message.ok()) return done(delivery::DeliveryResult::Reject(message.status().ToString()));
  std::vector<OutgoingMessage> batch;
  batch.push_back(std::move(*message));
  sqs_->Send(q, std::move(batch), [done = std::move(done)](Status s, std::vector<SentMessage>) {
    done(s.ok() ? delivery::DeliveryResult::Delivered() : delivery::DeliveryResult::Retry(s.ToString()));
  });
}

}  // namespace skybox::services::sqs
