// Feeds arbitrary bytes to iam::EvaluateForAnonymous as a resource policy (what PutBucketPolicy
// stores and every anonymous S3 read evaluates), against a few fixed requests. Nothing may
// crash, hang or throw, and IAM's invariants hold: a document without an Allow statement never
// allows, and appending a Deny of everything to everyone always denies.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "iam/policy_evaluation.h"

namespace {

using skybox::iam::Decision;
using skybox::iam::EvaluateForAnonymous;
using skybox::iam::RequestFacts;

void Check(bool holds) {
  if (!holds) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view policy(reinterpret_cast<const char*>(data), size);
  RequestFacts read{"s3:GetObject", "arn:aws:s3:::site/a/b.txt",
                    {{"aws:sourceip", "127.0.0.1"}, {"aws:securetransport", "false"}, {"aws:referer", "https://x/"}},
                    {"aws:useragent", "s3:prefix"}};
  RequestFacts list{"s3:ListBucket", "arn:aws:s3:::site", {{"s3:prefix", "a/"}, {"aws:sourceip", "::ffff:10.0.0.1"}}, {}};
  nlohmann::json parsed = nlohmann::json::parse(policy, nullptr, /*allow_exceptions=*/false);
  const bool mentions_allow = !parsed.is_discarded() && parsed.dump().find("\"Allow\"") != std::string::npos;
  for (const RequestFacts& request : {read, list}) {
    Decision decision = EvaluateForAnonymous(policy, request);
    Check(decision == Decision::kAllow || decision == Decision::kImplicitDeny || decision == Decision::kExplicitDeny);
    if (!mentions_allow) Check(decision != Decision::kAllow);
    if (parsed.is_object() && parsed.contains("Statement") && parsed["Statement"].is_array()) {
      nlohmann::json denied = parsed;
      denied["Statement"].push_back({{"Effect", "Deny"}, {"Principal", "*"}, {"Action", "*"}, {"Resource", "*"}});
      Check(EvaluateForAnonymous(denied.dump(), request) == Decision::kExplicitDeny);
    }
  }
  skybox::iam::PolicyPatternMatches(policy.substr(0, size / 2), policy.substr(size / 2), size % 2 == 0);
  return 0;
}
