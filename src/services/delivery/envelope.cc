#include "services/delivery/envelope.h"

#include <algorithm>
#include <cmath>

#include "base/crypto.h"
#include "base/utf8.h"

namespace skybox::services::delivery {
namespace {

using nlohmann::json;

const char* BackoffName(Backoff b) {
  switch (b) {
    case Backoff::kLinear: return "linear";
    case Backoff::kArithmetic: return "arithmetic";
    case Backoff::kGeometric: return "geometric";
    case Backoff::kExponential: return "exponential";
  }
  return "exponential";
}

Backoff BackoffFromName(std::string_view name) {
  if (name == "linear") return Backoff::kLinear;
  if (name == "arithmetic") return Backoff::kArithmetic;
  if (name == "geometric") return Backoff::kGeometric;
  return Backoff::kExponential;
}

// Where the backoff phase is at its `step` of `steps` (both from 1), from 0 (min) to 1 (max).
double BackoffFraction(Backoff backoff, uint32_t step, uint32_t steps) {
  if (steps <= 1) return 0;
  double t = static_cast<double>(step - 1) / (steps - 1);
  switch (backoff) {
    case Backoff::kLinear: return t;
    case Backoff::kArithmetic: return t * t;
    case Backoff::kGeometric: return t * t * t;
    case Backoff::kExponential: return (std::pow(2.0, (steps - 1) * t) - 1) / (std::pow(2.0, steps - 1) - 1);
  }
  return t;
}

bool IsValidUtf8(std::string_view text) {
  while (!text.empty()) {
    size_t n = Utf8SequenceLength(text);
    if (n == 0) return false;
    text.remove_prefix(n);
  }
  return true;
}

}  // namespace

int64_t RetryDelayMs(const RetryPolicy& p, uint32_t retry) {
  if (retry <= p.immediate_retries) return 0;
  retry -= p.immediate_retries;
  if (retry <= p.min_delay_retries) return p.min_delay_ms;
  retry -= p.min_delay_retries;
  uint32_t retries = p.max_attempts > 0 ? p.max_attempts - 1 : 0;
  uint32_t fixed = p.immediate_retries + p.min_delay_retries + p.max_delay_retries;
  uint32_t backoff_steps = retries > fixed ? retries - fixed : 0;
  if (retry > backoff_steps) return p.max_delay_ms;
  int64_t span = std::max<int64_t>(0, p.max_delay_ms - p.min_delay_ms);
  return p.min_delay_ms + static_cast<int64_t>(std::llround(span * BackoffFraction(p.backoff, retry, backoff_steps)));
}

std::string EncodeEnvelope(const Envelope& e) {
  json headers = json::array();
  for (const auto& [name, value] : e.http_headers) headers.push_back({name, value});
  json retry = {{"max_attempts", e.retry.max_attempts},       {"max_age_ms", e.retry.max_age_ms},
                {"immediate", e.retry.immediate_retries},     {"min_retries", e.retry.min_delay_retries},
                {"max_retries", e.retry.max_delay_retries},   {"min_delay_ms", e.retry.min_delay_ms},
                {"max_delay_ms", e.retry.max_delay_ms},       {"backoff", BackoffName(e.retry.backoff)}};
  json j = {{"target", e.target},
            {"attributes", e.message_attributes},
            {"group", e.group_id},
            {"dedup", e.deduplication_id},
            {"headers", std::move(headers)},
            {"source", e.source_arn},
            {"context", e.context},
            {"retry", std::move(retry)},
            {"dlq", e.dead_letter_target},
            {"dlq_attributes", e.dead_letter_attributes},
            {"attempts", e.attempts},
            {"created_ms", e.created_ms},
            {"not_before_ms", e.not_before_ms},
            {"error", e.last_error}};
  // Bodies are kept byte for byte: JSON text when they are UTF-8, base64 otherwise.
  if (IsValidUtf8(e.body)) {
    j["body"] = e.body;
  } else {
    j["body64"] = Base64Encode(e.body);
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Envelope> DecodeEnvelope(std::string_view bytes) {
  json j = json::parse(bytes, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    Envelope e;
    e.target = j.at("target").get<std::string>();
    if (j.contains("body64")) {
      auto body = Base64Decode(j["body64"].get<std::string>());
      if (!body) return std::nullopt;
      e.body = std::move(*body);
    } else {
      e.body = j.at("body").get<std::string>();
    }
    e.message_attributes = j.at("attributes");
    e.group_id = j.at("group").get<std::string>();
    e.deduplication_id = j.at("dedup").get<std::string>();
    for (const auto& h : j.at("headers")) e.http_headers.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
    e.source_arn = j.at("source").get<std::string>();
    e.context = j.at("context");
    const json& r = j.at("retry");
    e.retry.max_attempts = r.at("max_attempts").get<uint32_t>();
    e.retry.max_age_ms = r.at("max_age_ms").get<int64_t>();
    e.retry.immediate_retries = r.at("immediate").get<uint32_t>();
    e.retry.min_delay_retries = r.at("min_retries").get<uint32_t>();
    e.retry.max_delay_retries = r.at("max_retries").get<uint32_t>();
    e.retry.min_delay_ms = r.at("min_delay_ms").get<int64_t>();
    e.retry.max_delay_ms = r.at("max_delay_ms").get<int64_t>();
    e.retry.backoff = BackoffFromName(r.at("backoff").get<std::string>());
    e.dead_letter_target = j.at("dlq").get<std::string>();
    e.dead_letter_attributes = j.value("dlq_attributes", std::map<std::string, std::string>());
    e.attempts = j.at("attempts").get<uint32_t>();
    e.created_ms = j.at("created_ms").get<int64_t>();
    e.not_before_ms = j.at("not_before_ms").get<int64_t>();
    e.last_error = j.at("error").get<std::string>();
    return e;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace skybox::services::delivery
