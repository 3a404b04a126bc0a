// S3 POST policy verification (browser-based uploads): the signature of the form's base64
// policy, the policy's expiration, and its conditions against the form fields. SigV4 as below;
// SigV2 forms (AWSAccessKeyId, signature = base64 HMAC-SHA1 of the policy under the secret) are
// accepted too, because boto3's generate_presigned_post still signs them unless told s3v4.
//
//   policy            base64 JSON {"expiration": "2030-01-01T00:00:00Z", "conditions": [...]}
//   x-amz-algorithm   AWS4-HMAC-SHA256
//   x-amz-credential  <access key>/<yyyymmdd>/<region>/s3/aws4_request
//   x-amz-date        the signing time (ISO 8601 basic)
//   x-amz-signature   hex HMAC-SHA256 of the base64 policy under the SigV4 signing key
//
// Conditions: {"field": "value"} and ["eq", "$field", "value"] (exact), ["starts-with",
// "$field", "prefix"] ("" allows any value), ["content-length-range", min, max] (reported to
// the caller, which knows the file's size only at its end). Every form field except policy,
// x-amz-signature, file, x-ignore-* (and SigV2's AWSAccessKeyId, signature) must be named by a
// condition.
//
// Thread-safety: pure functions (the credential store is only read).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/auth/credential_store.h"
#include "base/result.h"

namespace skybox::s3 {

// The ordinary fields of a form: lower-cased names, in arrival order.
using FormFields = std::vector<std::pair<std::string, std::string>>;

// The first field with this lower-case name, or nullptr.
const std::string* FindFormField(const FormFields& fields, std::string_view name);

// InvalidArgument "Bucket POST must contain a field named '<name>'. ..." as S3 words it.
Status MissingFormField(std::string_view name);

// What a valid policy allows beyond the fields it checked.
struct PostPolicyGrant {
  const aws::Credential* credential = nullptr;  // who signed the policy (owned by the store)
  // The inclusive bounds of ["content-length-range", min, max], when the policy has one.
  std::optional<std::pair<uint64_t, uint64_t>> content_length_range;
};

// Verifies the form's policy for an upload to `bucket`, which is in `bucket_region`, at time
// `now`. Fails with S3's error: InvalidArgument (a missing or malformed signing field, or a
// SigV4 x-amz-credential scoped to another region than the bucket's), InvalidAccessKeyId /
// SignatureDoesNotMatch (403), InvalidPolicyDocument (400, a policy that is not base64 JSON of
// the expected shape), AccessDenied (403, "Invalid according to Policy: ..." for an expired
// policy, a failed condition or a field no condition names).
Result<PostPolicyGrant> VerifyPostPolicy(const FormFields& fields, std::string_view bucket,
                                         std::string_view bucket_region, const aws::CredentialStore& credentials,
                                         std::chrono::system_clock::time_point now);

}  // namespace skybox::s3
