// Feeds arbitrary bytes to PutBucketPolicy's checks (s3::NormalizePolicy: JSON, then the
// statement grammar of bucket_policy_grammar.h) for bucket "site", and what they accept to
// GetBucketPolicyStatus's judgement. Nothing may crash, hang or throw; a refusal is always
// MalformedPolicy (400), and an accepted policy is stored as sent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "services/s3/config/config_validation.h"
#include "services/s3/config/policy_status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string policy(reinterpret_cast<const char*>(data), size);
  auto normalized = skybox::s3::NormalizePolicy(skybox::aws::Document(policy), "site");
  if (!normalized.ok()) {
    if (normalized.status().aws_code() != "MalformedPolicy" || normalized.status().http_status() != 400) std::abort();
    return 0;
  }
  if (!normalized->is_string() || normalized->get_ref<const std::string&>() != policy) std::abort();
  skybox::s3::BucketPolicyIsPublic(policy);
  return 0;
}
