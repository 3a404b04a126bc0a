#include "services/s3/copy_source.h"

#include <memory>

#include "base/percent_encoding.h"
#include "services/s3/archive_restore.h"
#include "services/s3/http/conditions.h"
#include "services/s3/object_body_source.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"
#include "services/s3/server_side_encryption.h"
#include "services/s3/version_target.h"

namespace skybox::s3 {
namespace {

constexpr uint64_t kCopyChunkBytes = 1 << 20;

}  // namespace

Result<CopySource> ParseCopySource(std::string_view header) {
  CopySource source;
  if (size_t q = header.find('?'); q != std::string_view::npos) {
    std::string_view query = header.substr(q + 1);
    header = header.substr(0, q);
    constexpr std::string_view kVersionId = "versionId=";
    if (query.substr(0, kVersionId.size()) != kVersionId) {
      return InvalidArgument("Invalid copy source object key");
    }
    source.version_id = PercentDecode(query.substr(kVersionId.size()));
  }
  std::string path = PercentDecode(header);
  std::string_view rest = path;
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) {
    return InvalidArgument("Invalid copy source object key");
  }
  source.bucket = std::string(rest.substr(0, slash));
  source.key = std::string(rest.substr(slash + 1));
  return source;
}

Result<ObjectVersion> ReadCopySource(S3Backend& b, const aws::Call& call, const CopySource& source) {
  SKYBOX_ASSIGN_OR_RETURN(std::optional<CustomerKey> source_key, ReadCustomerKey(call.input, CustomerKeyOf::kCopySource));
  SKYBOX_RETURN_IF_ERROR(b.RequireBucket(source.bucket));
  auto head = b.ReadHead(source.bucket, source.key);
  if (!head.ok()) return S3InternalError(head.status());
  std::optional<uint64_t> seq;
  if (source.version_id) {
    if (!IsWellFormedVersionId(*source.version_id)) return InvalidVersionIdError(*source.version_id);
    if (!*head) return NoSuchVersion(source.key, *source.version_id);
    seq = SeqOfVersionId(**head, *source.version_id);
    if (!seq) return NoSuchVersion(source.key, *source.version_id);
  } else {
    if (!*head) return NoSuchKey(source.key);
    seq = (*head)->current_seq;
  }
  auto version = b.ReadVersion(source.bucket, source.key, *seq, /*with_data=*/true);
  if (!version.ok()) return S3InternalError(version.status());
  if (!*version || (source.version_id && (*version)->version_id != *source.version_id)) {
    return source.version_id ? NoSuchVersion(source.key, *source.version_id) : NoSuchKey(source.key);
  }
  if ((*version)->delete_marker) {
    if (!source.version_id) return NoSuchKey(source.key);
    return InvalidRequest("The source of a copy request may not specifically refer to a delete marker by version id.");
  }
  SKYBOX_RETURN_IF_ERROR(CheckReadableArchive(**version, NowMs(), /*as_copy_source=*/true));
  SKYBOX_RETURN_IF_ERROR(CheckCustomerKeyForRead((*version)->encryption, source_key));
  ReadConditions conditions{RequestHeader(call, "x-amz-copy-source-if-match"),
                            RequestHeader(call, "x-amz-copy-source-if-none-match"),
                            RequestHeader(call, "x-amz-copy-source-if-modified-since"),
                            RequestHeader(call, "x-amz-copy-source-if-unmodified-since")};
  ConditionResult verdict = EvaluateCopySourceConditions(
      conditions, ObjectState{(*version)->etag, (*version)->last_modified_ms / 1000});
  if (verdict.outcome != ConditionOutcome::kProceed) return PreconditionFailedError();
  return std::move(version)->value();
}

Result<std::vector<ObjectPart>> LinkParts(S3Backend& b, const std::vector<ObjectPart>& parts) {
  std::vector<ObjectPart> linked;
  for (const ObjectPart& part : parts) {
    ObjectPart copy = part;
    copy.blob = b.blobs().NewId();
    if (Status st = b.blobs().Link(part.blob, copy.blob); !st.ok()) {
      for (const ObjectPart& done : linked) (void)b.blobs().Remove(done.blob);
      return S3InternalError(st);
    }
    linked.push_back(std::move(copy));
  }
  return linked;
}

Result<CopiedRange> CopyRangeToBlob(S3Backend& b, const ObjectVersion& source, uint64_t first, uint64_t length,
                                    std::optional<ChecksumAlgorithm> algorithm) {
  CopiedRange out;
  out.part.blob = b.blobs().NewId();
  out.part.size = length;
  auto writer = b.blobs().Create(out.part.blob);
  if (!writer.ok()) return S3InternalError(writer.status());
  auto md5 = StreamingHash::NewMd5();
  std::unique_ptr<StreamingHash> checksum = algorithm ? StreamingHash::New(*algorithm) : nullptr;
  for (uint64_t at = first; at < first + length;) {
    uint64_t n = std::min(kCopyChunkBytes, first + length - at);
    auto bytes = ReadObjectBytes(b, source, at, n);
    if (!bytes.ok()) return S3InternalError(bytes.status());
    md5->Update(*bytes);
    if (checksum) checksum->Update(*bytes);
    if (Status st = (*writer)->Append(*bytes); !st.ok()) return S3InternalError(st);
    at += n;
  }
  if (Status st = (*writer)->Commit(); !st.ok()) return S3InternalError(st);
  out.md5 = md5->Finish();
  if (checksum) out.checksum = checksum->Finish();
  return out;
}

}  // namespace skybox::s3
