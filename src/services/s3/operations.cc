#include "services/s3/operations.h"

#include "services/s3/anonymous_access.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {

aws::OperationHandler BindOperation(std::shared_ptr<S3Backend> backend, BackendOperation handler) {
  return [backend = std::move(backend), handler](aws::Call call, aws::CallDone done) {
    if (auto key = call.input.find("Key"); key != call.input.end() && key->is_string()) {
      if (Status st = CheckKeyReadable(key->get_ref<const std::string&>()); !st.ok()) return done(st);
    }
    if (IsAnonymous(call)) {
      auto grant = AuthorizeAnonymous(*backend, call);
      if (!grant.ok()) return done(grant.status());
      done = HideMissingKeys(*grant, call, std::move(done));
    }
    handler(*backend, std::move(call), std::move(done));
  };
}

}  // namespace skybox::s3
