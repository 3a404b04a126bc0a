#include "services/s3/object_subresource_ops.h"

#include <initializer_list>
#include <utility>

#include "services/s3/object_acl.h"
#include "services/s3/object_attributes.h"
#include "services/s3/object_lock.h"
#include "services/s3/object_tagging.h"
#include "services/s3/operations.h"

namespace skybox::s3 {

void RegisterObjectSubresourceOperations(aws::Service& service, std::shared_ptr<S3Backend> backend) {
  for (const auto& [operation, handler] : std::initializer_list<std::pair<const char*, BackendOperation>>{
           {"PutObjectTagging", PutObjectTagging},
           {"GetObjectTagging", GetObjectTagging},
           {"DeleteObjectTagging", DeleteObjectTagging},
           {"GetObjectAttributes", GetObjectAttributes},
           {"GetObjectAcl", GetObjectAcl},
           {"PutObjectAcl", PutObjectAcl},
           {"PutObjectRetention", PutObjectRetention},
           {"GetObjectRetention", GetObjectRetention},
           {"PutObjectLegalHold", PutObjectLegalHold},
           {"GetObjectLegalHold", GetObjectLegalHold},
       }) {
    service.Register(operation, BindOperation(backend, handler));
  }
}

}  // namespace skybox::s3
