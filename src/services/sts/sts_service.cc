#include "services/sts/sts_service.h"

#include "services/sts/get_caller_identity.h"

namespace skybox::services {

std::unique_ptr<aws::Service> MakeStsService() {
  auto service = std::make_unique<aws::Service>("sts");
  service->Register("GetCallerIdentity", GetCallerIdentity);
  return service;
}

}  // namespace skybox::services
