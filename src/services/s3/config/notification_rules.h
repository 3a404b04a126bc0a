// S3 event notification configurations (PutBucketNotificationConfiguration): S3's checks of a
// NotificationConfiguration document, and its parsed form — which destinations receive which
// events for which keys.
//
// Event names come in two spellings: configurations list "s3:ObjectCreated:*"-style types
// (wildcards allowed), records name what happened as "ObjectCreated:Put" (no "s3:", never a
// wildcard).
//
// Thread-safety: pure functions over values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/protocol/document.h"
#include "base/result.h"

namespace skybox::s3 {

enum class DestinationKind { kQueue, kTopic, kLambda };

// One destination configuration (a QueueConfiguration, TopicConfiguration or
// LambdaFunctionConfiguration).
struct NotificationRule {
  DestinationKind kind = DestinationKind::kQueue;
  std::string id;
  std::string arn;
  std::vector<std::string> events;  // as configured: "s3:ObjectCreated:*"
  std::string prefix;               // S3Key filter rules; empty: any
  std::string suffix;
};

struct NotificationRules {
  std::vector<NotificationRule> rules;
  bool eventbridge = false;  // EventBridgeConfiguration present: every event goes to the default bus
  bool empty() const { return rules.empty() && !eventbridge; }
};

// Checks a NotificationConfiguration as S3 does and returns what to store: destinations
// without an Id get one, filter rule names are spelled "Prefix" / "Suffix". Errors (all
// InvalidArgument): an ARN that is not one of the destination's service; an event type S3
// does not know; a filter rule named other than prefix/suffix, or two of one name;
// configurations that share an event type for overlapping key filters.
Result<aws::Document> NormalizeNotificationConfiguration(aws::Document config);

// The rules of a configuration NormalizeNotificationConfiguration accepted (an empty document:
// no rules).
NotificationRules ParseNotificationRules(const aws::Document& config);

// True when `configured` ("s3:ObjectCreated:*", "s3:ObjectCreated:Put") covers the event named
// `event_name` ("ObjectCreated:Put").
bool EventTypeCovers(std::string_view configured, std::string_view event_name);

// True when `rule` asks for the event `event_name` on `key`.
bool RuleMatches(const NotificationRule& rule, std::string_view event_name, std::string_view key);

}  // namespace skybox::s3
