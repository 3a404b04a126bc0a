#include "services/s3/s3_service.h"

#include "services/s3/anonymous_access.h"
#include "services/s3/archive_restore.h"
#include "services/s3/bucket_cors_policy.h"
#include "services/s3/config/bucket_config_ops.h"
#include "services/s3/form_upload.h"
#include "services/s3/keys.h"
#include "services/s3/lifecycle_worker.h"
#include "services/s3/multipart_ops.h"
#include "services/s3/notification/notification_ops.h"
#include "services/s3/object_subresource_ops.h"
#include "services/s3/operations.h"
#include "services/s3/website_endpoint.h"

namespace skybox::services {

Result<std::unique_ptr<aws::Service>> MakeS3Service(storage::Store* store, s3::S3Options options,
                                                    const aws::CredentialStore* credentials,
                                                    std::shared_ptr<delivery::Outbox> outbox,
                                                    const delivery::SinkRegistry* destinations) {
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<s3::S3Backend> backend,
                          s3::S3Backend::Open(store, std::move(options), std::move(outbox)));
  auto service = std::make_unique<aws::Service>("s3");
  auto bind = [&backend](s3::BackendOperation handler) { return s3::BindOperation(backend, handler); };
  service->Register("CreateBucket", bind(s3::CreateBucket));
  service->Register("HeadBucket", bind(s3::HeadBucket));
  service->Register("DeleteBucket", bind(s3::DeleteBucket));
  service->Register("ListBuckets", bind(s3::ListBuckets));
  service->Register("GetBucketLocation", bind(s3::GetBucketLocation));
  service->Register("PutObject", bind(s3::PutObject));
  service->Register("GetObject", bind(s3::GetObject));
  service->Register("HeadObject", bind(s3::HeadObject));
  service->Register("DeleteObject", bind(s3::DeleteObject));
  service->Register("DeleteObjects", bind(s3::DeleteObjects));
  service->Register("ListObjects", bind(s3::ListObjects));
  service->Register("ListObjectsV2", bind(s3::ListObjectsV2));
  service->Register("ListObjectVersions", bind(s3::ListObjectVersions));
  service->Register("RestoreObject", bind(s3::RestoreObject));
  s3::RegisterMultipartOperations(*service, backend);
  s3::RegisterObjectSubresourceOperations(*service, backend);
  s3::BucketConfigHold hold_config = [backend](std::string bucket, std::function<void(std::function<void()>)> work) {
    std::string config = s3::BucketConfigPrefix(bucket);
    backend->HoldKeysAndBucket(std::move(bucket), {std::move(config)}, std::move(work));
  };
  s3::RegisterBucketConfigOperations(
      *service, {store, backend->ns(), [backend](std::string_view bucket) { return backend->RequireBucket(bucket); },
                 [backend](std::string_view bucket) { backend->BucketChanged(bucket); }, hold_config});
  s3::RegisterNotificationOperations(
      *service, {store, backend->ns(), [backend](std::string_view bucket) { return backend->RequireBucket(bucket); },
                 backend->shared_notifier(),
                 destinations == nullptr ? std::function<bool(std::string_view)>()
                                         : [destinations](std::string_view arn) { return destinations->Exists(arn); },
                 hold_config});
  service->SetCorsPolicy(s3::NewBucketCorsPolicy(backend));
  // Unsigned reads reach their handlers, which the bucket policy then admits or refuses.
  for (const std::string& operation : s3::AnonymousOperations()) service->AllowUnsigned(operation);
  service->SetFormUpload(s3::NewFormUploadHandler(backend, credentials));
  service->SetWebsiteEndpoint(s3::NewWebsiteEndpoint(backend));
  auto lifecycle = std::make_shared<s3::LifecycleWorker>(backend, backend->options().lifecycle_interval);
  lifecycle->Start();
  service->SetShutdownHook([lifecycle] { lifecycle->Stop(); });
  return service;
}

}  // namespace skybox::services
