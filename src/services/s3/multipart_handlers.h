// The handlers RegisterMultipartOperations (multipart_ops.h) binds, one file per concern:
// multipart_upload.cc (create, upload part, abort), upload_part_copy.cc, multipart_complete.cc,
// multipart_list.cc (ListParts, ListMultipartUploads) and copy_object.cc.
//
// Each validates its input, reads and writes through S3Backend and calls `done` once.
#pragma once

#include "aws/service.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

#define SKYBOX_S3_MULTIPART_OPERATION(name) void name(S3Backend& backend, aws::Call call, aws::CallDone done)

SKYBOX_S3_MULTIPART_OPERATION(CreateMultipartUpload);
SKYBOX_S3_MULTIPART_OPERATION(UploadPart);
SKYBOX_S3_MULTIPART_OPERATION(AbortMultipartUpload);
SKYBOX_S3_MULTIPART_OPERATION(UploadPartCopy);
SKYBOX_S3_MULTIPART_OPERATION(CompleteMultipartUpload);
SKYBOX_S3_MULTIPART_OPERATION(ListParts);
SKYBOX_S3_MULTIPART_OPERATION(ListMultipartUploads);
SKYBOX_S3_MULTIPART_OPERATION(CopyObject);

#undef SKYBOX_S3_MULTIPART_OPERATION

}  // namespace skybox::s3
