#include "services/s3/object_subresource_ops.h"

#include <initializer_list>
#include <utility>

#include "services/s3/object_acl.h"
#include "services/s3/object_attributes.h"
#include "services/s3/object_tagging.h"

namespace skybox::s3 {

void RegisterObjectSubresourceOperations(aws::Service& service, std::shared_ptr<S3Backend> backend) {
  using Handler = void (*)(S3Backend&, aws::Call, aws::CallDone);
  for (const auto& [operation, handler] : std::initializer_list<std::pair<const char*, Handler>>{
           {"PutObjectTagging", PutObjectTagging},
           {"GetObjectTagging", GetObjectTagging},
           {"DeleteObjectTagging", DeleteObjectTagging},
           {"GetObjectAttributes", GetObjectAttributes},
           {"GetObjectAcl", GetObjectAcl},
           {"PutObjectAcl", PutObjectAcl},
       }) {
    service.Register(operation, [backend, handler = handler](aws::Call call, aws::CallDone done) {
      handler(*backend, std::move(call), std::move(done));
    });
  }
}

}  // namespace skybox::s3
