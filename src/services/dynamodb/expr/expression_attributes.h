// ExpressionAttributes: a request's ExpressionAttributeNames and ExpressionAttributeValues,
// with the usage tracking AWS needs to reject unused entries.
//
// One instance serves all expressions of one request (e.g. UpdateItem's UpdateExpression and
// ConditionExpression): parse each expression with it, then call CheckAllUsed().
//
// Thread-safety: not thread-safe (resolution records usage); one per request.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "services/dynamodb/expr/attribute_value.h"

namespace skybox::dynamodb {

class ExpressionAttributes {
 public:
  ExpressionAttributes() = default;  // a request with neither member

  // `names` / `values` are the request members, or nullptr when absent. Fails with
  // ValidationException:
  //   "ExpressionAttributeNames must not be empty" / "ExpressionAttributeValues must not be empty"
  //   "ExpressionAttributeNames contains invalid key: Syntax error; key: \"x\""  (not "#name")
  //   "ExpressionAttributeValues contains invalid key: Syntax error; key: \"x\"" (not ":name")
  //   "ExpressionAttributeValues contains invalid value: <reason> for key :v"
  static Result<ExpressionAttributes> Create(const Document* names, const Document* values);
  // Convenience: reads "ExpressionAttributeNames"/"ExpressionAttributeValues" from a request.
  static Result<ExpressionAttributes> FromRequest(const Document& request);

  bool has_names() const { return !names_.empty(); }
  bool has_values() const { return !values_.empty(); }

  // Resolves "#n" and marks it used; nullptr when it is not defined.
  const std::string* ResolveName(std::string_view placeholder);
  // Resolves ":v" (canonical value) and marks it used; nullptr when it is not defined.
  const Document* ResolveValue(std::string_view placeholder);

  // After every expression of the request was parsed: fails with
  //   "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}"
  //   "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}"
  // (names are checked first; keys in java.util.HashSet iteration order, as DynamoDB lists them).
  Status CheckAllUsed() const;

 private:
  std::map<std::string, std::string, std::less<>> names_;
  std::map<std::string, Document, std::less<>> values_;
  std::set<std::string, std::less<>> used_names_;
  std::set<std::string, std::less<>> used_values_;
};

}  // namespace skybox::dynamodb
