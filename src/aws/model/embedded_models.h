// The botocore models compiled into the binary (models/*.json.gz, placed in .rodata by an
// assembler .incbin that CMake generates). Only raw compressed bytes: nothing is inflated
// until a caller asks.
//
// Thread-safety: the table is constant data.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace skybox::aws {

struct EmbeddedModel {
  std::string_view name;        // botocore service name, e.g. "cognito-idp"
  std::string_view compressed;  // gzip bytes of the stripped service-2.json
};

// Every embedded model, sorted by name.
const std::vector<EmbeddedModel>& EmbeddedModels();

// Inflates gzip data. Fails with kDataLoss on corrupt input.
Result<std::string> Gunzip(std::string_view compressed);

}  // namespace skybox::aws
