// TopicSink: the delivery side of an SNS topic. The outbox hands it every envelope whose
// target is a topic ARN — SNS's own publishes, and messages EventBridge rules and S3 event
// notifications send to a topic — and it fans the message out: one follow-up envelope per
// confirmed subscription whose filter policy matches (sqs queues, http/https endpoints),
// staged by the outbox atomically with the removal of the published envelope. Deliveries to
// protocols Skybox does not send (email, email-json, sms, application, lambda, firehose) are
// recorded in the backend's delivery log instead.
//
// The envelope's context may carry MessageId, Timestamp (ms), Subject, MessageStructure,
// SequenceNumber and MessageGroupId; missing ones are made up at delivery.
//
// Thread-safety: Deliver may run on any thread.
#pragma once

#include <memory>

#include "services/delivery/sink.h"
#include "services/sns/sns_backend.h"

namespace skybox::services::sns {

class TopicSink : public delivery::Sink {
 public:
  explicit TopicSink(std::shared_ptr<SnsBackend> backend) : backend_(std::move(backend)) {}

  void Deliver(delivery::Envelope envelope, std::function<void(delivery::DeliveryResult)> done) override;
  bool Exists(std::string_view target) const override;

 private:
  std::shared_ptr<SnsBackend> backend_;
};

}  // namespace skybox::services::sns
