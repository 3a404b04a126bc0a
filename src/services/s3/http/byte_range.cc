#include "services/s3/http/byte_range.h"

#include <limits>
#include <optional>

#include "base/ascii.h"

namespace skybox::s3 {
namespace {

constexpr uint64_t kSaturated = std::numeric_limits<uint64_t>::max();

// One side of `first-last`: absent (empty), or decimal digits (saturating: a value past
// 2^64-1 lies beyond any object). nullopt inside means "absent"; failure means malformed.
struct Bound {
  bool ok = false;
  std::optional<uint64_t> value;
};

Bound ParseBound(std::string_view text) {
  text = TrimBlanks(text);
  if (text.empty()) return {true, std::nullopt};
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return {};
    uint64_t digit = static_cast<uint64_t>(c - '0');
    value = value > (kSaturated - digit) / 10 ? kSaturated : value * 10 + digit;
  }
  return {true, value};
}

// `bytes=<first>-<last>` split into its two bounds; ok=false for any other shape (another
// unit, no '=', several ranges, a third '-', non-digits).
struct RangeSpec {
  bool ok = false;
  std::optional<uint64_t> first;
  std::optional<uint64_t> last;
};

RangeSpec ParseSpec(std::string_view header) {
  size_t eq = header.find('=');
  if (eq == std::string_view::npos || header.find('=', eq + 1) != std::string_view::npos) return {};
  if (!EqualsIgnoreAsciiCase(TrimBlanks(header.substr(0, eq)), "bytes")) return {};
  std::string_view spec = header.substr(eq + 1);
  if (spec.find(',') != std::string_view::npos) return {};
  size_t dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find('-', dash + 1) != std::string_view::npos) return {};
  Bound first = ParseBound(spec.substr(0, dash));
  Bound last = ParseBound(spec.substr(dash + 1));
  if (!first.ok || !last.ok) return {};
  return {true, first.value, last.value};
}

Status CopyRangeFormError() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument",
                     "The x-amz-copy-source-range value must be of the form bytes=first-last "
                     "where first and last are the zero-based offsets of the first and last "
                     "bytes to copy");
}

}  // namespace

RangeDecision ResolveRange(std::string_view header, uint64_t object_size) {
  using Kind = RangeDecision::Kind;
  RangeSpec spec = ParseSpec(header);
  if (!spec.ok || (!spec.first && !spec.last)) return {};
  if ((!spec.first && *spec.last == 0) || (spec.first && *spec.first >= object_size)) {
    return {Kind::kUnsatisfiable, {}};
  }
  if (object_size == 0) return {};  // a suffix range of an empty object selects nothing
  const uint64_t end = object_size - 1;
  if (spec.first) {
    uint64_t last = spec.last ? std::min(*spec.last, end) : end;
    if (*spec.first > last) return {};
    return {Kind::kPartial, {*spec.first, last}};
  }
  uint64_t suffix = std::min(*spec.last, object_size);
  return {Kind::kPartial, {object_size - suffix, end}};
}

std::string FormatContentRange(const ByteRange& range, uint64_t object_size) {
  return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" +
         std::to_string(object_size);
}

std::string FormatUnsatisfiedRange(uint64_t object_size) {
  return "bytes */" + std::to_string(object_size);
}

Status InvalidRangeError(std::string_view requested, uint64_t object_size) {
  return Status::Aws(StatusCode::kInvalidArgument, 416, "InvalidRange", "The requested range is not satisfiable")
      .WithDetail("RangeRequested", std::string(requested))
      .WithDetail("ActualObjectSize", std::to_string(object_size));
}

Result<ByteRange> ParseCopySourceRange(std::string_view header, uint64_t source_size) {
  RangeSpec spec = ParseSpec(header);
  if (!spec.ok || !spec.first || !spec.last || *spec.first > *spec.last) {
    return CopyRangeFormError();
  }
  if (*spec.first >= source_size) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                       "The specified copy range is invalid for the source object size");
  }
  if (*spec.last >= source_size) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument",
                       "Range specified is not valid for source object of size: " +
                           std::to_string(source_size));
  }
  return ByteRange{*spec.first, *spec.last};
}

}  // namespace skybox::s3
