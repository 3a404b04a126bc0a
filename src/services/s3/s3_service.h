// Amazon S3 over the Store and a blob store (docs/compat/s3.md, docs/design/0002-s3-storage.md).
//
// Thread-safety: the returned Service is immutable; its handlers share one S3Backend, which is
// thread-safe. The service must be destroyed before the Store.
#pragma once

#include <memory>

#include "aws/auth/credential_store.h"
#include "aws/service.h"
#include "base/result.h"
#include "services/delivery/sink.h"
#include "services/s3/s3_backend.h"
#include "storage/store.h"

namespace skybox::services {

// Opens S3's namespace and blob store (removing blobs a crash left unreferenced).
// `credentials` (which must outlive the service) verify browser POST uploads' policies.
// Bucket event notifications are staged into `outbox` (none are sent when it is null); their
// destinations are checked against `destinations` when a configuration is put (not when null).
Result<std::unique_ptr<aws::Service>> MakeS3Service(storage::Store* store, s3::S3Options options,
                                                    const aws::CredentialStore* credentials,
                                                    std::shared_ptr<delivery::Outbox> outbox = nullptr,
                                                    const delivery::SinkRegistry* destinations = nullptr);

}  // namespace skybox::services
