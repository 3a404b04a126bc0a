// Timestamp formatting for the wire formats the AWS protocols use: ISO 8601
// ("2014-04-29T18:30:38.123Z"), RFC 822 / HTTP-date ("Tue, 29 Apr 2014 18:30:38 GMT") and epoch
// seconds ("1398796238" or "1398796238.123"). Parsing them is base/timestamp_text.h's (IAM
// policies read the same forms), named here too for the protocol code.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/model/shape.h"
#include "base/timestamp_text.h"

namespace skybox::aws {

// Seconds since the epoch from any of the three formats (the format is detected); nullopt
// when the text is none of them.
using skybox::ParseTimestamp;

// Clamps to years 0001..9999 (where AWS dates live; keeps conversions defined); NaN -> 0.
double ClampTimestamp(double epoch_seconds);

// "2014-04-29T18:30:38.123Z" (always milliseconds, UTC).
std::string FormatIso8601(double epoch_seconds);
// "2014-04-29T18:30:38Z" (whole seconds, UTC; EventBridge event times).
std::string FormatIso8601Seconds(double epoch_seconds);
// "Tue, 29 Apr 2014 18:30:38 GMT".
std::string FormatRfc822(double epoch_seconds);
// "1398796238" or "1398796238.123" (at most millisecond precision).
std::string FormatEpochSeconds(double epoch_seconds);

// Formats in `format`, or in `fallback` when `format` is kDefault.
std::string FormatTimestamp(double epoch_seconds, TimestampFormat format,
                            TimestampFormat fallback);

}  // namespace skybox::aws
