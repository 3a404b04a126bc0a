// AWS Security Token Service. Implemented: GetCallerIdentity. Every other STS operation
// answers NotImplemented (docs/compat/sts.md).
//
// Thread-safety: the returned Service is immutable; its handlers are stateless.
#pragma once

#include <memory>

#include "aws/service.h"

namespace skybox::services {

std::unique_ptr<aws::Service> MakeStsService();

}  // namespace skybox::services
