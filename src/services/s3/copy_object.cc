// CopyObject: a new version of the destination key with the source's bytes (each source blob
// hard-linked under a new id, inline bytes copied) and the source's or the request's
// attributes (x-amz-metadata-directive, x-amz-tagging-directive), committed through
// CommitNewVersion with the destination's conditional-write headers.
#include <memory>

#include "base/checksum.h"
#include "base/crypto.h"
#include "services/s3/body_upload.h"
#include "services/s3/copy_source.h"
#include "services/s3/http/conditions.h"
#include "services/s3/lifecycle_expiration.h"
#include "services/s3/multipart_handlers.h"
#include "services/s3/object_acl.h"
#include "services/s3/object_body_source.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_lock.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"
#include "services/s3/server_side_encryption.h"

namespace skybox::s3 {
namespace {

// "COPY" (the default) or "REPLACE"; nullopt for anything else.
std::optional<bool> IsReplace(const aws::Document& in, const char* member) {
  std::string directive = in.value(member, std::string("COPY"));
  if (directive == "COPY") return false;
  if (directive == "REPLACE") return true;
  return std::nullopt;
}

// S3 refuses a copy onto the source itself that changes nothing it stores about the object.
bool ChangesNothing(const aws::Document& in, bool replace_metadata) {
  if (replace_metadata) return false;
  for (const char* member : {"StorageClass", "WebsiteRedirectLocation", "ServerSideEncryption", "SSEKMSKeyId",
                             "SSECustomerAlgorithm"}) {
    if (in.contains(member)) return false;
  }
  return true;
}

}  // namespace

void CopyObject(S3Backend& b, aws::Call call, aws::CallDone done) {
  const aws::Document& in = call.input;
  std::string bucket = in.value("Bucket", std::string());
  std::string key = in.value("Key", std::string());
  auto state = b.BucketStateOf(bucket);  // NoSuchBucket when it does not exist
  if (!state.ok()) return done(state.status());
  std::optional<bool> replace_metadata = IsReplace(in, "MetadataDirective");
  if (!replace_metadata) return done(InvalidArgument("Unknown metadata directive."));
  std::optional<bool> replace_tags = IsReplace(in, "TaggingDirective");
  if (!replace_tags) return done(InvalidArgument("Unknown tagging directive."));
  ObjectVersion requested;
  if (Status st = ReadObjectAttributes(in, requested); !st.ok()) return done(st);
  // The copy's encryption is the request's or the bucket's default, never the source's.
  auto encryption = DecideEncryption(in, (*state)->default_encryption, {call.caller.account_id, call.region});
  if (!encryption.ok()) return done(encryption.status());
  WriteConditions conditions{RequestHeader(call, "if-match"), RequestHeader(call, "if-none-match")};
  if (Status st = ValidateWriteConditions(conditions); !st.ok()) return done(st);
  auto source_name = ParseCopySource(in.value("CopySource", std::string()));
  if (!source_name.ok()) return done(source_name.status());
  // Held until the source's blobs are linked and read: a delete of the source meanwhile waits.
  auto blob_guard = std::make_shared<BlobReclaimer::ReadGuard>(b.GuardBlobReads());
  auto source = ReadCopySource(b, call, *source_name);
  if (!source.ok()) return done(source.status());
  // x-amz-checksum-algorithm: the copy's checksum in that algorithm, computed from its bytes
  // unless the source already has one of it (a source's checksum is kept otherwise). A new
  // checksum is a change: an object may be copied onto itself to get one, as in S3.
  std::optional<ChecksumAlgorithm> digest;
  if (auto named = in.find("ChecksumAlgorithm"); named != in.end()) {
    auto algorithm = ParseChecksumAlgorithm(named->get<std::string>());
    if (!algorithm) return done(UnsupportedChecksumAlgorithm());
    if (!source->checksum || source->checksum->algorithm != ChecksumName(*algorithm)) digest = algorithm;
  }

  if (source_name->bucket == bucket && source_name->key == key && !digest && ChangesNothing(in, *replace_metadata)) {
    auto head = b.ReadHead(bucket, key);
    if (!head.ok()) return done(S3InternalError(head.status()));
    if (*head && (*head)->version_id == source->version_id) {
      return done(InvalidRequest("This copy request is illegal because it is trying to copy an object to itself "
                                 "without changing the object's metadata, storage class, website redirect "
                                 "location or encryption attributes."));
    }
  }

  ObjectVersion copy = *source;
  std::string source_version_id = copy.version_id;
  if (*replace_metadata) {
    std::vector<std::pair<std::string, std::string>> tags = std::move(copy.tags);
    copy = requested;
    copy.tags = std::move(tags);
    copy.size = source->size;
    copy.etag = source->etag;
    copy.checksum = source->checksum;
    copy.multipart = source->multipart;
    copy.parts = source->parts;
    copy.inline_data = std::move(source->inline_data);
  }
  copy.storage_class = requested.storage_class;
  // The website redirect is the object's own, never copied: the copy has the request's, if any
  // (S3's CopyObject documentation says so for either metadata directive).
  copy.website_redirect = requested.website_redirect;
  copy.restore_expiry_ms = 0;  // a restored copy of an archived source is the source's, not the copy's
  copy.upload_id.clear();      // the copy completed no upload (a retried completion must not find it)
  copy.last_modified_ms = NowMs();  // also the start of a default retention period
  // The source's lock is not copied: the copy gets the request's, or the bucket's default.
  if (Status st = ApplyObjectLockToNewVersion((*state)->object_lock, in, copy.last_modified_ms, copy); !st.ok()) {
    return done(st);
  }
  if (*replace_tags) copy.tags = requested.tags;
  copy.encryption = encryption->stored;
  copy.version_id.clear();

  auto acl = ObjectAclForWrite(b, call);  // the copy's ACL is the request's, never the source's
  if (!acl.ok()) return done(acl.status());

  std::vector<LifecycleRule> lifecycle = (*state)->lifecycle;  // copied here, not read on the committer
  auto shared_call = std::make_shared<aws::Call>(std::move(call));
  // Committed into the bucket these decisions were made from, not one created since.
  WriteBucket target{bucket, (*state)->incarnation};
  b.pool().Post([&b, blob_guard, shared_call, target = std::move(target), key, copy = std::move(copy), digest,
                 source_version_id, acl = std::move(acl).value(), lifecycle = std::move(lifecycle),
                 customer_key = std::move(encryption->customer_key), done = std::move(done)]() mutable {
    if (!copy.parts.empty()) {
      auto linked = LinkParts(b, copy.parts);
      if (!linked.ok()) return done(linked.status());
      copy.parts = std::move(linked).value();
    }
    std::vector<BlobId> blobs = BlobsOf(copy);
    // A copy is one object, not a multipart one, whatever its source was: S3 gives it the MD5
    // of its bytes as ETag, and a checksum of the whole object for a composite one.
    const bool from_multipart = copy.multipart;
    if (from_multipart && !digest && copy.checksum && copy.checksum->type == "COMPOSITE") {
      digest = ParseChecksumAlgorithm(copy.checksum->algorithm);
    }
    std::vector<ChecksumAlgorithm> algorithms;
    if (from_multipart) algorithms.push_back(ChecksumAlgorithm::kMd5);
    if (digest) algorithms.push_back(*digest);
    if (!algorithms.empty()) {
      auto raw = DigestObjectBytes(b, copy, algorithms);
      if (!raw.ok()) {
        b.RemoveBlobsLater(blobs);
        return done(S3InternalError(raw.status()));
      }
      if (from_multipart) {
        copy.etag = EtagOfMd5(raw->front());
        copy.multipart = false;
      }
      if (digest) {
        copy.checksum = StoredChecksum{std::string(ChecksumName(*digest)), Base64Encode(raw->back()), "FULL_OBJECT"};
      }
      for (ObjectPart& part : copy.parts) part.checksum.clear();  // the source's parts' checksums
    }
    // The conditions point into the request's headers, which the shared call keeps alive.
    WriteConditions conditions{RequestHeader(*shared_call, "if-match"), RequestHeader(*shared_call, "if-none-match")};
    EventCause cause{"ObjectCreated:Copy", OriginOf(*shared_call)};
    CommitNewVersion(b, std::move(target), key, std::move(copy), conditions, std::move(cause),
                     [&b, shared_call, blobs, key, source_version_id, lifecycle = std::move(lifecycle),
                      customer_key = std::move(customer_key), done = std::move(done)](Result<ObjectVersion> written) {
      if (!written.ok()) {
        b.RemoveBlobsLater(blobs);
        return done(written.status());
      }
      aws::Document result = {{"ETag", written->etag}, {"LastModified", WholeSeconds(written->last_modified_ms)}};
      if (written->checksum) AddChecksumOutput(*written->checksum, result);
      aws::Document out = {{"CopyObjectResult", std::move(result)}};
      AddEncryptionOutput(written->encryption, customer_key, out);
      if (written->version_id != "null") out["VersionId"] = written->version_id;
      if (source_version_id != "null") out["CopySourceVersionId"] = source_version_id;
      AddLifecycleExpiration(lifecycle, key, *written, out);
      done(out);
    }, std::move(acl));
  });
}

}  // namespace skybox::s3
