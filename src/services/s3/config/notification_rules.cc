#include "services/s3/config/notification_rules.h"

#include <algorithm>
#include <array>

#include "base/ascii.h"
#include "services/s3/config/config_kinds.h"
#include "services/s3/config/config_validation.h"

namespace skybox::s3 {
namespace {

// Every event type a configuration may name (AWS's "supported event types").
constexpr std::array<std::string_view, 35> kEventTypes = {
    "s3:TestEvent",
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
    "s3:ReducedRedundancyLostObject",
    "s3:Replication:*",
    "s3:Replication:OperationFailedReplication",
    "s3:Replication:OperationMissedThreshold",
    "s3:Replication:OperationReplicatedAfterThreshold",
    "s3:Replication:OperationNotTracked",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:LifecycleTransition",
    "s3:IntelligentTiering",
    "s3:ObjectTagging:*",
    "s3:ObjectTagging:Put",
    "s3:ObjectTagging:Delete",
    "s3:ObjectAcl:Put",
    // Older spellings S3 still accepts.
    "s3:ObjectCreated:PutObject",
    "s3:ObjectRemoved:DeleteObject",
    "s3:ObjectRestore:PostObject",
    "s3:ObjectRestore:CompletedObject",
    "s3:ObjectRestore:DeleteObject",
    "s3:Replication:OperationFailed",
    "s3:Replication:OperationMissed",
};

struct DestinationList {
  const char* list;
  const char* arn_member;
  DestinationKind kind;
  std::string_view arn_prefix;
};
constexpr std::array<DestinationList, 3> kLists = {{
    {"QueueConfigurations", "QueueArn", DestinationKind::kQueue, "arn:aws:sqs:"},
    {"TopicConfigurations", "TopicArn", DestinationKind::kTopic, "arn:aws:sns:"},
    {"LambdaFunctionConfigurations", "LambdaFunctionArn", DestinationKind::kLambda, "arn:aws:lambda:"},
}};

Status InvalidArgument(std::string message, std::string name, std::string value) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument", std::move(message))
      .WithDetail("ArgumentName", std::move(name))
      .WithDetail("ArgumentValue", std::move(value));
}

// Normalizes the S3Key filter rules of `destination` in place and returns its prefix/suffix.
Result<std::pair<std::string, std::string>> NormalizeFilter(aws::Document& destination) {
  std::pair<std::string, std::string> filter;
  auto f = destination.find("Filter");
  if (f == destination.end()) return filter;
  auto key = f->find("Key");
  if (key == f->end()) return filter;
  auto rules = key->find("FilterRules");
  if (rules == key->end() || !rules->is_array()) return filter;
  bool has_prefix = false, has_suffix = false;
  for (aws::Document& rule : *rules) {
    const std::string name = rule.value("Name", "");
    const std::string value = rule.value("Value", "");
    const std::string lower = AsciiLowercase(name);
    if (lower == "prefix") {
      if (has_prefix) {
        return InvalidArgument("Cannot specify more than one prefix rule in a filter.", "FilterRule.Name", name);
      }
      has_prefix = true;
      rule["Name"] = "Prefix";
      filter.first = value;
    } else if (lower == "suffix") {
      if (has_suffix) {
        return InvalidArgument("Cannot specify more than one suffix rule in a filter.", "FilterRule.Name", name);
      }
      has_suffix = true;
      rule["Name"] = "Suffix";
      filter.second = value;
    } else {
      return InvalidArgument("filter rule name must be either prefix or suffix", "FilterRule.Name", name);
    }
  }
  return filter;
}

// Two configured event types overlap when one covers the other (a wildcard covers its family).
bool EventTypesOverlap(std::string_view a, std::string_view b) {
  if (a == b) return true;
  auto covers = [](std::string_view wide, std::string_view narrow) {
    return wide.ends_with(":*") && narrow.starts_with(wide.substr(0, wide.size() - 1));
  };
  return covers(a, b) || covers(b, a);
}

// Key filters overlap when some key passes both: their prefixes are nested and so are their
// suffixes (an empty filter part accepts everything).
bool FiltersOverlap(const NotificationRule& a, const NotificationRule& b) {
  const bool prefixes = a.prefix.starts_with(b.prefix) || b.prefix.starts_with(a.prefix);
  const bool suffixes = a.suffix.ends_with(b.suffix) || b.suffix.ends_with(a.suffix);
  return prefixes && suffixes;
}

bool RulesOverlap(const NotificationRule& a, const NotificationRule& b) {
  if (!FiltersOverlap(a, b)) return false;
  for (const std::string& x : a.events) {
    for (const std::string& y : b.events) {
      if (EventTypesOverlap(x, y)) return true;
    }
  }
  return false;
}

NotificationRule RuleOf(const aws::Document& destination, const DestinationList& list) {
  NotificationRule rule;
  rule.kind = list.kind;
  rule.id = destination.value("Id", "");
  rule.arn = destination.value(list.arn_member, "");
  for (const aws::Document& event : destination.value("Events", aws::Document::array())) {
    if (event.is_string()) rule.events.push_back(event.get<std::string>());
  }
  auto f = destination.find("Filter");
  if (f == destination.end() || !f->contains("Key")) return rule;
  for (const aws::Document& r : (*f)["Key"].value("FilterRules", aws::Document::array())) {
    const std::string lower = AsciiLowercase(r.value("Name", ""));
    if (lower == "prefix") rule.prefix = r.value("Value", "");
    if (lower == "suffix") rule.suffix = r.value("Value", "");
  }
  return rule;
}

}  // namespace

