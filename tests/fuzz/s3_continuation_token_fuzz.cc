// libFuzzer target: S3's continuation tokens (ListObjectsV2, ListBuckets), which clients send
// back as they please. Any input decodes or is refused without crashing; a position encoded
// and decoded again is the same position.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "services/s3/continuation_token.h"

using namespace skybox::s3;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)DecodeContinuationToken(text);
  auto round_trip = DecodeContinuationToken(EncodeContinuationToken(text));
  if (!round_trip || *round_trip != text) __builtin_trap();
  return 0;
}
