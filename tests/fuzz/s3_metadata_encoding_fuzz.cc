// libFuzzer target: RFC 2047 in S3 user metadata values (x-amz-meta-* headers and POST form
// fields, client-controlled). Any input decodes or is kept without crashing; a value encoded
// for returning decodes back to itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "services/s3/http/metadata_encoding.h"

using namespace skybox::s3;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)DecodeMetadataValue(text);
  const std::string safe = MailSafeMetadataValue(text);
  if (safe != text && DecodeMetadataValue(safe) != text) __builtin_trap();
  return 0;
}
