// HTTP-date (RFC 9110 §5.6.7) parsing: S3's date headers (If-Modified-Since,
// If-Unmodified-Since, x-amz-copy-source-if-*) take all three forms, a signer's Date header
// (aws/auth/amz_date.h) only the IMF-fixdate; base/civil_date.h formats them.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace skybox {

// Seconds since the Unix epoch of an HTTP-date in any of the three forms recipients must
// accept:
//   IMF-fixdate  "Sun, 06 Nov 1994 08:49:37 GMT"
//   RFC 850      "Sunday, 06-Nov-94 08:49:37 GMT"   (two-digit year: 70-99 -> 19xx, else 20xx)
//   asctime      "Sun Nov  6 08:49:37 1994"
// Surrounding blanks are ignored. nullopt for anything else, including impossible dates
// (31 Feb, hour 24): callers then ignore the header, as S3 does with a malformed date.
std::optional<int64_t> ParseHttpDate(std::string_view text);

// The IMF-fixdate form alone, exactly (no surrounding blanks), with the same date checks. The
// weekday must be one of the seven names but is not checked against the date.
std::optional<int64_t> ParseImfFixdate(std::string_view text);

}  // namespace skybox
