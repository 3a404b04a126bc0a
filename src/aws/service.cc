#include "aws/service.h"

namespace skybox::aws {

void Service::Register(std::string operation, OperationHandler handler) {
  handlers_[std::move(operation)] = std::move(handler);
}

const OperationHandler* Service::Find(std::string_view operation) const {
  auto it = handlers_.find(operation);
  return it == handlers_.end() ? nullptr : &it->second;
}

const PublicResourceHandler* Service::FindPublicResource(std::string_view path) const {
  const PublicResourceHandler* found = nullptr;
  size_t found_length = 0;
  for (const auto& [prefix, handler] : public_resources_) {
    if (path.starts_with(prefix) && prefix.size() >= found_length) {
      found = &handler;
      found_length = prefix.size();
    }
  }
  return found;
}

void ServiceRegistry::Add(std::unique_ptr<Service> service) {
  std::string name = service->model_name();
  services_[name] = std::move(service);
}

const Service* ServiceRegistry::Find(std::string_view model_name) const {
  auto it = services_.find(model_name);
  return it == services_.end() ? nullptr : it->second.get();
}

const PublicResourceHandler* ServiceRegistry::FindPublicResource(std::string_view path) const {
  for (const auto& [name, service] : services_) {
    if (const PublicResourceHandler* handler = service->FindPublicResource(path)) return handler;
  }
  return nullptr;
}

void ServiceRegistry::BeginShutdown() const {
  for (const auto& [name, service] : services_) service->BeginShutdown();
}

Status NotImplementedError(std::string_view service_id, std::string_view operation) {
  return Status::Aws(StatusCode::kUnimplemented, 501, "NotImplemented",
                     "Skybox does not implement " + std::string(service_id) + " operation " +
                         std::string(operation) + " yet");
}

}  // namespace skybox::aws
