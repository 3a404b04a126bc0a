// User metadata values (x-amz-meta-*) and RFC 2047, as S3's user guide ("Working with object
// metadata") describes them: a value is decoded per RFC 2047 before it is stored, and one that
// is not all US-ASCII is encoded per RFC 2047 before it is returned, to keep headers mail-safe.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace skybox::s3 {

// `value` with its RFC 2047 encoded-words ("=?UTF-8?B?w7Y=?=", "=?utf-8?q?=C3=B6?=") decoded:
// a value made only of encoded-words (whitespace between them dropped, as RFC 2047 §6.2 says)
// in UTF-8, US-ASCII or ISO-8859-1 becomes their UTF-8 text. Anything else, a malformed word
// included, is returned unchanged.
std::string DecodeMetadataValue(std::string_view value);

// `value` as is when it is printable US-ASCII, else one UTF-8 "B" encoded-word of its bytes.
std::string MailSafeMetadataValue(std::string_view value);

}  // namespace skybox::s3
