// S3 lifecycle rules: validating a PutBucketLifecycleConfiguration document the way S3 does,
// and deciding, for the S3 core's expiry worker, what a rule set does to an object version or
// an incomplete multipart upload at a given time. Transitions are validated and stored but
// never acted on (Skybox has one storage class).
//
// Timing follows S3: a "Days"-based action is due at the first midnight UTC at or after
// (start + Days); a "Date" action is due from that date (always midnight UTC).
//
// Thread-safety: pure functions and value types.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/protocol/document.h"
#include "aws/service.h"
#include "base/result.h"
#include "services/s3/config/config_kinds.h"
#include "storage/store.h"

namespace skybox::s3 {

using LifecycleClock = std::chrono::system_clock;
using LifecycleTime = LifecycleClock::time_point;

struct LifecycleFilter {
  std::string prefix;
  std::vector<std::pair<std::string, std::string>> tags;  // all must be on the object
  std::optional<uint64_t> size_greater_than;
  std::optional<uint64_t> size_less_than;
};

struct LifecycleRule {
  std::string id;
  bool enabled = false;
  LifecycleFilter filter;
  std::optional<int64_t> expiration_days;
  std::optional<LifecycleTime> expiration_date;
  bool expired_object_delete_marker = false;
  std::optional<int64_t> noncurrent_days;
  std::optional<int64_t> newer_noncurrent_versions;  // keep this many newer noncurrent versions
  std::optional<int64_t> abort_incomplete_upload_days;
};

// Checks a LifecycleConfiguration document {Rules: [...]} as S3 does (MalformedXML,
// InvalidArgument, InvalidRequest with S3's messages) and gives rules without an ID a
// generated one. Returns the document to store.
Result<aws::Document> NormalizeLifecycleConfiguration(aws::Document config);

// The document a PutBucketLifecycleConfiguration stores, before NormalizeLifecycleConfiguration:
// its LifecycleConfiguration with the x-amz-transition-default-minimum-object-size header as
// member TransitionDefaultMinimumObjectSize (all_storage_classes_128K when left out, S3's
// default since September 2024; 400 InvalidRequest for another value). Transitions are not
// applied, so the setting is only kept and reported.
Result<aws::Document> BuildLifecycleConfiguration(const aws::Call& put, const SiblingConfigReader& read);
// A stored lifecycle document as Get answers it: one stored before the setting was kept reports
// the default.
aws::Document PresentLifecycleConfiguration(aws::Document stored, const aws::Call& get);

// The rules of a stored (normalized) lifecycle document. Fails like
// NormalizeLifecycleConfiguration on a document that does not validate.
Result<std::vector<LifecycleRule>> ParseLifecycleRules(const aws::Document& config);

// The rules of `bucket`'s stored lifecycle configuration; empty when it has none. kDataLoss
// when the stored document is unreadable or no longer validates.
Result<std::vector<LifecycleRule>> ReadLifecycleRules(storage::Store& store, storage::Namespace ns,
                                                      std::string_view bucket);

// One version of an object, as the expiry worker sees it.
struct ObjectVersionFacts {
  std::string_view key;
  const std::map<std::string, std::string>* tags = nullptr;  // nullptr: no tags
  uint64_t size = 0;
  LifecycleTime last_modified;
  bool is_current = true;
  bool is_delete_marker = false;
  // Noncurrent versions only: when it became noncurrent (its successor's creation time).
  std::optional<LifecycleTime> noncurrent_since;
  // Noncurrent versions only: how many noncurrent versions of the key are newer than it.
  int64_t newer_noncurrent_versions = 0;
  // Current delete markers only: whether any noncurrent version of the key remains.
  bool has_noncurrent_versions = false;
};

enum class LifecycleAction {
  kNone,
  // The current version expires: deleted in an unversioned bucket; in a versioned (or
  // suspended) bucket a delete marker is placed on top of it.
  kExpireCurrent,
  // A noncurrent version is deleted permanently.
  kDeleteNoncurrent,
  // A current delete marker with no other version left ("expired object delete marker") is
  // removed.
  kRemoveDeleteMarker,
};

struct LifecycleDecision {
  LifecycleAction action = LifecycleAction::kNone;
  std::string rule_id;  // the rule that decided it
};

// What the enabled rules in `rules` do to `object` at `now` (the first applicable rule wins).
LifecycleDecision EvaluateObject(const std::vector<LifecycleRule>& rules, const ObjectVersionFacts& object,
                                 LifecycleTime now);

// When the current version described by `object` expires under `rules`, and by which rule: the
// earliest Expiration (Days after its creation, or Date) of the enabled rules that match it;
// std::nullopt when none does. S3 reports it as the x-amz-expiration header.
struct ScheduledExpiration {
  LifecycleTime at;
  std::string rule_id;
};
std::optional<ScheduledExpiration> CurrentVersionExpiration(const std::vector<LifecycleRule>& rules,
                                                            const ObjectVersionFacts& object);

// When an incomplete multipart upload of `key` started at `initiated` is to be aborted, and
// under which enabled rule: the earliest AbortIncompleteMultipartUpload that applies;
// std::nullopt when none does. Rules with tag or size filters never apply to uploads (S3
// refuses them with AbortIncompleteMultipartUpload).
struct UploadAbort {
  std::string rule_id;
  LifecycleTime at;
};
std::optional<UploadAbort> UploadAbortOf(const std::vector<LifecycleRule>& rules, std::string_view key,
                                         LifecycleTime initiated);

// The ID of the rule under which that upload must be aborted at `now`; std::nullopt when none.
std::optional<std::string> UploadAbortRule(const std::vector<LifecycleRule>& rules, std::string_view key,
                                           LifecycleTime initiated, LifecycleTime now);

// When a "Days"-based action started at `start` is due: the first midnight UTC at or after
// start + days; beyond what the clock can count, the last midnight it can (2262-04-11: never).
LifecycleTime DueAfterDays(LifecycleTime start, int64_t days);

}  // namespace skybox::s3
