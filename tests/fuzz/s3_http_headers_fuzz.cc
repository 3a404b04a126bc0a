// libFuzzer target: S3's header parsers that read client-controlled text — Range and
// x-amz-copy-source-range (against an object size), HTTP dates and If-Range, and the
// conditional-request evaluators. Input: one selector byte, eight bytes of object size / last-modified, then the
// header text (a '\n' splits it into up to four header values for the conditions).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "base/civil_date.h"
#include "base/http_date.h"
#include "services/s3/http/byte_range.h"
#include "services/s3/http/conditions.h"

using namespace skybox::s3;

namespace {

std::optional<std::string_view> NextValue(std::string_view* rest) {
  if (rest->empty()) return std::nullopt;
  size_t nl = rest->find('\n');
  std::string_view value = rest->substr(0, nl);
  rest->remove_prefix(nl == std::string_view::npos ? rest->size() : nl + 1);
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 9) return 0;
  const uint8_t selector = data[0];
  uint64_t number;
  std::memcpy(&number, data + 1, 8);
  std::string_view text(reinterpret_cast<const char*>(data) + 9, size - 9);
  // Small sizes hit the edge cases (empty, one byte); the rest spread over the full range.
  const uint64_t object_size = (selector & 0x80) ? number : number % 64;

  switch (selector % 4) {
    case 0: {
      RangeDecision d = ResolveRange(text, object_size);
      if (d.kind == RangeDecision::Kind::kPartial) {
        if (d.range.first > d.range.last || d.range.last >= object_size) __builtin_trap();
        (void)FormatContentRange(d.range, object_size);
      }
      break;
    }
    case 1: {
      auto r = ParseCopySourceRange(text, object_size);
      if (r.ok() && (r->first > r->last || r->last >= object_size)) __builtin_trap();
      break;
    }
    case 2: {
      std::optional<int64_t> t = skybox::ParseHttpDate(text);
      if (t && skybox::ParseHttpDate(skybox::FormatHttpDate(*t)) != t) __builtin_trap();
      (void)IfRangeMatches(text, ObjectState{"\"etag\"", static_cast<int64_t>(number >> 1)});
      break;
    }
    case 3: {
      std::string_view rest = text;
      ReadConditions c;
      c.if_match = NextValue(&rest);
      c.if_none_match = NextValue(&rest);
      c.if_modified_since = NextValue(&rest);
      c.if_unmodified_since = NextValue(&rest);
      const std::string_view etag = rest;
      const ObjectState object{etag, static_cast<int64_t>(number >> 1)};
      ConditionResult read = EvaluateReadConditions(c, object);
      ConditionResult copy = EvaluateCopySourceConditions(c, object);
      // A copy fails exactly when a read would not proceed.
      if ((read.outcome == ConditionOutcome::kProceed) != (copy.outcome == ConditionOutcome::kProceed)) {
        __builtin_trap();
      }
      (void)EvaluateWriteConditions({c.if_match, c.if_none_match}, object);
      (void)EvaluateWriteConditions({c.if_match, c.if_none_match}, std::nullopt);
      break;
    }
  }
  return 0;
}
