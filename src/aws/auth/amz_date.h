// Timestamps as SigV4 spells them: ISO 8601 basic ("20150830T123600Z", the X-Amz-Date form)
// and the HTTP Date header form (RFC 7231 IMF-fixdate, "Sun, 30 Aug 2015 12:36:00 GMT", read
// by base/http_date.h). Both are always UTC with whole seconds.
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace skybox::aws {

using SysSeconds = std::chrono::sys_seconds;

// Parses "YYYYMMDDTHHMMSSZ"; nullopt unless the text has exactly that shape and names a
// real calendar date and time.
std::optional<SysSeconds> ParseAmzDate(std::string_view text);

// Parses a Date header as signers write it: an IMF-fixdate, or the same with another name of
// UTC: "+0000" or "-0000" (AWS's SigV2 examples, s3cmd, and botocore, which signs a request
// that carries a Date header with email.utils.formatdate's "-0000"), "UTC" (Go's RFC1123 format,
// which rclone's --s3-v2-auth and goamz send) or "UT". nullopt for anything else.
std::optional<SysSeconds> ParseRequestDate(std::string_view text);

// Formats as "YYYYMMDDTHHMMSSZ", truncating sub-second precision.
std::string FormatAmzDate(std::chrono::system_clock::time_point time);

}  // namespace skybox::aws
