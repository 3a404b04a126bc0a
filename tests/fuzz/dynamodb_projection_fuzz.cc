// libFuzzer target: ProjectionExpression parsing and projection.
#include "services/dynamodb/expr/fuzz_fixture.h"
#include "services/dynamodb/expr/projection.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace skybox::dynamodb;
  ExpressionAttributes attributes = fuzzing::Attributes();
  auto projection = ParseProjection(fuzzing::AsText(data, size), attributes);
  if (projection.ok()) (void)Project(*projection, fuzzing::Item());
  return 0;
}
