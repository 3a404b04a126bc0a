#include "iam/policy_evaluation.h"

#include <arpa/inet.h>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "base/ascii.h"
#include "base/timestamp_text.h"

namespace skybox::iam {
namespace {

using Json = nlohmann::json;

// Whether a part of a statement holds: kUnknown for what this evaluator cannot judge.
enum class Truth { kFalse, kTrue, kUnknown };

Truth And(Truth a, Truth b) {
  if (a == Truth::kFalse || b == Truth::kFalse) return Truth::kFalse;
  if (a == Truth::kUnknown || b == Truth::kUnknown) return Truth::kUnknown;
  return Truth::kTrue;
}

Truth Of(bool b) { return b ? Truth::kTrue : Truth::kFalse; }

char Fold(char c, bool ignore_case) {
  return ignore_case ? AsciiToLower(c) : c;
}

bool EqualStrings(std::string_view a, std::string_view b, bool ignore_case) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Fold(a[i], ignore_case) != Fold(b[i], ignore_case)) return false;
  }
  return true;
}

bool HasPolicyVariable(std::string_view s) { return s.find("${") != std::string_view::npos; }

// The string values of a policy element: one string (or scalar) or an array of them;
// std::nullopt when the element has another shape.
std::optional<std::vector<std::string>> Strings(const Json& element) {
  auto scalar = [](const Json& v) -> std::optional<std::string> {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number()) return v.dump();
    return std::nullopt;
  };
  std::vector<std::string> out;
  if (element.is_array()) {
    for (const Json& v : element) {
      auto s = scalar(v);
      if (!s) return std::nullopt;
      out.push_back(std::move(*s));
    }
    return out;
  }
  auto s = scalar(element);
  if (!s) return std::nullopt;
  out.push_back(std::move(*s));
  return out;
}

// Principal: everyone, as an anonymous caller needs.
Truth PrincipalIsEveryone(const Json& statement) {
  if (statement.contains("NotPrincipal")) return Truth::kUnknown;
  auto principal = statement.find("Principal");
  if (principal == statement.end()) return Truth::kUnknown;
  if (principal->is_string()) return Of(*principal == "*");
  if (!principal->is_object()) return Truth::kUnknown;
  auto aws = principal->find("AWS");
  if (aws == principal->end()) return Truth::kFalse;  // only service or federated principals
  auto names = Strings(*aws);
  if (!names) return Truth::kUnknown;
  for (const std::string& name : *names) {
    if (name == "*") return Truth::kTrue;
  }
  return Truth::kFalse;
}

// Action/NotAction or Resource/NotResource against `value`.
Truth Covers(const Json& statement, const char* positive, const char* negative, std::string_view value,
             bool ignore_case) {
  const bool has_positive = statement.contains(positive);
  if (has_positive == statement.contains(negative)) return Truth::kUnknown;  // neither or both
  auto patterns = Strings(statement.at(has_positive ? positive : negative));
  if (!patterns) return Truth::kUnknown;
  for (const std::string& pattern : *patterns) {
    if (HasPolicyVariable(pattern)) return Truth::kUnknown;  // ${aws:userid}, ${*}: not substituted
  }
  bool matched = false;
  for (const std::string& pattern : *patterns) matched = matched || PolicyPatternMatches(pattern, value, ignore_case);
  return Of(matched == has_positive);
}

std::optional<uint32_t> Ipv4(std::string text) {
  constexpr std::string_view kMapped = "::ffff:";  // an IPv4 client of a dual-stack listener
  if (text.size() > kMapped.size() && EqualStrings(std::string_view(text).substr(0, kMapped.size()), kMapped, true)) {
    text.erase(0, kMapped.size());
  }
  in_addr address{};
  if (inet_pton(AF_INET, text.c_str(), &address) != 1) return std::nullopt;
  return ntohl(address.s_addr);
}

// Whether the IPv4 `address` lies in `cidr` ("10.0.0.0/8", or one address); kUnknown for a
// value that is no address range at all. IPv6 ranges never hold an IPv4 address.
Truth InCidr(uint32_t address, const std::string& cidr) {
  size_t slash = cidr.find('/');
  std::string base = cidr.substr(0, slash);
  if (base.find(':') != std::string::npos) return Truth::kFalse;
  auto network = Ipv4(base);
  if (!network) return Truth::kUnknown;
  int bits = 32;
  if (slash != std::string::npos) {
    std::string length = cidr.substr(slash + 1);
    if (length.empty() || length.size() > 2 || length.find_first_not_of("0123456789") != std::string::npos) {
      return Truth::kUnknown;
    }
    bits = std::stoi(length);
    if (bits > 32) return Truth::kUnknown;
  }
  const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return Of((address & mask) == (*network & mask));
}

