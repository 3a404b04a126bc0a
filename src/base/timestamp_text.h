// Timestamps as text, the three forms the AWS wire protocols and IAM policies use, read as
// seconds since the Unix epoch (UTC; fractions kept):
//   ISO 8601     "2014-04-29T18:30:38.123Z", "2014-04-29T18:30:38+02:00", "2014-04-29"
//   RFC 822      "Tue, 29 Apr 2014 18:30:38 GMT" (zone GMT, UTC, Z or +0000)
//   epoch        "1398796238" or "1398796238.123" (an optional leading '-')
// Each parser returns nullopt for text that is not its form or names an impossible time
// (month 13, 30 February, hour 24, a zone offset past 23:59). A time without a zone is UTC.
// aws/protocol/timestamp.h formats them.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

namespace skybox {

std::optional<double> ParseIso8601Timestamp(std::string_view text);
std::optional<double> ParseRfc822Timestamp(std::string_view text);
std::optional<double> ParseEpochTimestamp(std::string_view text);

// Any of the three (the form is detected): epoch, then ISO 8601, then RFC 822.
std::optional<double> ParseTimestamp(std::string_view text);

}  // namespace skybox
