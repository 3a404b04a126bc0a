// Appends `text` to `out` escaped for use inside a JSON string literal (RFC 8259):
// quotes, backslashes and control characters are escaped; ill-formed UTF-8 becomes U+FFFD, so
// the result is always valid JSON whatever bytes `text` holds.
#pragma once

#include <string>
#include <string_view>

namespace skybox {

void AppendJsonEscaped(std::string& out, std::string_view text);

}  // namespace skybox
