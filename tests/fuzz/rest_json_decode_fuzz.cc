// libFuzzer target: the rest_json protocol decoder (lambda's model) on arbitrary requests.
#include "aws/protocol/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  skybox::aws::fuzzing::RunDecodePath("lambda", data, size);
  return 0;
}
