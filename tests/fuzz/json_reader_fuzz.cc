// libFuzzer target: the fast JSON reader against nlohmann's parser. Wherever the fast path
// returns a document it must be the one nlohmann builds; it may only decline, never differ.
#include <cstdlib>
#include <string_view>

#include "aws/protocol/json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto plain = skybox::aws::ParsePlainJson(text);
  if (!plain) return 0;
  skybox::aws::Document reference = skybox::aws::Document::parse(text, nullptr, false);
  if (reference.is_discarded() || reference.dump() != plain->dump()) std::abort();
  return 0;
}
