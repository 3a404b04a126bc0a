// QueueSink: how other services' events reach SQS queues (SNS subscriptions, EventBridge
// targets, S3 event notifications). Registered with the delivery SinkRegistry for
// "arn:aws:sqs:"; each envelope becomes one message of the queue its ARN names, validated by
// the same rules as SendMessage (FIFO queues need a group id, and a deduplication id unless
// content-based deduplication is on).
//
// Outcomes: a missing queue or a message the queue refuses is rejected (dead-lettered by the
// outbox); a failed commit is retried. Thread-safety: Deliver may run on any thread.
#pragma once

#include <memory>

#include "services/delivery/sink.h"
#include "services/sqs/sqs_backend.h"

namespace skybox::services::sqs {

class QueueSink : public delivery::Sink {
 public:
  explicit QueueSink(std::shared_ptr<SqsBackend> sqs) : sqs_(std::move(sqs)) {}
  void Deliver(delivery::Envelope envelope, std::function<void(delivery::DeliveryResult)> done) override;
  bool Exists(std::string_view target) const override { return sqs_->FindByArn(target) != nullptr; }

 private:
  std::shared_ptr<SqsBackend> sqs_;
};

}  // namespace skybox::services::sqs
