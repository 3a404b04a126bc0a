// libFuzzer target: UpdateExpression parsing and application.
#include "services/dynamodb/expr/fuzz_fixture.h"
#include "services/dynamodb/expr/update.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace skybox::dynamodb;
  ExpressionAttributes attributes = fuzzing::Attributes();
  auto update = ParseUpdate(fuzzing::AsText(data, size), attributes);
  if (update.ok()) {
    (void)ApplyUpdate(*update, fuzzing::Item());
    (void)UpdatedPaths(*update);
  }
  return 0;
}
