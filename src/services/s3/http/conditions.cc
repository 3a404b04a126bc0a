#include "services/s3/http/conditions.h"

#include "base/ascii.h"
#include "base/http_date.h"

namespace skybox::s3 {
namespace {

// How each conditional header is named in S3's <Condition> for a read or a copy source.
struct ConditionNames {
  std::string_view if_match;
  std::string_view if_none_match;
  std::string_view if_modified_since;
  std::string_view if_unmodified_since;
};
constexpr ConditionNames kReadNames = {"If-Match", "If-None-Match", "If-Modified-Since",
                                       "If-Unmodified-Since"};
constexpr ConditionNames kCopyNames = {
    "x-amz-copy-source-If-Match", "x-amz-copy-source-If-None-Match",
    "x-amz-copy-source-If-Modified-Since", "x-amz-copy-source-If-Unmodified-Since"};

std::string_view Unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

ConditionResult Evaluate(const ReadConditions& c, const ObjectState& object,
                         const ConditionNames& names, ConditionOutcome none_match_failure) {
  if (c.if_match) {
    if (!EtagListMatches(*c.if_match, object.etag, /*weak=*/false)) {
      return {ConditionOutcome::kPreconditionFailed, names.if_match};
    }
  } else if (c.if_unmodified_since) {
    std::optional<int64_t> since = ParseHttpDate(*c.if_unmodified_since);
    if (since && object.last_modified > *since) {
      return {ConditionOutcome::kPreconditionFailed, names.if_unmodified_since};
    }
  }
  if (c.if_none_match) {
    if (EtagListMatches(*c.if_none_match, object.etag, /*weak=*/true)) {
      return {none_match_failure, names.if_none_match};
    }
  } else if (c.if_modified_since) {
    std::optional<int64_t> since = ParseHttpDate(*c.if_modified_since);
    if (since && object.last_modified <= *since) {
      return {none_match_failure, names.if_modified_since};
    }
  }
  return {};
}

Status NoSuchKeyError() {
  return Status::Aws(StatusCode::kNotFound, 404, "NoSuchKey", "The specified key does not exist.");
}

}  // namespace

Status NotImplementedHeader() {
  return Status::Aws(StatusCode::kUnimplemented, 501, "NotImplemented",
                     "A header you provided implies functionality that is not implemented");
}

bool EtagListMatches(std::string_view etag_list, std::string_view stored_etag, bool weak) {
  const std::string_view stored = Unquote(stored_etag);
  while (true) {
    size_t comma = etag_list.find(',');
    std::string_view item = TrimBlanks(etag_list.substr(0, comma));
    if (item == "*") return true;
    bool is_weak = item.substr(0, 2) == "W/";
    if (is_weak) item.remove_prefix(2);
    if ((weak || !is_weak) && !item.empty() && Unquote(item) == stored) return true;
    if (comma == std::string_view::npos) return false;
    etag_list.remove_prefix(comma + 1);
  }
}

bool IfRangeMatches(std::string_view if_range, const ObjectState& object) {
  const std::string_view value = TrimBlanks(if_range);
  if (value.starts_with("W/")) return false;  // If-Range compares strongly
  if (value.starts_with('"')) return value.size() >= 2 && value.back() == '"' && Unquote(value) == Unquote(object.etag);
  const std::optional<int64_t> date = ParseHttpDate(value);
  return date && *date == object.last_modified;
}

ConditionResult EvaluateReadConditions(const ReadConditions& conditions, const ObjectState& object) {
  return Evaluate(conditions, object, kReadNames, ConditionOutcome::kNotModified);
}

ConditionResult EvaluateCopySourceConditions(const ReadConditions& conditions,
                                             const ObjectState& object) {
  return Evaluate(conditions, object, kCopyNames, ConditionOutcome::kPreconditionFailed);
}

Status PreconditionFailedError(std::string_view failed_condition) {
  Status st = Status::Aws(StatusCode::kFailedPrecondition, 412, "PreconditionFailed",
                          "At least one of the pre-conditions you specified did not hold");
  return failed_condition.empty() ? st : st.WithDetail("Condition", std::string(failed_condition));
}

Status ValidateWriteConditions(const WriteConditions& conditions) {
  if (conditions.if_match && conditions.if_none_match) return NotImplementedHeader();
  if (conditions.if_none_match && TrimBlanks(*conditions.if_none_match) != "*") {
    return NotImplementedHeader();
  }
  if (conditions.if_match && TrimBlanks(*conditions.if_match) == "*") return NotImplementedHeader();
  return Status::Ok();
}

Status EvaluateWriteConditions(const WriteConditions& conditions,
                               const std::optional<ObjectState>& current) {
  Status valid = ValidateWriteConditions(conditions);
  if (!valid.ok()) return valid;
  if (conditions.if_none_match && current) return PreconditionFailedError("If-None-Match");
  if (conditions.if_match) {
    if (!current) return NoSuchKeyError();
    if (!EtagListMatches(*conditions.if_match, current->etag, /*weak=*/false)) {
      return PreconditionFailedError("If-Match");
    }
  }
  return Status::Ok();
}

Status EvaluateDeleteConditions(const DeleteConditions& conditions,
                                const std::optional<DeletedObjectState>& target) {
  if (!target) {
    if (conditions.if_match) return NoSuchKeyError();
    return Status::Ok();
  }
  if (conditions.if_match && !EtagListMatches(*conditions.if_match, target->etag, /*weak=*/false)) {
    return PreconditionFailedError("If-Match");
  }
  if (conditions.last_modified && *conditions.last_modified != target->last_modified) {
    return PreconditionFailedError("x-amz-if-match-last-modified-time");
  }
  if (conditions.size && (*conditions.size < 0 || static_cast<uint64_t>(*conditions.size) != target->size)) {
    return PreconditionFailedError("x-amz-if-match-size");
  }
  return Status::Ok();
}

Status ConditionalRequestConflictError() {
  return Status::Aws(StatusCode::kAborted, 409, "ConditionalRequestConflict",
                     "The conditional request cannot succeed due to a conflicting operation "
                     "against this resource.");
}

}  // namespace skybox::s3
