// Envelope: one message bound for one target (an SQS queue, an SNS topic, an EventBridge bus,
// an HTTP endpoint), as the outbox keeps it until the target has it. Producers (S3 event
// notifications, SNS Publish, EventBridge PutEvents) build envelopes; sinks (sink.h) deliver
// them. RetryPolicy says how a failing delivery is retried before it is dead-lettered.
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace skybox::services::delivery {

// How the delay grows between the first and the last backed-off retry (SNS's delivery-policy
// "backoffFunction"; EventBridge retries exponentially).
enum class Backoff { kLinear, kArithmetic, kGeometric, kExponential };

// When and how often a failed delivery is tried again. The retries go in four phases, as in
// SNS delivery policies: `immediate_retries` with no delay, `min_delay_retries` at
// `min_delay_ms`, then the backoff phase growing from min to max delay, then
// `max_delay_retries` at `max_delay_ms`. `max_attempts` counts every attempt, the first
// included; the backoff phase has the attempts the other phases leave.
struct RetryPolicy {
  uint32_t max_attempts = 4;
  int64_t max_age_ms = 0;  // 0: no limit; else dead-lettered once older (EventBridge)
  uint32_t immediate_retries = 0;
  uint32_t min_delay_retries = 0;
  uint32_t max_delay_retries = 0;
  int64_t min_delay_ms = 1000;
  int64_t max_delay_ms = 20000;
  Backoff backoff = Backoff::kExponential;
};

// The wait before retry number `retry` (1 for the retry after the first failed attempt).
int64_t RetryDelayMs(const RetryPolicy& policy, uint32_t retry);

struct Envelope {
  // Where it goes: an ARN ("arn:aws:sqs:us-east-1:000000000000:orders") or an http(s) URL.
  std::string target;
  std::string body;
  // SQS-shaped message attributes: {"name": {"DataType": "String", "StringValue": "v"}};
  // binary values base64 in "BinaryValue". Targets that have no attributes ignore them.
  nlohmann::json message_attributes = nlohmann::json::object();
  // FIFO targets: the message group (envelopes of one target and group are delivered one at a
  // time, in the order they were staged) and the deduplication id.
  std::string group_id;
  std::string deduplication_id;
  // HTTP(S) targets: headers sent with the POST.
  std::vector<std::pair<std::string, std::string>> http_headers;
  // The resource the message comes from (a topic, rule or bucket ARN); shown in logs and as
  // the dead-letter reason's source.
  std::string source_arn;
  // Extras the target's sink understands (e.g. the Subject of a message published to an SNS
  // topic); opaque to the outbox.
  nlohmann::json context = nlohmann::json::object();
  RetryPolicy retry;
  // Where the envelope goes when its retries are exhausted or the target rejects it; empty:
  // it is dropped (and logged).
  std::string dead_letter_target;
  // String message attributes the dead-letter copy gets (EventBridge's RULE_ARN, TARGET_ARN).
  // When any are set, the outbox adds ERROR_MESSAGE (the last failure), RETRY_ATTEMPTS and,
  // when the retry policy ran out, EXHAUSTED_RETRY_CONDITION (MaximumRetryAttempts or
  // MaximumEventAgeInSeconds), as EventBridge does; otherwise the copy is unchanged (SNS).
  std::map<std::string, std::string> dead_letter_attributes;

  // Kept by the outbox.
  uint32_t attempts = 0;      // deliveries tried so far
  int64_t created_ms = 0;     // when first staged
  int64_t not_before_ms = 0;  // the next attempt's earliest time
  std::string last_error;     // why the last attempt failed
};

std::string EncodeEnvelope(const Envelope& envelope);
std::optional<Envelope> DecodeEnvelope(std::string_view bytes);

}  // namespace skybox::services::delivery
