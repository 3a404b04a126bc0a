// Feeds arbitrary bytes to iam::EvaluateForAnonymous as a resource policy (what PutBucketPolicy
// stores and every anonymous S3 read evaluates), against a few fixed requests. Nothing may
// crash, hang or throw, and every answer is one of the three decisions.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "iam/policy_evaluation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using skybox::iam::Decision;
  using skybox::iam::EvaluateForAnonymous;
  using skybox::iam::RequestFacts;
  std::string_view policy(reinterpret_cast<const char*>(data), size);
  RequestFacts read{"s3:GetObject", "arn:aws:s3:::site/a/b.txt",
                    {{"aws:sourceip", "127.0.0.1"}, {"aws:securetransport", "false"}, {"aws:referer", "https://x/"}}};
  RequestFacts list{"s3:ListBucket", "arn:aws:s3:::site", {{"s3:prefix", "a/"}, {"aws:sourceip", "not-an-ip"}}};
  for (const RequestFacts& request : {read, list}) {
    Decision d = EvaluateForAnonymous(policy, request);
    if (d != Decision::kAllow && d != Decision::kImplicitDeny && d != Decision::kExplicitDeny) std::abort();
  }
  skybox::iam::PolicyPatternMatches(policy.substr(0, size / 2), policy.substr(size / 2), size % 2 == 0);
  return 0;
}
