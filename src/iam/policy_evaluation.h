// Policy evaluation, as far as Skybox enforces IAM today: a resource policy (an S3 bucket
// policy) judged for an anonymous caller, the one case where a policy is all that stands
// between a request and the data (signed requests come from the account's own identities,
// which may do anything).
//
// The rules are IAM's: an explicit Deny wins over any Allow; without an applicable Allow the
// answer is an implicit deny. A statement applies to an anonymous caller when its Principal is
// everyone ("*", {"AWS": "*"}, or "*" among the AWS principals), its Action (or NotAction)
// covers the action, its Resource (or NotResource) covers the resource, and every Condition
// holds. Patterns take '*' (any run) and '?' (one character); actions compare without case,
// resources with it.
//
// Conditions: the String* operators (Equals, NotEquals, EqualsIgnoreCase, NotEqualsIgnoreCase,
// Like, NotLike), the Numeric* operators (Equals, NotEquals, LessThan, LessThanEquals,
// GreaterThan, GreaterThanEquals; integers and decimals), the Date* operators (the same six;
// ISO 8601 dates and times or epoch seconds), Bool, IpAddress / NotIpAddress (IPv4 CIDRs; an
// IPv4-mapped IPv6 source counts as its IPv4 address) and Null, all but Null also with "IfExists"; keys
// compare without case. A key the request lists as known but absent makes a positive operator
// false and a negated one true, as in IAM. What this evaluator cannot judge never grants access
// and always denies when its statement is a Deny (it fails closed): a key the request neither
// carries nor knows to be absent (s3:ExistingObjectTag/..., ...), a number or date that does
// not parse (in the policy or the request), another operator (Arn*, Binary), a
// ForAnyValue:/ForAllValues: set operator, a policy variable ("${...}") in a Resource or a
// condition value, a NotPrincipal, a malformed statement.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace skybox::iam {

enum class Decision { kImplicitDeny, kAllow, kExplicitDeny };

// What a request offers a policy.
struct RequestFacts {
  std::string action;    // "s3:GetObject"
  std::string resource;  // "arn:aws:s3:::bucket/key"
  // Condition keys in lower case ("aws:sourceip", "aws:securetransport") and their values.
  std::map<std::string, std::string> context;
  // Keys (lower case) this request is known not to carry (an anonymous call has no
  // aws:principalarn); any other key missing from `context` cannot be judged.
  std::set<std::string> absent;
};

// The decision of the policy document `policy_json` for an anonymous request; a document that
// is not a JSON policy with statements decides kImplicitDeny.
Decision EvaluateForAnonymous(std::string_view policy_json, const RequestFacts& request);

// Whether `value` matches the IAM pattern `pattern` ('*' any run, '?' one character).
bool PolicyPatternMatches(std::string_view pattern, std::string_view value, bool ignore_case);

}  // namespace skybox::iam
