#include "services/s3/config/lifecycle_rules.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "services/s3/config/config_kinds.h"
#include "services/s3/config/config_store.h"
#include "services/s3/config/config_validation.h"

namespace skybox::s3 {
namespace {

using Doc = aws::Document;

Status InvalidArgument(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument", std::move(message));
}
Status InvalidRequest(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest", std::move(message));
}

std::optional<int64_t> IntMember(const Doc& doc, const char* name) {
  auto it = doc.find(name);
  if (it == doc.end() || !it->is_number()) return std::nullopt;
  return it->get<int64_t>();
}

// Timestamps arrive as (possibly fractional) seconds since the epoch.
std::optional<double> DateMember(const Doc& doc) {
  auto it = doc.find("Date");
  if (it == doc.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

bool AtMidnightUtc(double seconds) { return std::fmod(seconds, 86400.0) == 0.0; }

LifecycleTime ToTime(double seconds) {
  return LifecycleTime(std::chrono::duration_cast<LifecycleClock::duration>(std::chrono::duration<double>(seconds)));
}

Status ParseTags(const Doc& tags, std::vector<std::pair<std::string, std::string>>& out) {
  std::set<std::string> keys;
  for (const Doc& tag : tags) {
    std::string key = tag.value("Key", "");
    if (!keys.insert(key).second) return InvalidRequest("Duplicate Tag Keys are not allowed.");
    out.emplace_back(std::move(key), tag.value("Value", ""));
  }
  return Status::Ok();
}

void ParseSizes(const Doc& doc, LifecycleFilter& filter) {
  if (auto gt = IntMember(doc, "ObjectSizeGreaterThan")) filter.size_greater_than = static_cast<uint64_t>(*gt);
  if (auto lt = IntMember(doc, "ObjectSizeLessThan")) filter.size_less_than = static_cast<uint64_t>(*lt);
}

Result<LifecycleFilter> ParseFilter(const Doc& rule) {
  LifecycleFilter filter;
  const bool has_prefix = rule.contains("Prefix");
  const bool has_filter = rule.contains("Filter");
  if (has_prefix == has_filter) return MalformedXmlError();
  if (has_prefix) {
    filter.prefix = rule.value("Prefix", "");
    return filter;
  }
  const Doc& f = rule["Filter"];
  int conditions = 0;
  for (const char* member : {"Prefix", "Tag", "And", "ObjectSizeGreaterThan", "ObjectSizeLessThan"}) {
    conditions += f.contains(member) ? 1 : 0;
  }
  if (conditions > 1) return MalformedXmlError();
  filter.prefix = f.value("Prefix", "");
  if (f.contains("Tag")) SKYBOX_RETURN_IF_ERROR(ParseTags(Doc::array({f["Tag"]}), filter.tags));
  ParseSizes(f, filter);
  if (f.contains("And")) {
    const Doc& conj = f["And"];
    // An And joins two predicates or more (each tag counts as one); S3 refuses fewer as MalformedXML.
    size_t predicates = conj.is_object() && conj.contains("Tags") && conj["Tags"].is_array() ? conj["Tags"].size() : 0;
    for (const char* member : {"Prefix", "ObjectSizeGreaterThan", "ObjectSizeLessThan"}) {
      predicates += conj.is_object() && conj.contains(member) ? 1 : 0;
    }
    if (predicates < 2) return MalformedXmlError();
    filter.prefix = conj.value("Prefix", "");
    SKYBOX_RETURN_IF_ERROR(ParseTags(conj.value("Tags", Doc::array()), filter.tags));
    ParseSizes(conj, filter);
  }
  return filter;
}

Status ParseExpiration(const Doc& expiration, LifecycleRule& rule) {
  const auto days = IntMember(expiration, "Days");
  const auto date = DateMember(expiration);
  const bool marker = expiration.contains("ExpiredObjectDeleteMarker");
  if ((days && date) || (marker && (days || date)) || (!days && !date && !marker)) return MalformedXmlError();
  if (days && *days <= 0) return InvalidArgument("'Days' for Expiration action must be a positive integer");
  if (date && !AtMidnightUtc(*date)) return InvalidArgument("'Date' must be at midnight GMT");
  rule.expiration_days = days;
  if (date) rule.expiration_date = ToTime(*date);
  rule.expired_object_delete_marker = expiration.value("ExpiredObjectDeleteMarker", false);
  return Status::Ok();
}

// How S3's lifecycle messages name a rule's filter.
std::string FilterText(const LifecycleFilter& filter) { return "'(prefix=" + filter.prefix + ")'"; }

bool IsInfrequentAccess(std::string_view storage_class) {
  return storage_class == "STANDARD_IA" || storage_class == "ONEZONE_IA";
}

// The Transition (current versions) or NoncurrentVersionTransition actions of a rule, checked as
// S3 checks them. `latest_days` is the largest Days / NoncurrentDays among them (for the
// expiration that must come later); `days`/`dates` whether any is dated either way.
struct TransitionSummary {
  std::optional<int64_t> latest_days;
  bool days = false, dates = false;
};

Result<TransitionSummary> CheckTransitions(const Doc& transitions, bool noncurrent) {
  const char* action = noncurrent ? "NoncurrentVersionTransition" : "Transition";
  const char* days_member = noncurrent ? "NoncurrentDays" : "Days";
  TransitionSummary summary;
  std::set<std::string> classes;
  // The model's TransitionStorageClass.
  static const std::set<std::string, std::less<>> kClasses = {"GLACIER",      "STANDARD_IA", "ONEZONE_IA",
                                                              "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"};
  for (const Doc& t : transitions) {
    const std::string storage_class = t.value("StorageClass", "");
    if (!kClasses.contains(storage_class)) return MalformedXmlError();
    const auto days = IntMember(t, days_member);
    const auto date = noncurrent ? std::nullopt : DateMember(t);
    if (days.has_value() == date.has_value()) return MalformedXmlError();  // exactly one of them
    if (days && *days < 0) {
      return InvalidArgument(std::string("'") + days_member + "' for " + action + " action must be a nonnegative integer");
    }
    if (days && *days < 30 && IsInfrequentAccess(storage_class)) {
      return InvalidArgument(std::string("'") + days_member + "' in " + action +
                             " action must be greater than or equal to 30 for storageClass '" + storage_class + "'");
    }
    if (date && !AtMidnightUtc(*date)) return InvalidArgument("'Date' must be at midnight GMT");
    if (!classes.insert(storage_class).second) {
      return InvalidArgument(std::string("'StorageClass' must be different for '") + action +
                             "' actions in same 'Rule'");
    }
    if (days) summary.latest_days = std::max(summary.latest_days.value_or(0), *days);
    summary.days = summary.days || days.has_value();
    summary.dates = summary.dates || date.has_value();
  }
  return summary;
}

// An expiration must come after the transitions of the same versions, dated the same way.
Status CheckExpirationAfterTransitions(const LifecycleRule& rule, const TransitionSummary& current,
                                       const TransitionSummary& noncurrent) {
  const bool days = current.days || rule.expiration_days.has_value();
  const bool dates = current.dates || rule.expiration_date.has_value();
  if (days && dates) {
    return InvalidRequest("Found mixed 'Date' and 'Days' based Expiration and Transition actions in lifecycle rule for "
                          "filter " + FilterText(rule.filter));
  }
  if (rule.expiration_days && current.latest_days && *rule.expiration_days <= *current.latest_days) {
    return InvalidArgument("'Days' in the Expiration action for filter " + FilterText(rule.filter) +
                           " must be greater than 'Days' in the Transition action");
  }
  if (rule.noncurrent_days && noncurrent.latest_days && *rule.noncurrent_days <= *noncurrent.latest_days) {
    return InvalidArgument("'NoncurrentDays' in the NoncurrentVersionExpiration action for filter " +
                           FilterText(rule.filter) +
                           " must be greater than 'NoncurrentDays' in the NoncurrentVersionTransition action");
  }
  return Status::Ok();
}

Result<LifecycleRule> ParseRule(const Doc& in) {
  LifecycleRule rule;
  rule.id = in.value("ID", "");
  if (rule.id.size() > 255) return InvalidArgument("ID length should not exceed allowed limit of 255");
  const std::string status = in.value("Status", "");
  if (status != "Enabled" && status != "Disabled") return MalformedXmlError();
  rule.enabled = status == "Enabled";
  SKYBOX_ASSIGN_OR_RETURN(rule.filter, ParseFilter(in));
  bool any_action = false;
  if (in.contains("Expiration")) {
    any_action = true;
    SKYBOX_RETURN_IF_ERROR(ParseExpiration(in["Expiration"], rule));
  }
  TransitionSummary transitions, noncurrent_transitions;
  if (in.contains("Transitions")) {
    any_action = true;
    SKYBOX_ASSIGN_OR_RETURN(transitions, CheckTransitions(in["Transitions"], /*noncurrent=*/false));
  }
  if (in.contains("NoncurrentVersionTransitions")) {
    any_action = true;
    SKYBOX_ASSIGN_OR_RETURN(noncurrent_transitions,
                            CheckTransitions(in["NoncurrentVersionTransitions"], /*noncurrent=*/true));
  }
  if (in.contains("NoncurrentVersionExpiration")) {
    any_action = true;
    const Doc& nve = in["NoncurrentVersionExpiration"];
    rule.noncurrent_days = IntMember(nve, "NoncurrentDays");
    rule.newer_noncurrent_versions = IntMember(nve, "NewerNoncurrentVersions");
    if (!rule.noncurrent_days) return MalformedXmlError();
    if (*rule.noncurrent_days <= 0) {
      return InvalidArgument("'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
    }
    if (rule.newer_noncurrent_versions && *rule.newer_noncurrent_versions <= 0) {
      return InvalidArgument(
          "'NewerNoncurrentVersions' for NoncurrentVersionExpiration action must be a positive integer");
    }
  }
  if (in.contains("AbortIncompleteMultipartUpload")) {
    any_action = true;
    rule.abort_incomplete_upload_days = IntMember(in["AbortIncompleteMultipartUpload"], "DaysAfterInitiation");
    if (!rule.abort_incomplete_upload_days) return MalformedXmlError();
    if (*rule.abort_incomplete_upload_days <= 0) {
      return InvalidArgument(
          "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
    }
    if (!rule.filter.tags.empty()) return InvalidRequest("AbortIncompleteMultipartUpload cannot be specified with Tags.");
    if (rule.filter.size_greater_than || rule.filter.size_less_than) {
      return InvalidRequest("AbortIncompleteMultipartUpload cannot be specified with Object Size.");
    }
  }
  if (!any_action) return InvalidRequest("At least one action needs to be specified in a rule");
  SKYBOX_RETURN_IF_ERROR(CheckExpirationAfterTransitions(rule, transitions, noncurrent_transitions));
  return rule;
}

bool Matches(const LifecycleFilter& filter, std::string_view key, const std::map<std::string, std::string>* tags,
             uint64_t size) {
  if (!key.starts_with(filter.prefix)) return false;
  for (const auto& [k, v] : filter.tags) {
    if (tags == nullptr) return false;
    auto it = tags->find(k);
    if (it == tags->end() || it->second != v) return false;
  }
  if (filter.size_greater_than && !(size > *filter.size_greater_than)) return false;
  if (filter.size_less_than && !(size < *filter.size_less_than)) return false;
  return true;
}

// Whether the rule's Expiration (Days or Date) is due for something created at `start`.
bool ExpirationDue(const LifecycleRule& rule, LifecycleTime start, LifecycleTime now) {
  if (rule.expiration_days && DueAfterDays(start, *rule.expiration_days) <= now) return true;
  return rule.expiration_date && *rule.expiration_date <= now;
}

LifecycleAction Apply(const LifecycleRule& rule, const ObjectVersionFacts& object, LifecycleTime now) {
  if (object.is_current && !object.is_delete_marker) {
    return ExpirationDue(rule, object.last_modified, now) ? LifecycleAction::kExpireCurrent : LifecycleAction::kNone;
  }
  if (object.is_current) {  // a current delete marker
    if (object.has_noncurrent_versions) return LifecycleAction::kNone;
    const bool due = rule.expired_object_delete_marker || ExpirationDue(rule, object.last_modified, now);
    return due ? LifecycleAction::kRemoveDeleteMarker : LifecycleAction::kNone;
  }
  if (!rule.noncurrent_days || !object.noncurrent_since) return LifecycleAction::kNone;
  if (DueAfterDays(*object.noncurrent_since, *rule.noncurrent_days) > now) return LifecycleAction::kNone;
  if (rule.newer_noncurrent_versions && object.newer_noncurrent_versions < *rule.newer_noncurrent_versions) {
    return LifecycleAction::kNone;
  }
  return LifecycleAction::kDeleteNoncurrent;
}

}  // namespace

LifecycleTime DueAfterDays(LifecycleTime start, int64_t days) {
  // The clock counts nanoseconds up to 2262; an action due later than that is due at the last
  // midnight the clock can count, which nothing reaches.
  const int64_t room = (LifecycleTime::max() - std::max(start, LifecycleTime())) / std::chrono::days(1) - 1;
  if (days > room) return std::chrono::floor<std::chrono::days>(LifecycleTime::max());
  const LifecycleTime t = start + std::chrono::days(days);
  const LifecycleTime midnight = std::chrono::floor<std::chrono::days>(t);
  return midnight == t ? t : midnight + std::chrono::days(1);
}

Result<std::vector<LifecycleRule>> ParseLifecycleRules(const aws::Document& config) {
  auto it = config.find("Rules");
  if (it == config.end() || !it->is_array() || it->empty() || it->size() > 1000) return MalformedXmlError();
  std::vector<LifecycleRule> rules;
  std::set<std::string> ids;
  for (const Doc& in : *it) {
    SKYBOX_ASSIGN_OR_RETURN(LifecycleRule rule, ParseRule(in));
    if (!rule.id.empty() && !ids.insert(rule.id).second) {
      return InvalidArgument("Rule ID must be unique. Found same ID for more than one rule");
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

Result<std::vector<LifecycleRule>> ReadLifecycleRules(storage::Store& store, storage::Namespace ns,
                                                      std::string_view bucket) {
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> config, ReadBucketConfig(store, ns, bucket, "lifecycle"));
  if (!config) return std::vector<LifecycleRule>();
  auto rules = ParseLifecycleRules(*config);
  if (!rules.ok()) return Status(StatusCode::kDataLoss, "stored lifecycle configuration: " + rules.status().message());
  return rules;
}

// S3's TransitionDefaultMinimumObjectSize since September 2024.
constexpr std::string_view kDefaultMinimumSize = "all_storage_classes_128K";

Result<aws::Document> BuildLifecycleConfiguration(const aws::Call& put, const SiblingConfigReader&) {
  auto payload = put.input.find("LifecycleConfiguration");
  if (payload == put.input.end()) return MalformedXmlError();
  aws::Document config = *payload;
  const std::string minimum = put.input.value("TransitionDefaultMinimumObjectSize", std::string(kDefaultMinimumSize));
  if (minimum != kDefaultMinimumSize && minimum != "varies_by_storage_class") {
    return InvalidRequest("Invalid TransitionDefaultMinimumObjectSize found: " + minimum);
  }
  config["TransitionDefaultMinimumObjectSize"] = minimum;
  return config;
}

aws::Document PresentLifecycleConfiguration(aws::Document stored, const aws::Call&) {
  if (!stored.contains("TransitionDefaultMinimumObjectSize")) {
    stored["TransitionDefaultMinimumObjectSize"] = kDefaultMinimumSize;
  }
  return stored;
}

Result<aws::Document> NormalizeLifecycleConfiguration(aws::Document config) {
  SKYBOX_RETURN_IF_ERROR(ParseLifecycleRules(config).status());
  for (Doc& rule : config["Rules"]) {
    if (rule.value("ID", "").empty()) rule["ID"] = GeneratedConfigurationId();
  }
  return config;
}

LifecycleDecision EvaluateObject(const std::vector<LifecycleRule>& rules, const ObjectVersionFacts& object,
                                 LifecycleTime now) {
  for (const LifecycleRule& rule : rules) {
    if (!rule.enabled || !Matches(rule.filter, object.key, object.tags, object.size)) continue;
    const LifecycleAction action = Apply(rule, object, now);
    if (action != LifecycleAction::kNone) return {action, rule.id};
  }
  return {};
}

std::optional<ScheduledExpiration> CurrentVersionExpiration(const std::vector<LifecycleRule>& rules,
                                                            const ObjectVersionFacts& object) {
  std::optional<ScheduledExpiration> earliest;
  for (const LifecycleRule& rule : rules) {
    if (!rule.enabled || !Matches(rule.filter, object.key, object.tags, object.size)) continue;
    std::optional<LifecycleTime> at;
    if (rule.expiration_days) at = DueAfterDays(object.last_modified, *rule.expiration_days);
    if (rule.expiration_date) at = *rule.expiration_date;
    if (at && (!earliest || *at < earliest->at)) earliest = ScheduledExpiration{*at, rule.id};
  }
  return earliest;
}

std::optional<UploadAbort> UploadAbortOf(const std::vector<LifecycleRule>& rules, std::string_view key,
                                         LifecycleTime initiated) {
  std::optional<UploadAbort> earliest;
  for (const LifecycleRule& rule : rules) {
    const LifecycleFilter& f = rule.filter;
    if (!rule.enabled || !rule.abort_incomplete_upload_days || !f.tags.empty() || f.size_greater_than ||
        f.size_less_than || !key.starts_with(f.prefix)) {
      continue;
    }
    LifecycleTime at = DueAfterDays(initiated, *rule.abort_incomplete_upload_days);
    if (!earliest || at < earliest->at) earliest = UploadAbort{rule.id, at};
  }
  return earliest;
}

std::optional<std::string> UploadAbortRule(const std::vector<LifecycleRule>& rules, std::string_view key,
                                           LifecycleTime initiated, LifecycleTime now) {
  auto abort = UploadAbortOf(rules, key, initiated);
  if (!abort || abort->at > now) return std::nullopt;
  return abort->rule_id;
}

}  // namespace skybox::s3
