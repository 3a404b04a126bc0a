#include "services/s3/config/policy_status.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "aws/protocol/document.h"
#include "base/ascii.h"

namespace skybox::s3 {
namespace {

using aws::Document;

// Condition keys whose fixed values confine a statement to known callers (lower-case: IAM
// condition keys are case-insensitive).
constexpr std::array<std::string_view, 13> kConfiningKeys = {
    "aws:sourceip",       "aws:sourcevpc",        "aws:sourcevpce",         "aws:sourcearn",
    "aws:sourceaccount",  "aws:sourceowner",      "aws:sourceorgid",        "aws:principalorgid",
    "aws:principalaccount", "aws:principalarn",   "aws:userid",             "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount"};

// The values of a principal or condition entry: a string or an array of strings.
std::vector<std::string> Values(const Document& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_array()) {
    for (const Document& e : v) {
      if (e.is_string()) out.push_back(e.get<std::string>());
    }
  }
  return out;
}

bool GrantsToAnyone(const Document& principal) {
  if (principal.is_string()) return principal.get<std::string>() == "*";
  if (!principal.is_object()) return false;
  for (const auto& [type, ids] : principal.items()) {
    for (const std::string& id : Values(ids)) {
      if (id == "*") return true;
    }
  }
  return false;
}

// A value is fixed when it names callers without wildcards or policy variables; for source
// IPs, when its prefix is not /0 (the whole IPv4 or IPv6 internet, however written).
bool FixedValue(std::string_view key, std::string_view value) {
  if (value.find_first_of("*?") != std::string_view::npos || value.find("${") != std::string_view::npos) return false;
  if (key == "aws:sourceip") {
    size_t slash = value.find('/');
    if (slash == std::string_view::npos) return !value.empty();
    std::string_view length = value.substr(slash + 1);
    return length.find_first_not_of('0') != std::string_view::npos;  // "/0", "/00": everyone
  }
  return !value.empty();
}

bool ConfinedByCondition(const Document& condition) {
  if (!condition.is_object()) return false;
  for (const auto& [op, entries] : condition.items()) {
    std::string lowered = AsciiLowercase(op);
    // Negated operators, IfExists and Null ("the key is present") confine nothing.
    if (lowered.ends_with("ifexists") || lowered.find("not") != std::string::npos || lowered.find("null") != std::string::npos ||
        !entries.is_object()) {
      continue;
    }
    for (const auto& [key, values] : entries.items()) {
      std::string k = AsciiLowercase(key);
      if (std::find(kConfiningKeys.begin(), kConfiningKeys.end(), k) == kConfiningKeys.end()) continue;
      std::vector<std::string> vs = Values(values);
      if (!vs.empty() && std::all_of(vs.begin(), vs.end(), [&k](const std::string& v) { return FixedValue(k, v); })) {
        return true;
      }
    }
  }
  return false;
}

bool StatementIsPublic(const Document& statement) {
  if (!statement.is_object()) return false;
  auto effect = statement.find("Effect");
  if (effect == statement.end() || !effect->is_string() || *effect != "Allow") return false;
  bool anyone = statement.contains("NotPrincipal") ||
                (statement.contains("Principal") && GrantsToAnyone(statement["Principal"]));
  if (!anyone) return false;
  auto condition = statement.find("Condition");
  return condition == statement.end() || !ConfinedByCondition(*condition);
}

}  // namespace

bool BucketPolicyIsPublic(std::string_view policy_json) {
  const Document policy = Document::parse(policy_json, nullptr, /*allow_exceptions=*/false);
  if (policy.is_discarded() || !policy.is_object()) return false;
  auto statements = policy.find("Statement");
  if (statements == policy.end()) return false;
  if (statements->is_object()) return StatementIsPublic(*statements);
  if (!statements->is_array()) return false;
  return std::any_of(statements->begin(), statements->end(), StatementIsPublic);
}

}  // namespace skybox::s3
