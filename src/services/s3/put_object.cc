// PutObject: receive the body (body_upload.h), then commit it as the key's newest version
// (object_commit.h).
#include "base/checksum.h"
#include "base/crypto.h"
#include "aws/payload_reader.h"
#include "services/s3/body_upload.h"
#include "services/s3/http/conditions.h"
#include "services/s3/lifecycle_expiration.h"
#include "services/s3/object_acl.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_lock.h"
#include "services/s3/object_metadata.h"
#include "services/s3/operations.h"
#include "services/s3/s3_errors.h"
#include "services/s3/server_side_encryption.h"

namespace skybox::s3 {
namespace {

constexpr uint64_t kMaxSinglePutBytes = 5ull << 30;

// A single PUT carries at most 5 GiB: refused from the declared size, before the body is read.
Status CheckObjectSize(const aws::Call& call) {
  std::optional<uint64_t> declared = call.http->request_body->declared_length();
  if (!declared || *declared <= kMaxSinglePutBytes) return Status();
  return Status::Aws(StatusCode::kInvalidArgument, 400, "EntityTooLarge",
                     "Your proposed upload exceeds the maximum allowed size")
      .WithDetail("ProposedSize", std::to_string(*declared))
      .WithDetail("MaxSizeAllowed", std::to_string(kMaxSinglePutBytes));
}

}  // namespace

void PutObject(S3Backend& b, aws::Call call, aws::CallDone done) {
  std::string bucket = call.input.value("Bucket", std::string());
  std::string key = call.input.value("Key", std::string());
  if (Status st = CheckKeyLength(key); !st.ok()) return done(st);
  // An append (x-amz-write-offset-bytes) exists in S3 for directory buckets only, which Skybox
  // does not have: refused rather than taken for a whole-object write.
  if (call.input.contains("WriteOffsetBytes")) return done(NotImplementedHeader());
  if (Status st = RequireDeclaredLength(call); !st.ok()) return done(st);
  if (Status st = CheckObjectSize(call); !st.ok()) return done(st);
  auto state = b.BucketStateOf(bucket);  // NoSuchBucket when it does not exist
  if (!state.ok()) return done(state.status());
  ObjectVersion version;
  if (Status st = ReadObjectAttributes(call.input, version); !st.ok()) return done(st);
  auto encryption = DecideEncryption(call.input, (*state)->default_encryption, {call.caller.account_id, call.region});
  if (!encryption.ok()) return done(encryption.status());
  version.encryption = encryption->stored;
  std::optional<CustomerKey> customer_key = std::move(encryption->customer_key);
  WriteConditions conditions{RequestHeader(call, "if-match"), RequestHeader(call, "if-none-match")};
  if (Status st = ValidateWriteConditions(conditions); !st.ok()) return done(st);
  auto claims = ReadIntegrityClaims(call);
  if (!claims.ok()) return done(claims.status());
  if (Status st = ApplyObjectLockToNewVersion((*state)->object_lock, call.input, NowMs(), version); !st.ok()) {
    return done(st);
  }
  if (Status st = RequireIntegrityForObjectLock(version, claims->content_md5 || claims->algorithm); !st.ok()) {
    return done(st);
  }
  auto acl = ObjectAclForWrite(b, call);
  if (!acl.ok()) return done(acl.status());
  DefaultToCrc64Nvme(*claims);  // after Object Lock's check, which asks what the client sent
  std::optional<ChecksumAlgorithm> algorithm = claims->algorithm;
  std::vector<LifecycleRule> lifecycle = (*state)->lifecycle;  // copied here, not read on the committer

  // Committed into the bucket these decisions were made from, not one created since.
  WriteBucket target{bucket, (*state)->incarnation};
  auto shared_call = std::make_shared<aws::Call>(std::move(call));
  ReceiveBody(b, *shared_call, std::move(claims).value(),
              [&b, shared_call, target = std::move(target), key, version = std::move(version), algorithm,
               acl = std::move(acl).value(),
               lifecycle = std::move(lifecycle), customer_key = std::move(customer_key), done = std::move(done)](Result<UploadedBody> body) mutable {
    if (!body.ok()) return done(body.status());
    StoreBodyInVersion(std::move(body).value(), algorithm, version);
    std::vector<BlobId> blobs = BlobsOf(version);
    // The conditions point into the request's headers, which the shared call keeps alive.
    WriteConditions conditions{RequestHeader(*shared_call, "if-match"),
                                             RequestHeader(*shared_call, "if-none-match")};
    EventCause cause{"ObjectCreated:Put", OriginOf(*shared_call)};
    CommitNewVersion(b, std::move(target), key, std::move(version), conditions, std::move(cause),
                     [&b, shared_call, blobs, key, lifecycle = std::move(lifecycle),
                      customer_key = std::move(customer_key), done = std::move(done)](Result<ObjectVersion> written) {
      if (!written.ok()) {
        b.RemoveBlobsLater(blobs);
        return done(written.status());
      }
      aws::Document out = {{"ETag", written->etag}};
      AddEncryptionOutput(written->encryption, customer_key, out);
      if (written->version_id != "null") out["VersionId"] = written->version_id;
      AddLifecycleExpiration(lifecycle, key, *written, out);
      if (written->checksum) AddChecksumOutput(*written->checksum, out);
      done(out);
    }, std::move(acl));
  });
}

}  // namespace skybox::s3
