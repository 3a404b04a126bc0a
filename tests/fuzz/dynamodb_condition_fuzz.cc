// libFuzzer target: ConditionExpression parsing and evaluation.
#include "services/dynamodb/expr/condition.h"
#include "services/dynamodb/expr/fuzz_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace skybox::dynamodb;
  ExpressionAttributes attributes = fuzzing::Attributes();
  auto condition = ParseCondition(fuzzing::AsText(data, size), ExpressionKind::kCondition, attributes);
  if (condition.ok()) {
    (void)EvaluateCondition(*condition, fuzzing::Item());
    (void)attributes.CheckAllUsed();
  }
  return 0;
}
