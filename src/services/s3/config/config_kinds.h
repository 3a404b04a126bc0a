// The table behind every bucket configuration operation: for each sub-resource, which
// operations serve it, which input member carries the document, how it is checked, what Get
// answers when it was never set, and how the stored document becomes Get's output.
// bucket_config_ops.cc runs one generic Put/Get/Delete over these rows.
//
// Thread-safety: the table is immutable static data; the hooks are pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "aws/service.h"
#include "base/result.h"

namespace skybox::s3 {

// Reads another configuration of the same bucket (std::nullopt when unset).
using SiblingConfigReader = std::function<Result<std::optional<aws::Document>>(std::string_view name)>;

// What Get answers for a configuration that was never set: an AWS 404 error (aws_code set),
// or else the document `default_config` yields (in stored form).
struct AbsentAnswer {
  std::string_view aws_code;
  std::string_view message;
  aws::Document (*default_config)(const aws::Call& get) = nullptr;
};

struct ConfigKind {
  std::string_view name;  // key suffix under BucketConfigPrefix
  std::string_view put_operation;     // empty: Skybox does not serve S3's Put (Get answers `absent`)
  std::string_view get_operation;
  std::string_view delete_operation;  // empty: S3 offers no Delete for this sub-resource
  std::string_view payload_member;    // the Put input member holding the document
  // true: Get's output is {payload_member: document}; false: the document's members are
  // Get's output members (e.g. Tagging {TagSet} -> GetBucketTaggingOutput {TagSet}).
  bool output_wraps_payload;
  AbsentAnswer absent;
  // Checks (and may complete, e.g. rule IDs) the configuration a Put received; the result is
  // what is stored. nullptr: the model's validation by the codec suffices.
  Result<aws::Document> (*normalize)(aws::Document config) = nullptr;
  // Builds the document from the whole Put call instead of taking payload_member (for
  // sub-resources set through headers, or merged with what is stored).
  Result<aws::Document> (*build)(const aws::Call& put, const SiblingConfigReader& read) = nullptr;
  // Completes a stored document for Get's output (e.g. the ACL's owner). nullptr: as stored.
  aws::Document (*present)(aws::Document stored, const aws::Call& get) = nullptr;
  // S3's HTTP status for a successful Put when the model's differs (204 for policy and
  // tagging); 0 keeps the model's.
  int put_status = 0;
  // A member of the stored document that Put's output also carries (lifecycle's
  // TransitionDefaultMinimumObjectSize header). Empty: Put's output is empty.
  std::string_view put_output_member;
  // Checks the buckets the stored document names (e.g. the logging target) with
  // `require_bucket` (OK when that bucket exists). nullptr: it names none.
  Status (*check_named_buckets)(const aws::Document& config,
                                const std::function<Status(std::string_view bucket)>& require_bucket) = nullptr;
};

const std::vector<ConfigKind>& BucketConfigKinds();
// The row named `name` (a ConfigKind::name of the table); a name not in the table is a bug.
const ConfigKind& FindBucketConfigKind(std::string_view name);

// S3's MalformedXML error, which most schema-level violations of a configuration answer.
Status MalformedXmlError();
// S3's 403 AccessDenied ("Access Denied"): a wrong ExpectedBucketOwner (bucket_owner.h), a
// write Block Public Access refuses.
Status AccessDeniedError();
// S3's 400 InvalidTag with `message`: a bucket's or an object's tag breaking S3's rules.
Status InvalidTagError(std::string message);

}  // namespace skybox::s3
