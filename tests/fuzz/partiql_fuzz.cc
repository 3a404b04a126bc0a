// libFuzzer target: DynamoDB PartiQL parsing and translation into native requests, with and
// without bound parameters.
#include <string_view>

#include "services/dynamodb/partiql/parser.h"
#include "services/dynamodb/partiql/translate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace skybox::dynamodb::partiql;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const skybox::aws::Document parameters = {{{"S", "p"}}, {{"N", "1"}}};
  for (const skybox::aws::Document& params : {skybox::aws::Document(), parameters}) {
    auto statement = ParseStatement(text, params);
    if (!statement.ok()) continue;
    (void)Translate(*statement, KeyNames{"pk", std::nullopt});
    (void)Translate(*statement, KeyNames{"pk", "sk"}, /*point_read=*/true);
  }
  return 0;
}
