// S3's reading of the HTTP `Range` header (GetObject/HeadObject) and of the stricter
// `x-amz-copy-source-range` header (UploadPartCopy), plus the `Content-Range` values S3 sends.
//
// S3 serves at most one range: a header it cannot use (no `bytes=` unit, several ranges,
// `bytes=5-2`, garbage) is ignored and the whole object is served with 200. A well-formed
// range that starts at or beyond the end of the object (or `bytes=-0`) is 416 InvalidRange
// with `Content-Range: bytes */<size>`.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/status.h"

namespace skybox::s3 {

// An inclusive byte range [first, last] inside an object; first <= last < object size.
struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;
  uint64_t length() const { return last - first + 1; }
  bool operator==(const ByteRange&) const = default;
};

// What to do with a GetObject/HeadObject `Range` header.
struct RangeDecision {
  enum class Kind {
    kWholeObject,    // no usable range: 200 with the whole object, no Content-Range
    kPartial,        // 206 with `range` and Content-Range: FormatContentRange(range, size)
    kUnsatisfiable,  // 416 InvalidRangeError(..), Content-Range: FormatUnsatisfiedRange(size)
  };
  Kind kind = Kind::kWholeObject;
  ByteRange range;  // meaningful for kPartial only
};

// Resolves `header` (the raw Range value; callers pass no header as kWholeObject themselves)
// against an object of `object_size` bytes. A suffix range longer than the object, or an end
// past it, is clamped to the object. On an empty object every range is either unsatisfiable
// (`bytes=0-`, `bytes=-0`) or ignored (`bytes=-5`), as in S3.
RangeDecision ResolveRange(std::string_view header, uint64_t object_size);

// "bytes <first>-<last>/<size>"
std::string FormatContentRange(const ByteRange& range, uint64_t object_size);
// "bytes */<size>", the Content-Range of a 416.
std::string FormatUnsatisfiedRange(uint64_t object_size);
// 416 InvalidRange "The requested range is not satisfiable", with S3's <RangeRequested> (the
// header) and <ActualObjectSize>.
Status InvalidRangeError(std::string_view requested, uint64_t object_size);

// Parses UploadPartCopy's `x-amz-copy-source-range` against the source object's size.
// It must be exactly `bytes=<first>-<last>` with first <= last; errors as S3 words them:
//   malformed               -> 400 InvalidArgument "The x-amz-copy-source-range value must be
//                              of the form bytes=first-last where ..."
//   first beyond the source -> 400 InvalidRequest "The specified copy range is invalid for the
//                              source object size"
//   last beyond the source  -> 400 InvalidArgument "Range specified is not valid for source
//                              object of size: <size>"
Result<ByteRange> ParseCopySourceRange(std::string_view header, uint64_t source_size);

}  // namespace skybox::s3
