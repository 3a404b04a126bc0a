// libFuzzer target: KeyConditionExpression parsing, key-schema matching and sort-key tests.
#include "services/dynamodb/expr/fuzz_fixture.h"
#include "services/dynamodb/expr/key_condition.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace skybox::dynamodb;
  ExpressionAttributes attributes = fuzzing::Attributes();
  auto key = ParseKeyCondition(fuzzing::AsText(data, size), attributes);
  if (!key.ok()) return 0;
  auto checked = CheckKeySchema(*key, "pk", "sk", AttributeType::kS, AttributeType::kN);
  if (checked.ok() && checked->sort_key) {
    (void)SortKeyMatches(*checked->sort_key, fuzzing::Item()["sk"]);
  }
  return 0;
}
