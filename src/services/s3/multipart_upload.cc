// CreateMultipartUpload, UploadPart and AbortMultipartUpload (upload_record.h has the layout).
#include "base/ascii.h"
#include "base/checksum.h"
#include "base/crypto.h"
#include "services/s3/body_upload.h"
#include "services/s3/copy_source.h"
#include "services/s3/keys.h"
#include "services/s3/lifecycle_expiration.h"
#include "services/s3/object_acl.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_lock.h"
#include "services/s3/multipart_handlers.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"
#include "services/s3/server_side_encryption.h"
#include "services/s3/upload_record.h"

namespace skybox::s3 {
namespace {


// The upload's checksum from x-amz-checksum-algorithm and x-amz-checksum-type: COMPOSITE by
// default, FULL_OBJECT by default (and only) for CRC64NVME, FULL_OBJECT only for CRCs.
Result<std::optional<StoredChecksum>> ReadUploadChecksum(const aws::Document& in) {
  std::string type = in.value("ChecksumType", std::string());
  if (!in.contains("ChecksumAlgorithm")) {
    if (!type.empty()) {
      return InvalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
    }
    return std::optional<StoredChecksum>();
  }
  auto algorithm = ParseChecksumAlgorithm(in["ChecksumAlgorithm"].get<std::string>());
  if (!algorithm) return UnsupportedChecksumAlgorithm();
  if (type.empty()) type = *algorithm == ChecksumAlgorithm::kCrc64Nvme ? "FULL_OBJECT" : "COMPOSITE";
  if (type != "FULL_OBJECT" && type != "COMPOSITE") {
    return InvalidRequest("Value for x-amz-checksum-type header is invalid.");
  }
  const bool allowed = type == "FULL_OBJECT" ? IsCrcChecksum(*algorithm) : *algorithm != ChecksumAlgorithm::kCrc64Nvme;
  if (!allowed) {
    return InvalidRequest("The " + type + " checksum type cannot be used with the " +
                          AsciiLowercase(ChecksumName(*algorithm)) + " checksum algorithm.");
  }
  return std::optional<StoredChecksum>(StoredChecksum{std::string(ChecksumName(*algorithm)), "", type});
}

}  // namespace

void CreateMultipartUpload(S3Backend& b, aws::Call call, aws::CallDone done) {
  std::string bucket = call.input.value("Bucket", std::string());
  std::string key = call.input.value("Key", std::string());
  if (Status st = CheckKeyLength(key); !st.ok()) return done(st);
  auto state = b.BucketStateOf(bucket);  // NoSuchBucket when it does not exist
  if (!state.ok()) return done(state.status());
  ObjectVersion upload;
  if (Status st = ReadObjectAttributes(call.input, upload); !st.ok()) return done(st);
  auto checksum = ReadUploadChecksum(call.input);
  if (!checksum.ok()) return done(checksum.status());
  upload.checksum = *checksum;
  auto encryption = DecideEncryption(call.input, (*state)->default_encryption, {call.caller.account_id, call.region});
  if (!encryption.ok()) return done(encryption.status());
  upload.encryption = encryption->stored;
  upload.last_modified_ms = NowMs();
  // The completed object's lock is decided now: the request's, or the bucket's default.
  if (Status st = ApplyObjectLockToNewVersion((*state)->object_lock, call.input, upload.last_modified_ms, upload);
      !st.ok()) {
    return done(st);
  }
  // The ACL (x-amz-acl, x-amz-grant-*) is refused now as PutObject would refuse it, and kept for
  // the object CompleteMultipartUpload makes.
  auto acl = ObjectAclForWrite(b, call);
  if (!acl.ok()) return done(acl.status());
  std::string upload_id = NewUploadId();
  aws::Document out = {{"Bucket", bucket}, {"Key", key}, {"UploadId", upload_id}};
  AddEncryptionOutput(upload.encryption, encryption->customer_key, out);
  if (upload.checksum) {
    out["ChecksumAlgorithm"] = upload.checksum->algorithm;
    out["ChecksumType"] = upload.checksum->type;
  }
  AddUploadAbort((*state)->lifecycle, key, upload.last_modified_ms, out);
  // A new upload id is nobody else's key: only the bucket is held (against DeleteBucket).
  auto change = [&b, bucket, key, upload_id, upload = std::move(upload), acl = std::move(*acl)](
                    storage::WriteBatch& batch, ChangeEffects&) {
    batch.Put(b.ns(), UploadKey(bucket, key, upload_id), EncodeVersion(upload));
    if (acl) batch.Put(b.ns(), UploadAclKey(upload_id), *acl);
    return Status();
  };
  CommitUnderLocks(b, {bucket, (*state)->incarnation}, {}, std::move(change),
                   [out = std::move(out), done = std::move(done)](Status st) {
                     if (!st.ok()) return done(st);
                     done(out);
                   });
}

void UploadPart(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto target = ReadPartTarget(b, call);
  if (!target.ok()) return done(target.status());
  // Named references, not a structured binding: lambdas below capture them (clang < 16 cannot).
  const std::string &bucket = target->bucket, &key = target->key, &upload_id = target->upload_id;
  const uint32_t number = target->number;
  const ObjectVersion& upload = target->upload;
  if (Status st = RequireDeclaredLength(call); !st.ok()) return done(st);
  auto customer_key = ReadCustomerKey(call.input, CustomerKeyOf::kTarget);
  if (!customer_key.ok()) return done(customer_key.status());
  if (Status st = CheckCustomerKeyForPart(upload.encryption, *customer_key); !st.ok()) return done(st);
  aws::Document out = aws::Document::object();
  AddEncryptionOutput(upload.encryption, *customer_key, out);
  auto claims = ReadIntegrityClaims(call);
  if (!claims.ok()) return done(claims.status());
  if (Status st = RequireIntegrityForObjectLock(upload, claims->content_md5 || claims->algorithm); !st.ok()) {
    return done(st);
  }
  const std::optional<ChecksumAlgorithm> expected = UploadAlgorithm(upload);
  if (expected) {
    if (claims->algorithm && *claims->algorithm != *expected) {
      return done(InvalidRequest("Checksum Type mismatch occurred, expected checksum Type: " +
                                 AsciiLowercase(ChecksumName(*expected)) + ", actual checksum Type: " +
                                 AsciiLowercase(ChecksumName(*claims->algorithm))));
    }
    claims->algorithm = expected;
  } else {
    // An upload created without an algorithm: S3 computes and answers the part's CRC64NVME,
    // which CompleteMultipartUpload combines into the object's (AssembleObject).
    DefaultToCrc64Nvme(*claims);
  }
  std::optional<ChecksumAlgorithm> algorithm = claims->algorithm;
  // Which algorithm a part's checksum is, where the upload does not say.
  const bool record_algorithm = !expected && algorithm == ChecksumAlgorithm::kCrc64Nvme;

  auto shared_call = std::make_shared<aws::Call>(std::move(call));
  ReceiveBody(b, *shared_call, std::move(claims).value(),
              [&b, shared_call, bucket, key, upload_id, number = number, algorithm, record_algorithm,
               out = std::move(out), done = std::move(done)](Result<UploadedBody> body) mutable {
    if (!body.ok()) return done(body.status());
    ObjectVersion part;
    part.size = body->size;
    part.etag = EtagOfMd5(body->md5);
    part.last_modified_ms = NowMs();
    std::string checksum = body->checksum ? Base64Encode(*body->checksum) : std::string();
    if (record_algorithm) part.checksum = StoredChecksum{std::string(ChecksumName(*algorithm)), checksum, "FULL_OBJECT"};
    out["ETag"] = part.etag;
    if (algorithm) out[std::string(ChecksumMember(*algorithm))] = checksum;
    auto commit = [&b, bucket, key, upload_id, number, out, done](ObjectVersion part) mutable {
      CommitPart(b, bucket, key, upload_id, number, std::move(part), [out, done](Status st) {
        if (!st.ok()) return done(st);
        done(out);
      });
    };
    if (body->blob != 0) {
      part.parts.push_back({body->blob, body->size, part.etag, checksum});
      return commit(std::move(part));
    }
    // A part is always a blob, so that completing an upload never copies bytes.
    b.pool().Post([&b, part = std::move(part), checksum, inline_data = std::move(body->inline_data),
                   commit = std::move(commit), done]() mutable {
      ObjectVersion source;
      source.size = inline_data.size();
      source.inline_data = std::move(inline_data);
      auto blob = CopyRangeToBlob(b, source, 0, source.size, std::nullopt);
      if (!blob.ok()) return done(blob.status());
      part.parts.push_back({blob->part.blob, part.size, part.etag, checksum});
      commit(std::move(part));
    });
  });
}

void AbortMultipartUpload(S3Backend& b, aws::Call call, aws::CallDone done) {
  std::string bucket = call.input.value("Bucket", std::string());
  std::string key = call.input.value("Key", std::string());
  std::string upload_id = call.input.value("UploadId", std::string());
  if (Status st = b.RequireBucket(bucket); !st.ok()) return done(st);
  AbortUpload(b, bucket, key, upload_id, [done = std::move(done)](Status st) {
    if (!st.ok()) return done(st);
    done(aws::Document::object());
  });
}

}  // namespace skybox::s3
