// UploadPartCopy: a part made of (a range of) an existing object. A whole single-blob source
// whose checksum suits the upload is hard-linked; anything else is read and written once,
// computing the part's MD5 and checksum.
#include <memory>

#include "base/crypto.h"
#include "services/s3/body_upload.h"
#include "services/s3/copy_source.h"
#include "services/s3/http/byte_range.h"
#include "services/s3/multipart_handlers.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"
#include "services/s3/server_side_encryption.h"
#include "services/s3/upload_record.h"

namespace skybox::s3 {
namespace {

// Whether the part can share the source's blob and report the source's ETag and checksum.
bool CanLink(const ObjectVersion& source, const ByteRange& range, std::optional<ChecksumAlgorithm> algorithm) {
  if (source.multipart || source.parts.size() != 1 || range.first != 0 || range.length() != source.size) return false;
  if (!algorithm) return true;
  return source.checksum && source.checksum->type == "FULL_OBJECT" &&
         source.checksum->algorithm == ChecksumName(*algorithm);
}

}  // namespace

void UploadPartCopy(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto target = ReadPartTarget(b, call);
  if (!target.ok()) return done(target.status());
  // Named references, not a structured binding: lambdas below capture them (clang < 16 cannot).
  const std::string &bucket = target->bucket, &key = target->key, &upload_id = target->upload_id;
  const uint32_t number = target->number;
  const ObjectVersion& upload = target->upload;
  auto customer_key = ReadCustomerKey(call.input, CustomerKeyOf::kTarget);
  if (!customer_key.ok()) return done(customer_key.status());
  if (Status st = CheckCustomerKeyForPart(upload.encryption, *customer_key); !st.ok()) return done(st);
  auto source_name = ParseCopySource(call.input.value("CopySource", std::string()));
  if (!source_name.ok()) return done(source_name.status());
  // Held until the source's bytes are linked or copied: a delete of the source meanwhile waits.
  auto blob_guard = std::make_shared<BlobReclaimer::ReadGuard>(b.GuardBlobReads());
  auto source = ReadCopySource(b, call, *source_name);
  if (!source.ok()) return done(source.status());
  ByteRange range{0, source->size == 0 ? 0 : source->size - 1};
  if (auto header = RequestHeader(call, "x-amz-copy-source-range")) {
    auto parsed = ParseCopySourceRange(*header, source->size);
    if (!parsed.ok()) return done(parsed.status());
    range = *parsed;
  }
  const uint64_t length = source->size == 0 ? 0 : range.length();
  std::optional<ChecksumAlgorithm> algorithm = UploadAlgorithm(upload);
  aws::Document out = aws::Document::object();
  AddEncryptionOutput(upload.encryption, *customer_key, out);
  if (source->version_id != "null") out["CopySourceVersionId"] = source->version_id;

  b.pool().Post([&b, blob_guard, source = std::move(source).value(), range, length, algorithm, bucket, key, upload_id,
                 number = number, out = std::move(out), done = std::move(done)]() mutable {
    ObjectVersion part;
    part.size = length;
    part.last_modified_ms = NowMs();
    if (CanLink(source, range, algorithm)) {
      auto linked = LinkParts(b, source.parts);
      if (!linked.ok()) return done(linked.status());
      part.etag = source.etag;
      part.parts.push_back({linked->front().blob, length, part.etag, algorithm ? source.checksum->value : ""});
    } else {
      auto copied = CopyRangeToBlob(b, source, range.first, length, algorithm);
      if (!copied.ok()) return done(copied.status());
      part.etag = EtagOfMd5(copied->md5);
      part.parts.push_back({copied->part.blob, length, part.etag,
                            copied->checksum ? Base64Encode(*copied->checksum) : std::string()});
    }
    aws::Document result = {{"ETag", part.etag}, {"LastModified", WholeSeconds(part.last_modified_ms)}};
    if (algorithm) result[std::string(ChecksumMember(*algorithm))] = part.parts[0].checksum;
    out["CopyPartResult"] = std::move(result);
    CommitPart(b, bucket, key, upload_id, number, std::move(part), [out, done](Status st) {
      if (!st.ok()) return done(st);
      done(out);
    });
  });
}

}  // namespace skybox::s3
