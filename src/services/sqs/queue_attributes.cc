#include "services/sqs/queue_attributes.h"

#include <algorithm>
#include <charconv>

#include "base/ascii.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {
namespace {

struct IntRange {
  std::string_view name;
  long min;
  long max;
};

constexpr IntRange kIntAttributes[] = {
    {"DelaySeconds", 0, 900},
    {"MaximumMessageSize", 1024, kDefaultMaximumMessageSize},
    {"MessageRetentionPeriod", 60, 1209600},
    {"ReceiveMessageWaitTimeSeconds", 0, 20},
    {"VisibilityTimeout", 0, 43200},
    {"KmsDataKeyReusePeriodSeconds", 60, 86400},
};

constexpr std::string_view kReadOnly[] = {
    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn"};

constexpr std::string_view kFifoOnly[] = {"ContentBasedDeduplication", "DeduplicationScope",
                                          "FifoThroughputLimit"};

// doc[key] when doc is an object holding a string there, else `fallback` (never throws).
std::string StringField(const aws::Document& doc, const char* key, std::string fallback = {}) {
  if (!doc.is_object()) return fallback;
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::optional<std::string> ParseBool(std::string_view text) {
  std::string lower = AsciiLowercase(text);
  if (lower == "true" || lower == "false") return lower;
  return std::nullopt;
}

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view name) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

Status InvalidRedrive(std::string_view value, std::string_view reason) {
  return InvalidParameter(value, "RedrivePolicy", reason);
}

Result<std::string> NormalizeRedrivePolicy(const std::string& value) {
  if (value.empty()) return value;
  aws::Document doc = aws::Document::parse(value, nullptr, false);
  if (!doc.is_object()) return InvalidRedrive(value, "Redrive policy is not a valid JSON map.");
  for (const auto& [key, v] : doc.items()) {
    if (key != "deadLetterTargetArn" && key != "maxReceiveCount") {
      return InvalidRedrive(value, "Only following attributes are supported: [deadLetterTargetArn, maxReceiveCount].");
    }
  }
  if (!doc.contains("deadLetterTargetArn") || !doc["deadLetterTargetArn"].is_string()) {
    return InvalidRedrive(value, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
  }
  if (!doc.contains("maxReceiveCount")) {
    return InvalidRedrive(value, "Redrive policy does not contain mandatory attribute: maxReceiveCount.");
  }
  const aws::Document& count = doc["maxReceiveCount"];
  std::optional<long> n;
  if (count.is_number_integer()) n = count.is_number_unsigned() && count.get<uint64_t>() > 1000000 ? 0 : count.get<long>();
  if (count.is_string()) n = ParseLong(count.get<std::string>());
  if (!n || *n < 1 || *n > 1000) {
    std::string shown = count.is_string() ? count.get<std::string>() : count.dump();
    return InvalidRedrive(value, "Invalid value for maxReceiveCount: " + shown +
                                     ", valid values are from 1 to 1000 both inclusive.");
  }
  aws::Document out = {{"deadLetterTargetArn", doc["deadLetterTargetArn"]}, {"maxReceiveCount", *n}};
  return out.dump();
}

Result<std::string> NormalizeRedriveAllowPolicy(const std::string& value) {
  if (value.empty()) return value;
  aws::Document doc = aws::Document::parse(value, nullptr, false);
  auto invalid = [&](std::string_view reason) { return InvalidParameter(value, "RedriveAllowPolicy", reason); };
  if (!doc.is_object()) return invalid("Amazon SQS can't create the redrive allow policy, as it's in an unsupported format.");
  std::string permission = StringField(doc, "redrivePermission");
  if (permission != "allowAll" && permission != "denyAll" && permission != "byQueue") {
    return invalid("Amazon SQS can't create the redrive allow policy, as it's in an unsupported format.");
  }
  bool has_sources = doc.contains("sourceQueueArns");
  if (permission == "byQueue") {
    if (!has_sources || !doc["sourceQueueArns"].is_array() || doc["sourceQueueArns"].empty()) {
      return invalid("Amazon SQS can't create the redrive allow policy. When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.");
    }
    if (doc["sourceQueueArns"].size() > 10) {
      return invalid("Amazon SQS can't create the redrive allow policy. The maximum number of source queue ARNs you can specify is 10.");
    }
  } else if (has_sources) {
    return invalid("Amazon SQS can't create the redrive allow policy. To specify one or more source queue ARNs, you must set redrivePermission to byQueue.");
  }
  return doc.dump();
}

}  // namespace

std::optional<long> ParseLong(std::string_view text) {
  long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

AttributeMap DefaultAttributes(bool fifo) {
  AttributeMap a = {
      {"DelaySeconds", "0"},
      {"MaximumMessageSize", std::to_string(kDefaultMaximumMessageSize)},
      {"MessageRetentionPeriod", "345600"},
      {"ReceiveMessageWaitTimeSeconds", "0"},
      {"VisibilityTimeout", "30"},
      {"SqsManagedSseEnabled", "true"},
  };
  if (fifo) {
    a["FifoQueue"] = "true";
    a["ContentBasedDeduplication"] = "false";
    a["DeduplicationScope"] = "queue";
    a["FifoThroughputLimit"] = "perQueue";
  }
  return a;
}

Result<AttributeMap> ValidateAttributes(const aws::Document& requested, bool fifo, bool creating) {
  AttributeMap out;
  if (!requested.is_object()) return out;
  for (const auto& [name, raw] : requested.items()) {
    std::string value = raw.is_string() ? raw.get<std::string>() : raw.dump();
    if (Contains(kReadOnly, name) || name == "All" || (!fifo && Contains(kFifoOnly, name)) ||
        (name == "FifoQueue" && !creating)) {
      return InvalidAttributeName(name);
    }
    const IntRange* range = nullptr;
    for (const IntRange& r : kIntAttributes) {
      if (r.name == name) range = &r;
    }
    if (range != nullptr) {
      auto n = ParseLong(value);
      if (!n || *n < range->min || *n > range->max) return InvalidAttributeValue(name);
      out[name] = std::to_string(*n);
    } else if (name == "FifoQueue" || name == "ContentBasedDeduplication" || name == "SqsManagedSseEnabled") {
      auto b = ParseBool(value);
      if (!b) return InvalidAttributeValue(name);
      out[name] = *b;
    } else if (name == "DeduplicationScope") {
      if (value != "queue" && value != "messageGroup") return InvalidAttributeValue(name);
      out[name] = value;
    } else if (name == "FifoThroughputLimit") {
      if (value != "perQueue" && value != "perMessageGroupId") return InvalidAttributeValue(name);
      out[name] = value;
    } else if (name == "Policy") {
      if (!value.empty() && !aws::Document::accept(value)) return InvalidAttributeValue(name);
      out[name] = value;
    } else if (name == "RedrivePolicy") {
      SKYBOX_ASSIGN_OR_RETURN(out[name], NormalizeRedrivePolicy(value));
    } else if (name == "RedriveAllowPolicy") {
      SKYBOX_ASSIGN_OR_RETURN(out[name], NormalizeRedriveAllowPolicy(value));
    } else if (name == "KmsMasterKeyId") {
      out[name] = value;
    } else {
      return InvalidAttributeName(name);
    }
  }
  if (out.count("FifoThroughputLimit") && out["FifoThroughputLimit"] == "perMessageGroupId" &&
      out.count("DeduplicationScope") && out["DeduplicationScope"] == "queue") {
    return InvalidParameterValue(
        "Value perMessageGroupId for parameter FifoThroughputLimit is invalid. Reason: The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.");
  }
  return out;
}

int IntAttribute(const AttributeMap& attributes, std::string_view name, int fallback) {
  auto it = attributes.find(name);
  if (it == attributes.end()) return fallback;
  auto n = ParseLong(it->second);
  return n ? static_cast<int>(*n) : fallback;
}

bool BoolAttribute(const AttributeMap& attributes, std::string_view name) {
  auto it = attributes.find(name);
  return it != attributes.end() && it->second == "true";
}

std::optional<RedrivePolicy> ParseRedrivePolicy(std::string_view json) {
  if (json.empty()) return std::nullopt;
  aws::Document doc = aws::Document::parse(json, nullptr, false);
  if (!doc.is_object() || !doc.contains("deadLetterTargetArn")) return std::nullopt;
  RedrivePolicy p;
  p.dead_letter_target_arn = StringField(doc, "deadLetterTargetArn");
  const aws::Document& count = doc["maxReceiveCount"];
  if (count.is_number_integer()) p.max_receive_count = static_cast<int>(std::clamp<long>(count.get<long>(), 0, 1000));
  if (count.is_string()) p.max_receive_count = static_cast<int>(ParseLong(count.get<std::string>()).value_or(0));
  if (p.max_receive_count < 1) return std::nullopt;
  return p;
}

RedriveAllowPolicy ParseRedriveAllowPolicy(std::string_view json) {
  RedriveAllowPolicy p;
  if (json.empty()) return p;
  aws::Document doc = aws::Document::parse(json, nullptr, false);
  if (!doc.is_object()) return p;
  p.redrive_permission = StringField(doc, "redrivePermission", "allowAll");
  if (doc.contains("sourceQueueArns") && doc["sourceQueueArns"].is_array()) {
    for (const auto& a : doc["sourceQueueArns"]) {
      if (a.is_string()) p.source_queue_arns.push_back(a.get<std::string>());
    }
  }
  return p;
}

bool AllowsSource(const RedriveAllowPolicy& policy, std::string_view source_arn) {
  if (policy.redrive_permission == "denyAll") return false;
  if (policy.redrive_permission == "byQueue") {
    return std::find(policy.source_queue_arns.begin(), policy.source_queue_arns.end(), source_arn) !=
           policy.source_queue_arns.end();
  }
  return true;
}

Result<std::vector<std::string>> ExpandAttributeNames(const aws::Document& requested, bool fifo) {
  static constexpr std::string_view kAll[] = {
      "Policy", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod",
      "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp",
      "LastModifiedTimestamp", "QueueArn", "ApproximateNumberOfMessagesDelayed", "DelaySeconds",
      "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "FifoQueue", "ContentBasedDeduplication",
      "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "DeduplicationScope", "FifoThroughputLimit",
      "RedriveAllowPolicy", "SqsManagedSseEnabled"};
  std::vector<std::string> out;
  auto add = [&](std::string_view n) {
    if (std::find(out.begin(), out.end(), n) == out.end()) out.emplace_back(n);
  };
  if (!requested.is_array()) return out;
  for (const auto& r : requested) {
    if (!r.is_string()) continue;
    std::string name = r.get<std::string>();
    if (name == "All") {
      for (std::string_view n : kAll) {
        if (!fifo && (Contains(kFifoOnly, n) || n == "FifoQueue")) continue;
        add(n);
      }
    } else if (std::find(std::begin(kAll), std::end(kAll), name) != std::end(kAll)) {
      add(name);
    } else {
      return InvalidAttributeName(name);
    }
  }
  return out;
}

}  // namespace skybox::services::sqs
