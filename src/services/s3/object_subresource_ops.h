// S3 operations: Get/Put/DeleteObjectTagging, GetObjectAttributes, Get/PutObjectAcl,
// Get/PutObjectRetention and Get/PutObjectLegalHold.
//
// Thread-safety: the handlers share the thread-safe S3Backend.
#pragma once

#include <memory>

#include "aws/service.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

void RegisterObjectSubresourceOperations(aws::Service& service, std::shared_ptr<S3Backend> backend);

}  // namespace skybox::s3
