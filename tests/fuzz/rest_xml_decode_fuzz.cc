// libFuzzer target: the rest_xml protocol decoder (s3's model) on arbitrary requests.
#include "aws/protocol/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  skybox::aws::fuzzing::RunDecodePath("s3", data, size);
  return 0;
}
