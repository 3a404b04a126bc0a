// Server-side encryption of S3 objects, as clients observe it: which encryption a new version
// gets (the request's x-amz-server-side-encryption* headers or the bucket's default encryption),
// validated with S3's errors; the SSE-C key check every read of an SSE-C object needs; and the
// response members that report a version's encryption.
//
// Skybox does not encrypt the stored bytes and has no KMS: SSE-S3 and SSE-KMS are recorded and
// reported only. An SSE-C key is never stored: a version keeps a random salt and the
// HMAC-SHA256 of the key under it (as S3 does), enough to recognise the key, not to recover it.
//
// Thread-safety: pure functions (NewCustomerEncryption draws a random salt).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/object_record.h"

namespace skybox::s3 {

// An SSE-C key as a request gives it (x-amz-server-side-encryption-customer-* or the
// x-amz-copy-source-... ones), validated.
struct CustomerKey {
  std::string key;      // the 32 raw bytes
  std::string key_md5;  // base64 MD5 of `key`, reported back as SSECustomerKeyMD5
};

// Which members of an input carry the customer key.
enum class CustomerKeyOf { kTarget, kCopySource };

// The SSE-C key of a request (SSECustomerAlgorithm, SSECustomerKey, SSECustomerKeyMD5, or the
// CopySource... members); nullopt when none of them is present. InvalidArgument as S3 answers
// for a missing algorithm, key or key MD5, a key whose MD5 is not the one given or that is not
// 32 bytes; InvalidEncryptionAlgorithmError for an algorithm but AES256.
Result<std::optional<CustomerKey>> ReadCustomerKey(const aws::Document& input, CustomerKeyOf which);

// Where the KMS keys a version names live (ARNs are reported in the caller's account and region).
struct KmsScope {
  std::string account_id;
  std::string region;
};

// The encryption of a new version and, for SSE-C, the key the request gave (for the response).
struct EncryptionDecision {
  StoredEncryption stored;
  std::optional<CustomerKey> customer_key;
};

// The encryption a write (PutObject, CopyObject, CreateMultipartUpload, POST Object) gives its
// version, from its input members and `bucket_default` (the bucket's "encryption"
// configuration document; nullopt: none, which is SSE-S3 with SSE-C blocked). A request that
// names none takes the bucket's default. 403 AccessDenied for SSE-C (any SSECustomer* member)
// when the bucket blocks it: its configuration's BlockedEncryptionTypes names SSE-C, or it has
// none (S3's default since April 2026). InvalidArgument for an unknown ServerSideEncryption, SSE-C with
// ServerSideEncryption, SSEKMSKeyId or SSEKMSEncryptionContext without aws:kms, and
// ReadCustomerKey's errors (BucketKeyEnabled without aws:kms is ignored). A write that names no
// encryption under an aws:kms default reports the default's KMSMasterKeyID; one that names
// aws:kms without a key id, the account's AWS managed key (aws/s3). An SSEKMSEncryptionContext
// that is not base64 of a JSON object of strings is InvalidArgument; a valid one is kept as sent.
Result<EncryptionDecision> DecideEncryption(const aws::Document& input,
                                            const std::optional<aws::Document>& bucket_default,
                                            const KmsScope& scope);

// The SSE-C record of a version written with `key`: AES256, a fresh random salt and the HMAC.
StoredEncryption NewCustomerEncryption(const CustomerKey& key);

// OK when a read (or copy source, or part upload) giving `provided` may use an object stored
// with `stored`. For reads of an SSE-C object: 400 InvalidRequest without a key, 403
// AccessDenied with another key; SSE-C parameters for an object without SSE-C are 400
// InvalidRequest ("not applicable").
Status CheckCustomerKeyForRead(const StoredEncryption& stored, const std::optional<CustomerKey>& provided);

// The same check for UploadPart / UploadPartCopy against the upload's encryption, with the
// messages S3 gives parts.
Status CheckCustomerKeyForPart(const StoredEncryption& upload, const std::optional<CustomerKey>& provided);

// Output members reporting `stored`: ServerSideEncryption (+ SSEKMSKeyId, SSEKMSEncryptionContext
// when the write gave one, BucketKeyEnabled when on) or, for SSE-C, SSECustomerAlgorithm and SSECustomerKeyMD5 (the key the request gave;
// omitted when `customer_key` is null).
void AddEncryptionOutput(const StoredEncryption& stored, const std::optional<CustomerKey>& customer_key,
                         aws::Document& out);

}  // namespace skybox::s3