// An IAM number: an integer or a decimal ("10", "-2.5"); nullopt for anything else.
std::optional<double> Number(const std::string& text) {
  size_t i = text.starts_with('-') ? 1 : 0, digits = 0;
  bool dot = false;
  for (; i < text.size(); ++i) {
    if (text[i] == '.' && !dot) {
      dot = true;
    } else if (text[i] >= '0' && text[i] <= '9') {
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0 || digits > 30) return std::nullopt;
  return std::strtod(text.c_str(), nullptr);
}

// An IAM date: ISO 8601 ("2026-12-31T00:00:00Z", "2026-12-31") or epoch seconds. Up to four
// bare digits could be a year as ISO 8601 also writes it ("2027"): not judged either way.
std::optional<double> Date(const std::string& text) {
  if (auto iso = ParseIso8601Timestamp(text)) return iso;
  if (text.size() <= 4 && text.find_first_not_of("0123456789") == std::string::npos) return std::nullopt;
  return ParseEpochTimestamp(text);
}

// The request's value `actual` against the condition value `value`, both read by Parse:
// Compare(actual, value); unknown when either does not parse.
template <std::optional<double> (*Parse)(const std::string&), typename Compare>
Truth Ordered(const std::string& value, const std::string& actual) {
  auto want = Parse(value);
  auto got = Parse(actual);
  if (!want || !got) return Truth::kUnknown;
  return Of(Compare()(*got, *want));
}

// One condition operator applied to one key's condition values (`actual`: the request's value,
// std::nullopt when the request is known not to carry the key).
Truth ConditionHolds(std::string_view op, const std::optional<std::string>& actual,
                     const std::vector<std::string>& values) {
  if (op.find(':') != std::string_view::npos) return Truth::kUnknown;  // ForAnyValue:, ForAllValues:
  for (const std::string& v : values) {
    if (HasPolicyVariable(v)) return Truth::kUnknown;
  }
  constexpr std::string_view kIfExists = "IfExists";
  bool if_exists = op.size() > kIfExists.size() && op.substr(op.size() - kIfExists.size()) == kIfExists;
  if (if_exists) op.remove_suffix(kIfExists.size());

  if (op == "Null") {
    if (if_exists) return Truth::kUnknown;
    bool holds = false;
    for (const std::string& v : values) holds = holds || (EqualStrings(v, "true", true) ? !actual : actual.has_value());
    return Of(holds);
  }
  struct Operator {
    std::string_view name;
    bool negated;
    Truth (*matches)(const std::string& value, const std::string& actual);
  };
  static constexpr Operator kOperators[] = {
      {"StringEquals", false, [](const std::string& v, const std::string& a) { return Of(v == a); }},
      {"StringNotEquals", true, [](const std::string& v, const std::string& a) { return Of(v == a); }},
      {"StringEqualsIgnoreCase", false,
       [](const std::string& v, const std::string& a) { return Of(EqualStrings(v, a, true)); }},
      {"StringNotEqualsIgnoreCase", true,
       [](const std::string& v, const std::string& a) { return Of(EqualStrings(v, a, true)); }},
      {"StringLike", false,
       [](const std::string& v, const std::string& a) { return Of(PolicyPatternMatches(v, a, false)); }},
      {"StringNotLike", true,
       [](const std::string& v, const std::string& a) { return Of(PolicyPatternMatches(v, a, false)); }},
      {"Bool", false, [](const std::string& v, const std::string& a) { return Of(EqualStrings(v, a, true)); }},
      {"IpAddress", false,
       [](const std::string& v, const std::string& a) {
         auto address = Ipv4(a);
         return address ? InCidr(*address, v) : Truth::kUnknown;
       }},
      {"NotIpAddress", true,
       [](const std::string& v, const std::string& a) {
         auto address = Ipv4(a);
         return address ? InCidr(*address, v) : Truth::kUnknown;
       }},
      {"NumericEquals", false, Ordered<Number, std::equal_to<>>},
      {"NumericNotEquals", true, Ordered<Number, std::equal_to<>>},
      {"NumericLessThan", false, Ordered<Number, std::less<>>},
      {"NumericLessThanEquals", false, Ordered<Number, std::less_equal<>>},
      {"NumericGreaterThan", false, Ordered<Number, std::greater<>>},
      {"NumericGreaterThanEquals", false, Ordered<Number, std::greater_equal<>>},
      {"DateEquals", false, Ordered<Date, std::equal_to<>>},
      {"DateNotEquals", true, Ordered<Date, std::equal_to<>>},
      {"DateLessThan", false, Ordered<Date, std::less<>>},
      {"DateLessThanEquals", false, Ordered<Date, std::less_equal<>>},
      {"DateGreaterThan", false, Ordered<Date, std::greater<>>},
      {"DateGreaterThanEquals", false, Ordered<Date, std::greater_equal<>>},
  };
  for (const Operator& candidate : kOperators) {
    if (candidate.name != op) continue;
    if (!actual) return Of(if_exists || candidate.negated);
    Truth any = Truth::kFalse;  // whether some condition value matches the request's
    for (const std::string& v : values) {
      Truth m = candidate.matches(v, *actual);
      if (m == Truth::kTrue) {
        any = Truth::kTrue;
        break;
      }
      if (m == Truth::kUnknown) any = Truth::kUnknown;
    }
    if (!candidate.negated || any == Truth::kUnknown) return any;
    return Of(any == Truth::kFalse);
  }
  return Truth::kUnknown;
}

Truth ConditionsHold(const Json& statement, const RequestFacts& request) {
  auto condition = statement.find("Condition");
  if (condition == statement.end()) return Truth::kTrue;
  if (!condition->is_object()) return Truth::kUnknown;
  Truth all = Truth::kTrue;
  for (const auto& [op, keys] : condition->items()) {
    if (!keys.is_object()) return Truth::kUnknown;
    for (const auto& [key, element] : keys.items()) {
      auto values = Strings(element);
      if (!values) return Truth::kUnknown;
      const std::string k = AsciiLowercase(key);
      auto found = request.context.find(k);
      std::optional<std::string> actual;
      if (found != request.context.end()) {
        actual = found->second;
      } else if (request.absent.count(k) == 0) {
        all = And(all, Truth::kUnknown);  // a key this request cannot speak for
        continue;
      }
      all = And(all, ConditionHolds(op, actual, *values));
    }
  }
  return all;
}

Truth StatementApplies(const Json& statement, const RequestFacts& request) {
  if (!statement.is_object()) return Truth::kUnknown;
  Truth applies = PrincipalIsEveryone(statement);
  applies = And(applies, Covers(statement, "Action", "NotAction", request.action, true));
  applies = And(applies, Covers(statement, "Resource", "NotResource", request.resource, false));
  return And(applies, ConditionsHold(statement, request));
}

}  // namespace

