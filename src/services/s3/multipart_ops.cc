#include "services/s3/multipart_ops.h"

#include "services/s3/multipart_handlers.h"
#include "services/s3/operations.h"

namespace skybox::s3 {

void RegisterMultipartOperations(aws::Service& service, std::shared_ptr<S3Backend> backend) {
  auto bind = [&backend](BackendOperation handler) { return BindOperation(backend, handler); };
  service.Register("CreateMultipartUpload", bind(CreateMultipartUpload));
  service.Register("UploadPart", bind(UploadPart));
  service.Register("UploadPartCopy", bind(UploadPartCopy));
  service.Register("CompleteMultipartUpload", bind(CompleteMultipartUpload));
  service.Register("AbortMultipartUpload", bind(AbortMultipartUpload));
  service.Register("ListParts", bind(ListParts));
  service.Register("ListMultipartUploads", bind(ListMultipartUploads));
  service.Register("CopyObject", bind(CopyObject));
}

}  // namespace skybox::s3
