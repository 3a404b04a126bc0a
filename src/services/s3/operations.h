// The S3 operations Skybox implements (docs/compat/s3.md); bucket configuration
// sub-resources are registered by config/bucket_config_ops.h.
//
// Each handler validates its input, reads and writes through S3Backend and calls `done` once.
#pragma once

#include <memory>

#include "aws/service.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

#define SKYBOX_S3_OPERATION(name) void name(S3Backend& backend, aws::Call call, aws::CallDone done)

// bucket_ops.cc
SKYBOX_S3_OPERATION(CreateBucket);
SKYBOX_S3_OPERATION(HeadBucket);
SKYBOX_S3_OPERATION(DeleteBucket);
SKYBOX_S3_OPERATION(ListBuckets);
SKYBOX_S3_OPERATION(GetBucketLocation);
// put_object.cc
SKYBOX_S3_OPERATION(PutObject);
// get_object.cc
SKYBOX_S3_OPERATION(GetObject);
SKYBOX_S3_OPERATION(HeadObject);
// delete_object.cc
SKYBOX_S3_OPERATION(DeleteObject);
SKYBOX_S3_OPERATION(DeleteObjects);
// list_objects.cc
SKYBOX_S3_OPERATION(ListObjects);
SKYBOX_S3_OPERATION(ListObjectsV2);
SKYBOX_S3_OPERATION(ListObjectVersions);

#undef SKYBOX_S3_OPERATION

// An operation handler above, bound to the backend. Every object and bucket operation is
// registered through it so that what all requests share is checked in one place: a request
// signed for another region than its bucket's is redirected (301 PermanentRedirect with
// x-amz-bucket-region), a Key that is not well-formed UTF-8 is refused (CheckKeyReadable), the bucket owner conditions
// (ExpectedBucketOwner, ExpectedSourceBucketOwner: config/bucket_owner.h) must hold, and an
// anonymous call is authorised by the bucket policy (anonymous_access.h), before the handler runs.
using BackendOperation = void (*)(S3Backend&, aws::Call, aws::CallDone);
aws::OperationHandler BindOperation(std::shared_ptr<S3Backend> backend, BackendOperation handler);

}  // namespace skybox::s3
