// S3's continuation tokens (ListObjectsV2, ListBuckets): opaque to clients, "obfuscated and not
// a real key" as the model says, and refused when S3 did not hand them out.
//
// A token is base64 of a format byte, the position (the last key or bucket name of the page)
// and the position's CRC32C, so a made-up or truncated token fails with S3's 400 rather than
// silently listing from wherever it happens to decode to.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace skybox::s3 {

std::string EncodeContinuationToken(std::string_view position);
// The position `token` was made from, or std::nullopt when EncodeContinuationToken did not make it.
std::optional<std::string> DecodeContinuationToken(std::string_view token);
// 400 InvalidArgument "The continuation token provided is incorrect" (ArgumentName continuation-token).
Status InvalidContinuationToken();

}  // namespace skybox::s3
