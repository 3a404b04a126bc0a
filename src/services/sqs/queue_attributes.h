// Queue attributes: defaults, validation of what CreateQueue / SetQueueAttributes send (with
// AWS's error codes and wording), and the RedrivePolicy / RedriveAllowPolicy JSON documents.
//
// Attributes are kept as AWS shows them: a map from attribute name to its string value, with
// every settable attribute present (defaults filled in). The computed ones (Approximate*,
// timestamps, QueueArn) are added by GetQueueAttributes.
//
// Thread-safety: pure functions and value types.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/protocol/document.h"
#include "base/result.h"

namespace skybox::services::sqs {

using AttributeMap = std::map<std::string, std::string, std::less<>>;

inline constexpr int kDefaultMaximumMessageSize = 1048576;

// The settable attributes of a new queue with AWS's defaults.
AttributeMap DefaultAttributes(bool fifo);

// Validates `requested` (attribute name -> value, as sent) for a queue that is (or will be) a
// FIFO queue when `fifo`. `creating` allows FifoQueue. Returns the normalized values (booleans
// lower-case, policies re-serialized) to merge over the current attributes. Errors:
// InvalidAttributeName for unknown, read-only or wrong-queue-type names; InvalidAttributeValue
// for out-of-range values; InvalidParameterValue for malformed redrive policies.
Result<AttributeMap> ValidateAttributes(const aws::Document& requested, bool fifo, bool creating);

// `text` as a whole decimal integer (attribute values, stored counters); nullopt otherwise.
std::optional<long> ParseLong(std::string_view text);

int IntAttribute(const AttributeMap& attributes, std::string_view name, int fallback = 0);
bool BoolAttribute(const AttributeMap& attributes, std::string_view name);

struct RedrivePolicy {
  std::string dead_letter_target_arn;
  int max_receive_count = 0;
};
// nullopt when the queue has no (or an empty) RedrivePolicy.
std::optional<RedrivePolicy> ParseRedrivePolicy(std::string_view json);

struct RedriveAllowPolicy {
  std::string redrive_permission = "allowAll";  // allowAll | denyAll | byQueue
  std::vector<std::string> source_queue_arns;
};
RedriveAllowPolicy ParseRedriveAllowPolicy(std::string_view json);
// Whether a queue with this RedriveAllowPolicy accepts `source_arn` as a dead-letter source.
bool AllowsSource(const RedriveAllowPolicy& policy, std::string_view source_arn);

// The attribute names GetQueueAttributes reports for `requested` ("All" expands);
// InvalidAttributeName for a name SQS does not know.
Result<std::vector<std::string>> ExpandAttributeNames(const aws::Document& requested, bool fifo);

}  // namespace skybox::services::sqs
