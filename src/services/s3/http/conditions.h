// S3 conditional requests: evaluating If-Match / If-None-Match / If-Modified-Since /
// If-Unmodified-Since on reads (GetObject, HeadObject), their x-amz-copy-source-if-* twins
// on copies (CopyObject, UploadPartCopy), the conditional writes If-None-Match: * /
// If-Match: <etag> (PutObject, CompleteMultipartUpload, CopyObject's destination), and the
// conditional deletes (DeleteObject's If-Match, x-amz-if-match-last-modified-time and
// x-amz-if-match-size; a DeleteObjects entry's ETag, LastModifiedTime and Size).
//
// Reads follow RFC 9110 §13.2.2 as S3 documents it:
//   1. If-Match present: false -> 412 (a true If-Match makes S3 skip If-Unmodified-Since,
//      so If-Match true + If-Unmodified-Since false is still 200);
//   2. else If-Unmodified-Since (valid date): modified after it -> 412;
//   3. If-None-Match present: an ETag matches -> 304 (a false If-None-Match makes S3 skip
//      If-Modified-Since, so If-None-Match false + If-Modified-Since true is 304);
//   4. else If-Modified-Since (valid date): not modified since -> 304.
// Copies apply the same order with 412 in place of 304. ETag lists are comma-separated,
// quotes optional, `*` matches any object; If-Match compares strongly (a W/ tag never
// matches), If-None-Match weakly. Malformed dates are ignored.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace skybox::s3 {

// The raw values of the four conditional headers (absent = nullopt). For copies, fill it
// from x-amz-copy-source-if-match, -if-none-match, -if-modified-since, -if-unmodified-since.
struct ReadConditions {
  std::optional<std::string_view> if_match;
  std::optional<std::string_view> if_none_match;
  std::optional<std::string_view> if_modified_since;
  std::optional<std::string_view> if_unmodified_since;
};

// The object the conditions are evaluated against.
struct ObjectState {
  std::string_view etag;  // as stored, quoted: "\"9b2cf535f27731c974343645a3985328\""
  int64_t last_modified;  // seconds since the epoch (HTTP dates have 1 s resolution)
};

enum class ConditionOutcome {
  kProceed,             // serve / copy
  kNotModified,         // 304, no body (reads only)
  kPreconditionFailed,  // 412 PreconditionFailedError(failed_condition)
};

struct ConditionResult {
  ConditionOutcome outcome = ConditionOutcome::kProceed;
  // The header that decided a 304/412, spelled as S3 reports it in <Condition>
  // ("If-Match", "x-amz-copy-source-If-Unmodified-Since", ...); empty on kProceed.
  std::string_view failed_condition;
};

// GetObject / HeadObject: kProceed, kNotModified or kPreconditionFailed.
ConditionResult EvaluateReadConditions(const ReadConditions& conditions, const ObjectState& object);

// CopyObject / UploadPartCopy source: kProceed or kPreconditionFailed (never 304).
ConditionResult EvaluateCopySourceConditions(const ReadConditions& conditions,
                                             const ObjectState& object);

// 412 PreconditionFailed "At least one of the pre-conditions you specified did not hold",
// naming the failed header in <Condition> when given (ConditionResult::failed_condition).
Status PreconditionFailedError(std::string_view failed_condition = {});

// Conditional writes: the request's If-Match / If-None-Match headers.
struct WriteConditions {
  std::optional<std::string_view> if_match;
  std::optional<std::string_view> if_none_match;
};

// 501 NotImplemented "A header you provided implies functionality that is not implemented": a
// header asks for something S3 (or Skybox) does not do here.
Status NotImplementedHeader();

// Header-only checks S3 makes before looking at the object (call before reading a body):
// both headers together, If-None-Match other than `*`, or If-Match: `*` ->
// 501 NotImplemented "A header you provided implies functionality that is not implemented".
Status ValidateWriteConditions(const WriteConditions& conditions);

// Evaluates conditional-write headers against the key's current object (nullopt when there is
// none or the current version is a delete marker). OK means write. Errors, as S3:
//   ValidateWriteConditions' 501s;
//   If-None-Match: * and an object exists -> 412 PreconditionFailed;
//   If-Match and no object               -> 404 NoSuchKey "The specified key does not exist.";
//   If-Match and a different ETag        -> 412 PreconditionFailed.
// The check must be atomic with the commit: when another write or delete of the key commits
// between this evaluation and the caller's commit (or, for CompleteMultipartUpload, after the
// upload was created), answer ConditionalRequestConflictError() instead.
Status EvaluateWriteConditions(const WriteConditions& conditions,
                               const std::optional<ObjectState>& current);

// Conditional deletes. Absent = nullopt; `last_modified` in seconds since the epoch (the
// header is an HTTP date; a DeleteObjects time is compared to the second as well).
struct DeleteConditions {
  std::optional<std::string> if_match;
  std::optional<int64_t> last_modified;
  std::optional<int64_t> size;
  // Not from the wire: the delete must find exactly the version stored at this sequence, and
  // (when set) that version must still be current or still be noncurrent -- a background job
  // deleting what it judged (object_commit.h checks both, 412 otherwise).
  std::optional<uint64_t> version_seq;
  std::optional<bool> version_is_current;
};

// What a conditional delete is checked against: the version the delete would remove or hide
// (the current one, or the one a version id names).
struct DeletedObjectState {
  std::string_view etag;  // as stored, quoted
  int64_t last_modified;  // seconds since the epoch
  uint64_t size;
};

// Evaluates a delete's conditions against `target` (nullopt when there is none or it is a
// delete marker). OK means delete. Errors, as S3:
//   If-Match and no object                               -> 404 NoSuchKey;
//   If-Match naming another ETag (`*` names any object)  -> 412 PreconditionFailed;
//   a modification time or size the object does not have -> 412 PreconditionFailed.
// Without If-Match, a missing object passes (deleting nothing succeeds, as without conditions).
// The check must run with the key's writers held, in the same batch as the delete.
Status EvaluateDeleteConditions(const DeleteConditions& conditions,
                                const std::optional<DeletedObjectState>& target);

// 409 ConditionalRequestConflict "The conditional request cannot succeed due to a conflicting
// operation against this resource." (retryable; code kAborted).
Status ConditionalRequestConflictError();

// True when an If-Range value lets a Range apply (RFC 9110 §13.1.5): a strong entity tag equal
// to the object's, or an HTTP date equal to its Last-Modified. Anything else (a weak or other
// tag, another or malformed date) means the whole object is sent, 200, instead of the range.
bool IfRangeMatches(std::string_view if_range, const ObjectState& object);

// True when `etag_list` (an If-Match / If-None-Match value) names `stored_etag`.
// `weak` selects weak comparison (W/ prefixes ignored) as If-None-Match uses.
bool EtagListMatches(std::string_view etag_list, std::string_view stored_etag, bool weak);

}  // namespace skybox::s3
