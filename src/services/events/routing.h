// Routing: the envelopes a rule sends for one event — one per target, its input rendered
// (target_input.h), addressed to the target's ARN (an SQS queue, an SNS topic, another bus),
// with the target's RetryPolicy (EventBridge's default: 185 attempts within 24 hours,
// exponential backoff) and DeadLetterConfig, and SqsParameters.MessageGroupId for FIFO queues.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/delivery/envelope.h"
#include "services/events/records.h"

namespace skybox::services::events {

// The delivery retry policy of a Target document.
delivery::RetryPolicy TargetRetryPolicy(const nlohmann::json& target);

// One envelope per target of `rule` for the event `event_text` (whose id is `event_id`).
// `ingestion_ms` is when the event reached the bus.
std::vector<delivery::Envelope> RuleDeliveries(const RuleRecord& rule, std::string_view region,
                                               std::string_view event_text, std::string_view event_id,
                                               int64_t ingestion_ms);

}  // namespace skybox::services::events
