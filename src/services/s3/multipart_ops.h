// S3 operations: CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload,
// AbortMultipartUpload, ListParts, ListMultipartUploads, and CopyObject.
//
// Thread-safety: the handlers share the thread-safe S3Backend.
#pragma once

#include <memory>

#include "aws/service.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

void RegisterMultipartOperations(aws::Service& service, std::shared_ptr<S3Backend> backend);

}  // namespace skybox::s3
