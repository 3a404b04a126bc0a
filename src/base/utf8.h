// UTF-8 validation for text that leaves the process in formats that require valid UTF-8
// (JSON logs, Prometheus labels, XML). Request bytes are attacker-controlled and may be any
// bytes at all.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace skybox {

// Length in bytes of the well-formed UTF-8 sequence starting at text[0] (1 to 4), or 0 when
// text[0] does not start one (stray continuation byte, overlong form, surrogate, beyond
// U+10FFFF, or truncated).
size_t Utf8SequenceLength(std::string_view text);

// The number of characters in UTF-8 `text`: bytes that do not continue a sequence (AWS limits
// such as S3's tag lengths count characters, not bytes).
size_t Utf8CharacterCount(std::string_view text);

// `text` with every ill-formed sequence replaced by U+FFFD.
std::string ToValidUtf8(std::string_view text);

}  // namespace skybox
