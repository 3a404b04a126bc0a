// libFuzzer target: the decode path of SQS requests (JSON 1.0 with X-Amz-Target, and the
// form-encoded query protocol when the request is one) on arbitrary bytes.
#include "aws/protocol/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  skybox::aws::fuzzing::RunDecodePath("sqs", data, size);
  return 0;
}