Result<aws::Document> NormalizeNotificationConfiguration(aws::Document config) {
  if (!config.is_object()) config = aws::Document::object();
  std::vector<NotificationRule> accepted;
  for (const DestinationList& list : kLists) {
    auto it = config.find(list.list);
    if (it == config.end() || !it->is_array()) continue;
    for (aws::Document& destination : *it) {
      const std::string arn = destination.value(list.arn_member, "");
      if (!arn.starts_with(list.arn_prefix) || std::count(arn.begin(), arn.end(), ':') < 5) {
        return InvalidArgument("The ARN is not well formed", list.arn_member, arn);
      }
      const aws::Document events = destination.value("Events", aws::Document::array());
      if (events.empty()) return MalformedXmlError();
      for (const aws::Document& event : events) {
        const std::string name = event.is_string() ? event.get<std::string>() : std::string();
        if (std::find(kEventTypes.begin(), kEventTypes.end(), name) == kEventTypes.end()) {
          return InvalidArgument("The event is not supported for notifications", "Event", name);
        }
      }
      SKYBOX_RETURN_IF_ERROR(NormalizeFilter(destination).status());
      if (destination.value("Id", "").empty()) destination["Id"] = GeneratedConfigurationId();
      NotificationRule rule = RuleOf(destination, list);
      for (const NotificationRule& other : accepted) {
        if (RulesOverlap(rule, other)) {
          return InvalidArgument(
              "Configurations overlap. Configurations on the same bucket cannot share a common event type.", "Event",
              rule.events.front());
        }
      }
      accepted.push_back(std::move(rule));
    }
  }
  return config;
}

NotificationRules ParseNotificationRules(const aws::Document& config) {
  NotificationRules parsed;
  if (!config.is_object()) return parsed;
  for (const DestinationList& list : kLists) {
    auto it = config.find(list.list);
    if (it == config.end() || !it->is_array()) continue;
    for (const aws::Document& destination : *it) parsed.rules.push_back(RuleOf(destination, list));
  }
  parsed.eventbridge = config.contains("EventBridgeConfiguration");
  return parsed;
}

bool EventTypeCovers(std::string_view configured, std::string_view event_name) {
  if (!configured.starts_with("s3:")) return false;
  configured.remove_prefix(3);
  if (configured == event_name) return true;
  if (configured.ends_with(":*")) return event_name.starts_with(configured.substr(0, configured.size() - 1));
  // The older spellings ("ObjectCreated:PutObject") name the same events as the current ones.
  return configured.ends_with("Object") && configured.substr(0, configured.size() - 6) == event_name;
}

bool RuleMatches(const NotificationRule& rule, std::string_view event_name, std::string_view key) {
  if (!key.starts_with(rule.prefix) || !key.ends_with(rule.suffix)) return false;
  return std::any_of(rule.events.begin(), rule.events.end(),
                     [&](const std::string& configured) { return EventTypeCovers(configured, event_name); });
}

}  // namespace skybox::s3
