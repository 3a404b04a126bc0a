// libFuzzer target: the json protocol decoder (dynamodb's model) on arbitrary requests.
#include "aws/protocol/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  skybox::aws::fuzzing::RunDecodePath("dynamodb", data, size);
  return 0;
}