bool PolicyPatternMatches(std::string_view pattern, std::string_view value, bool ignore_case) {
  // Greedy matching with one backtrack point (the last '*'): linear for IAM's patterns.
  size_t p = 0, v = 0, star = std::string_view::npos, resume = 0;
  while (v < value.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = v;
    } else if (p < pattern.size() && (pattern[p] == '?' || Fold(pattern[p], ignore_case) == Fold(value[v], ignore_case))) {
      ++p;
      ++v;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Decision EvaluateForAnonymous(std::string_view policy_json, const RequestFacts& request) {
  Json policy = Json::parse(policy_json, nullptr, /*allow_exceptions=*/false);
  if (!policy.is_object()) return Decision::kImplicitDeny;
  auto statements = policy.find("Statement");
  if (statements == policy.end()) return Decision::kImplicitDeny;
  std::vector<const Json*> list;
  if (statements->is_array()) {
    for (const Json& s : *statements) list.push_back(&s);
  } else {
    list.push_back(&*statements);
  }
  bool allowed = false;
  for (const Json* statement : list) {
    std::string effect;
    if (statement->is_object()) {
      auto found = statement->find("Effect");
      if (found != statement->end() && found->is_string()) effect = found->get<std::string>();
    }
    Truth applies = StatementApplies(*statement, request);
    if (effect == "Deny" && applies != Truth::kFalse) return Decision::kExplicitDeny;
    if (effect == "Allow" && applies == Truth::kTrue) allowed = true;
    if (effect != "Allow" && effect != "Deny" && applies != Truth::kFalse) return Decision::kExplicitDeny;
  }
  return allowed ? Decision::kAllow : Decision::kImplicitDeny;
}

}  // namespace skybox::iam
