#include "services/sns/sns_service.h"

#include <cstdlib>

#include "services/sns/operations.h"
#include "services/sns/topic_sink.h"

namespace skybox::services {
namespace {

using sns::SnsBackend;

constexpr std::string_view kPublicPrefix = "/_skybox/sns/";
constexpr size_t kDefaultDeliveriesLimit = 1000;

net::HttpResponse TextResponse(int status, std::string content_type, std::string body) {
  net::HttpResponse r;
  r.status = status;
  r.SetHeader("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

size_t LimitParameter(std::string_view query) {
  size_t pos = query.find("limit=");
  if (pos == std::string_view::npos) return kDefaultDeliveriesLimit;
  long v = std::strtol(std::string(query.substr(pos + 6)).c_str(), nullptr, 10);
  return v > 0 ? static_cast<size_t>(v) : kDefaultDeliveriesLimit;
}

net::HttpResponse PublicResource(SnsBackend& backend, const net::HttpRequest& request) {
  std::string_view name = request.Path().substr(kPublicPrefix.size());
  if (name == "deliveries") {
    return TextResponse(200, "application/json", backend.RecordedDeliveries(LimitParameter(request.RawQuery())).dump());
  }
  // Only certificate names need the key (which may still be loading in the first moments).
  if (name.starts_with("SimpleNotificationService-")) {
    auto signer = backend.signer();
    if (!signer.ok()) return TextResponse(500, "text/plain", "The signing key is unavailable\n");
    if (name == "SimpleNotificationService-" + (*signer)->cert_id() + ".pem") {
      return TextResponse(200, "application/x-x509-ca-cert", (*signer)->cert_pem());
    }
  }
  return TextResponse(404, "text/plain", "Not Found\n");
}

// Adapts an SNS handler to the aws::Service shape, bound to the backend.
aws::OperationHandler Bind(const std::shared_ptr<SnsBackend>& backend, sns::Handler handler) {
  return [backend, handler](aws::Call call, aws::CallDone done) { handler(*backend, std::move(call), std::move(done)); };
}

}  // namespace

Result<std::unique_ptr<aws::Service>> MakeSnsService(storage::Store* store, delivery::Outbox* outbox,
                                                     delivery::SinkRegistry* sinks, sns::SnsOptions options) {
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<SnsBackend> backend, SnsBackend::Open(store, outbox, std::move(options)));
  sinks->Register("arn:aws:sns:", std::make_shared<sns::TopicSink>(backend));
  auto service = std::make_unique<aws::Service>("sns");
  service->Register("CreateTopic", Bind(backend, sns::CreateTopic));
  service->Register("DeleteTopic", Bind(backend, sns::DeleteTopic));
  service->Register("ListTopics", Bind(backend, sns::ListTopics));
  service->Register("GetTopicAttributes", Bind(backend, sns::GetTopicAttributes));
  service->Register("SetTopicAttributes", Bind(backend, sns::SetTopicAttributes));
  service->Register("GetDataProtectionPolicy", Bind(backend, sns::GetDataProtectionPolicy));
  service->Register("PutDataProtectionPolicy", Bind(backend, sns::PutDataProtectionPolicy));
  service->Register("TagResource", Bind(backend, sns::TagResource));
  service->Register("UntagResource", Bind(backend, sns::UntagResource));
  service->Register("ListTagsForResource", Bind(backend, sns::ListTagsForResource));
  service->Register("Subscribe", Bind(backend, sns::Subscribe));
  service->Register("ConfirmSubscription", Bind(backend, sns::ConfirmSubscription));
  service->Register("Unsubscribe", Bind(backend, sns::Unsubscribe));
  service->Register("ListSubscriptions", Bind(backend, sns::ListSubscriptions));
  service->Register("ListSubscriptionsByTopic", Bind(backend, sns::ListSubscriptionsByTopic));
  service->Register("GetSubscriptionAttributes", Bind(backend, sns::GetSubscriptionAttributes));
  service->Register("SetSubscriptionAttributes", Bind(backend, sns::SetSubscriptionAttributes));
  service->Register("Publish", Bind(backend, sns::Publish));
  service->Register("PublishBatch", Bind(backend, sns::PublishBatch));
  service->Register("AddPermission", Bind(backend, sns::AddPermission));
  service->Register("RemovePermission", Bind(backend, sns::RemovePermission));
  service->Register("CreatePlatformApplication", Bind(backend, sns::CreatePlatformApplication));
  service->Register("GetPlatformApplicationAttributes", Bind(backend, sns::GetPlatformApplicationAttributes));
  service->Register("SetPlatformApplicationAttributes", Bind(backend, sns::SetPlatformApplicationAttributes));
  service->Register("DeletePlatformApplication", Bind(backend, sns::DeletePlatformApplication));
  service->Register("ListPlatformApplications", Bind(backend, sns::ListPlatformApplications));
  service->Register("CreatePlatformEndpoint", Bind(backend, sns::CreatePlatformEndpoint));
  service->Register("GetEndpointAttributes", Bind(backend, sns::GetEndpointAttributes));
  service->Register("SetEndpointAttributes", Bind(backend, sns::SetEndpointAttributes));
  service->Register("DeleteEndpoint", Bind(backend, sns::DeleteEndpoint));
  service->Register("ListEndpointsByPlatformApplication", Bind(backend, sns::ListEndpointsByPlatformApplication));
  service->Register("SetSMSAttributes", Bind(backend, sns::SetSMSAttributes));
  service->Register("GetSMSAttributes", Bind(backend, sns::GetSMSAttributes));
  service->Register("CheckIfPhoneNumberIsOptedOut", Bind(backend, sns::CheckIfPhoneNumberIsOptedOut));
  service->Register("ListPhoneNumbersOptedOut", Bind(backend, sns::ListPhoneNumbersOptedOut));
  service->Register("OptInPhoneNumber", Bind(backend, sns::OptInPhoneNumber));
  service->Register("GetSMSSandboxAccountStatus", Bind(backend, sns::GetSMSSandboxAccountStatus));
  service->Register("CreateSMSSandboxPhoneNumber", Bind(backend, sns::CreateSMSSandboxPhoneNumber));
  service->Register("VerifySMSSandboxPhoneNumber", Bind(backend, sns::VerifySMSSandboxPhoneNumber));
  service->Register("DeleteSMSSandboxPhoneNumber", Bind(backend, sns::DeleteSMSSandboxPhoneNumber));
  service->Register("ListSMSSandboxPhoneNumbers", Bind(backend, sns::ListSMSSandboxPhoneNumbers));
  service->Register("ListOriginationNumbers", Bind(backend, sns::ListOriginationNumbers));
  service->AllowUnsigned("ConfirmSubscription");
  service->AllowUnsigned("Unsubscribe");
  service->SetPublicResource(std::string(kPublicPrefix),
                             [backend](const net::HttpRequest& request) { return PublicResource(*backend, request); });
  return service;
}

}  // namespace skybox::services
