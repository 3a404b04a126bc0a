#include "services/events/routing.h"

#include "services/events/event_envelope.h"
#include "services/events/target_input.h"

namespace skybox::services::events {
namespace {

constexpr uint32_t kDefaultRetryAttempts = 185;
constexpr int64_t kDefaultMaxAgeSeconds = 24 * 3600;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

delivery::RetryPolicy TargetRetryPolicy(const nlohmann::json& target) {
  delivery::RetryPolicy policy;
  const nlohmann::json retry = target.value("RetryPolicy", nlohmann::json::object());
  // MaximumRetryAttempts counts retries; the policy counts attempts (the first included).
  policy.max_attempts = retry.contains("MaximumRetryAttempts")
                            ? retry.value("MaximumRetryAttempts", 0u) + 1
                            : kDefaultRetryAttempts;
  policy.max_age_ms = retry.value("MaximumEventAgeInSeconds", kDefaultMaxAgeSeconds) * 1000;
  policy.backoff = delivery::Backoff::kExponential;
  policy.min_delay_ms = 1000;
  policy.max_delay_ms = 180'000;
  return policy;
}

std::vector<delivery::Envelope> RuleDeliveries(const RuleRecord& rule, std::string_view region,
                                               std::string_view event_text, std::string_view event_id,
                                               int64_t ingestion_ms) {
  std::vector<delivery::Envelope> out;
  RuleContext context{rule.name, RuleArn(region, rule), FormatEventTime(ingestion_ms)};
  for (const nlohmann::json& target : rule.targets) {
    delivery::Envelope envelope;
    envelope.target = target.value("Arn", std::string());
    envelope.body = RenderTargetInput(target, event_text, context);
    envelope.source_arn = context.rule_arn;
    envelope.retry = TargetRetryPolicy(target);
    if (auto dlq = target.find("DeadLetterConfig"); dlq != target.end() && dlq->is_object()) {
      envelope.dead_letter_target = dlq->value("Arn", std::string());
      envelope.dead_letter_attributes = {{"RULE_ARN", context.rule_arn}, {"TARGET_ARN", envelope.target}};
    }
    if (EndsWith(envelope.target, ".fifo")) {
      envelope.group_id = target.value("SqsParameters", nlohmann::json::object()).value("MessageGroupId", std::string());
      // EventBridge deduplicates FIFO deliveries by event id.
      envelope.deduplication_id = std::string(event_id);
    }
    out.push_back(std::move(envelope));
  }
  return out;
}

}  // namespace skybox::services::events
