// libFuzzer target: Number parsing; a parsed number must round-trip through its canonical text
// and compare/add consistently.
#include <cstdlib>

#include "services/dynamodb/expr/fuzz_fixture.h"
#include "services/dynamodb/expr/number.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using skybox::dynamodb::Number;
  auto n = Number::Parse(skybox::dynamodb::fuzzing::AsText(data, size));
  if (!n.ok()) return 0;
  auto again = Number::Parse(n->ToString());
  if (!again.ok() || !(*again == *n)) std::abort();
  auto zero = n->Subtract(*n);
  if (!zero.ok() || !zero->is_zero()) std::abort();
  auto twice = n->Add(*n);
  if (twice.ok() && !n->is_zero() && ((*twice > *n) != !n->negative())) std::abort();
  return 0;
}
