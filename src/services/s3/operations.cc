#include "services/s3/operations.h"

#include "services/s3/anonymous_access.h"
#include "services/s3/config/bucket_owner.h"
#include "services/s3/copy_source.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {
namespace {

// The call's bucket owner conditions (config/bucket_owner.h): ExpectedBucketOwner on the bucket
// it names, ExpectedSourceBucketOwner on the bucket its CopySource names (a CopySource that does
// not parse is the operation's to refuse).
Status CheckBucketOwners(S3Backend& backend, const aws::Call& call) {
  auto require_bucket = [&backend](std::string_view bucket) { return backend.BucketStateOf(bucket).status(); };
  if (auto expected = call.input.find("ExpectedBucketOwner"); expected != call.input.end() && expected->is_string()) {
    SKYBOX_RETURN_IF_ERROR(
        CheckBucketOwner(expected->get_ref<const std::string&>(), call.input.value("Bucket", ""), require_bucket));
  }
  auto expected_source = call.input.find("ExpectedSourceBucketOwner");
  if (expected_source == call.input.end() || !expected_source->is_string()) return Status();
  std::string source_bucket;
  if (auto source = ParseCopySource(call.input.value("CopySource", "")); source.ok()) source_bucket = source->bucket;
  return CheckBucketOwner(expected_source->get_ref<const std::string&>(), source_bucket, require_bucket);
}

// S3's endpoint for one region redirects requests for a bucket in another: 301 PermanentRedirect
// with the bucket's region in x-amz-bucket-region, the header SDKs follow to sign again for
// that region. Skybox answers for every region on one endpoint and takes the region a request
// was signed for as the endpoint it meant (as CreateBucket does), so the endpoint named is the
// one the request came to. Unsigned and SigV2 requests name no region; CreateBucket judges its
// own; GetBucketLocation is how clients learn a bucket's region and is answered from anywhere
// (SDKs ask it through the global endpoint); a bucket that does not exist is the operation's
// to report.
Status CheckBucketRegion(S3Backend& backend, aws::Call& call) {
  if (call.signing_region.empty() || call.operation == "CreateBucket" || call.operation == "GetBucketLocation") {
    return Status();
  }
  auto bucket = call.input.find("Bucket");
  if (bucket == call.input.end() || !bucket->is_string()) return Status();
  const std::string& name = bucket->get_ref<const std::string&>();
  auto state = backend.BucketStateOf(name);
  if (!state.ok() || (*state)->region == call.signing_region) return Status();
  if (call.http) call.http->response_headers.push_back({"x-amz-bucket-region", (*state)->region});
  return PermanentRedirect(call.host, name);
}

}  // namespace

aws::OperationHandler BindOperation(std::shared_ptr<S3Backend> backend, BackendOperation handler) {
  return [backend = std::move(backend), handler](aws::Call call, aws::CallDone done) {
    if (Status st = CheckBucketRegion(*backend, call); !st.ok()) return done(st);
    if (auto key = call.input.find("Key"); key != call.input.end() && key->is_string()) {
      if (Status st = CheckKeyReadable(key->get_ref<const std::string&>()); !st.ok()) return done(st);
    }
    if (Status st = CheckBucketOwners(*backend, call); !st.ok()) return done(st);
    if (IsAnonymous(call)) {
      auto grant = AuthorizeAnonymous(*backend, call);
      if (!grant.ok()) return done(grant.status());
      done = HideMissingKeys(*grant, call, std::move(done));
    }
    handler(*backend, std::move(call), std::move(done));
  };
}

}  // namespace skybox::s3
