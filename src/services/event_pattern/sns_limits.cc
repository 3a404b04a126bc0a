#include "services/event_pattern/sns_limits.h"

#include <algorithm>

namespace skybox::services::event_pattern {
namespace {

constexpr size_t kMaxKeys = 5;
constexpr uint64_t kMaxCombinations = 150;
constexpr uint64_t kMaxWildcardComplexity = 100;
constexpr size_t kMaxWildcardsPerPattern = 3;
// Products are clamped here so adversarial policies cannot overflow the arithmetic.
constexpr uint64_t kSaturation = uint64_t{1} << 32;

uint64_t Times(uint64_t a, uint64_t b) { return std::min(a * b, kSaturation); }

// Leaf keys count toward the limit; of a $or group only its largest alternative does.
size_t LeafKeys(const ObjectRule& rule) {
  size_t keys = rule.leaves.size();
  for (const ObjectRule& nested : rule.nested) keys += LeafKeys(nested);
  for (const auto& alternatives : rule.any_of) {
    size_t widest = 0;
    for (const ObjectRule& alt : alternatives) widest = std::max(widest, LeafKeys(alt));
    keys += widest;
  }
  return keys;
}

// AWS's documented formula: the product, over leaf keys, of the number of match values times
// the key's nesting level; $or alternatives add up.
uint64_t Combinations(const ObjectRule& rule, uint64_t level) {
  uint64_t total = 1;
  for (const LeafRule& leaf : rule.leaves) total = Times(total, Times(leaf.conditions.size(), level));
  for (const ObjectRule& nested : rule.nested) total = Times(total, Combinations(nested, level + 1));
  for (const auto& alternatives : rule.any_of) {
    uint64_t sum = 0;
    for (const ObjectRule& alt : alternatives) sum = std::min(sum + Combinations(alt, level), kSaturation);
    total = Times(total, sum);
  }
  return total;
}

// Points of one leaf array under the documented wildcard rules: a single-star wildcard scores
// 1, a multi-star wildcard 3 per star, anything-but 1; the sum is multiplied by the number of
// patterns. Fields without wildcards score 0.
Result<uint64_t> WildcardPoints(const LeafRule& leaf) {
  uint64_t points = 0;
  bool has_wildcard = false;
  for (const Condition& condition : leaf.conditions) {
    if (condition.kind == Condition::Kind::kAnythingBut) ++points;
    for (const ValueTest& test : condition.tests) {
      const auto* wildcard = std::get_if<Wildcard>(&test);
      if (wildcard == nullptr || wildcard->star_count() == 0) continue;
      has_wildcard = true;
      if (wildcard->star_count() > kMaxWildcardsPerPattern) {
        return InvalidArgument("Rule is too complex - try using fewer wildcard characters");
      }
      points += wildcard->star_count() == 1 ? 1 : 3 * wildcard->star_count();
    }
  }
  return has_wildcard ? points * leaf.conditions.size() : 0;
}

Result<uint64_t> TotalWildcardPoints(const ObjectRule& rule) {
  uint64_t total = 0;
  for (const LeafRule& leaf : rule.leaves) {
    SKYBOX_ASSIGN_OR_RETURN(const uint64_t points, WildcardPoints(leaf));
    total = std::min(total + points, kSaturation);
  }
  for (const ObjectRule& nested : rule.nested) {
    SKYBOX_ASSIGN_OR_RETURN(const uint64_t points, TotalWildcardPoints(nested));
    total = std::min(total + points, kSaturation);
  }
  for (const auto& alternatives : rule.any_of) {
    for (const ObjectRule& alt : alternatives) {
      SKYBOX_ASSIGN_OR_RETURN(const uint64_t points, TotalWildcardPoints(alt));
      total = std::min(total + points, kSaturation);
    }
  }
  return total;
}

}  // namespace

Status CheckSnsLimits(const ObjectRule& policy) {
  if (LeafKeys(policy) > kMaxKeys) {
    return InvalidArgument("Filter policy can not have more than 5 keys");
  }
  if (Combinations(policy, 1) > kMaxCombinations) {
    return InvalidArgument("Filter policy is too complex");
  }
  Result<uint64_t> wildcard_points = TotalWildcardPoints(policy);
  if (!wildcard_points.ok()) return wildcard_points.status();
  if (*wildcard_points > kMaxWildcardComplexity) {
    return InvalidArgument("Rule is too complex - try using fewer wildcard characters");
  }
  return Status::Ok();
}

}  // namespace skybox::services::event_pattern
