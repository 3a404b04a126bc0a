// Sink: the receiving side of delivery. A service that can take messages from other services
// (SQS queues, SNS topics, EventBridge buses) registers a Sink for its ARN prefix; the outbox's
// dispatcher hands each due envelope to the sink of its target.
//
// Thread-safety: SinkRegistry is filled at startup, before the outbox starts, then only read.
// Sinks are called from the dispatcher thread and must be thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "services/delivery/envelope.h"

namespace skybox::services::delivery {

enum class Outcome {
  kDelivered,  // the target has it (durably, when the target is Skybox's own)
  kRetry,      // a transient failure: try again per the envelope's RetryPolicy
  kReject,     // the target cannot take it (does not exist, refuses the shape): dead-letter now
};

struct DeliveryResult {
  Outcome outcome = Outcome::kDelivered;
  std::string error;  // why, when not delivered
  // Envelopes the delivery produced (an SNS topic's per-subscription copies, an EventBridge
  // bus's per-target events). They are staged in the same atomic batch that removes the
  // delivered envelope, so a crash neither loses nor half-expands a fan-out.
  std::vector<Envelope> follow_ups;

  static DeliveryResult Delivered(std::vector<Envelope> follow_ups = {}) {
    return {Outcome::kDelivered, {}, std::move(follow_ups)};
  }
  static DeliveryResult Retry(std::string error) { return {Outcome::kRetry, std::move(error), {}}; }
  static DeliveryResult Reject(std::string error) { return {Outcome::kReject, std::move(error), {}}; }
};

class Sink {
 public:
  virtual ~Sink() = default;
  // Delivers `envelope` and calls `done` exactly once, from any thread. Must not block the
  // caller: a sink that waits on the network or a commit does so on its own threads or
  // through callbacks. Deliveries may repeat after a crash (at-least-once).
  virtual void Deliver(Envelope envelope, std::function<void(DeliveryResult)> done) = 0;
  // Whether `target` names something that exists now (a queue, a topic), for producers that
  // validate destinations when they are configured (S3 notification configurations). A sink
  // that cannot know in advance (HTTP endpoints) says yes.
  virtual bool Exists(std::string_view target) const {
    (void)target;
    return true;
  }
};

class SinkRegistry {
 public:
  // Routes every target that starts with `prefix` ("arn:aws:sqs:", "http://") to `sink`; the
  // longest matching prefix wins.
  void Register(std::string prefix, std::shared_ptr<Sink> sink);
  // nullptr when no sink takes `target`.
  Sink* Find(std::string_view target) const;
  // A sink takes `target` and says it exists.
  bool Exists(std::string_view target) const {
    const Sink* sink = Find(target);
    return sink != nullptr && sink->Exists(target);
  }

 private:
  std::map<std::string, std::shared_ptr<Sink>, std::less<>> sinks_;
};

}  // namespace skybox::services::delivery
