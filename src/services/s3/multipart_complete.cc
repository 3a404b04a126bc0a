// CompleteMultipartUpload: checks the listed parts against the stored ones, computes the
// object's ETag (MD5 of the parts' MD5s, "-N") and checksum (COMPOSITE or FULL_OBJECT), and in
// ONE batch makes the object a new version over the parts' blobs (no byte is copied) and drops
// the upload and every part record (unlisted parts' blobs too). A retry of a completion that
// succeeded is answered with the object it made.
#include <memory>

#include "aws/protocol/payload_digests.h"
#include "base/checksum.h"
#include "base/crypto.h"
#include "base/percent_encoding.h"
#include "services/s3/config/bucket_config_ops.h"
#include "services/s3/http/conditions.h"
#include "services/s3/keys.h"
#include "services/s3/lifecycle_expiration.h"
#include "services/s3/object_commit.h"
#include "services/s3/multipart_handlers.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"
#include "services/s3/server_side_encryption.h"
#include "services/s3/upload_record.h"

namespace skybox::s3 {
namespace {

std::string_view WithoutPartCount(std::string_view checksum) { return checksum.substr(0, checksum.find('-')); }

struct ListedPart {
  uint32_t number;
  std::string etag;
  std::optional<std::string> checksum;  // base64, as the request gives it
};

Status InvalidPart(std::string_view upload_id, const ListedPart& part) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidPart",
                     "One or more of the specified parts could not be found.  The part may not have been "
                     "uploaded, or the specified entity tag may not have matched the part's entity tag.")
      .WithDetail("UploadId", std::string(upload_id))
      .WithDetail("PartNumber", std::to_string(part.number))
      .WithDetail("ETag", part.etag);
}

Result<std::vector<ListedPart>> ReadListedParts(const aws::Document& in, std::optional<ChecksumAlgorithm> algorithm) {
  std::vector<ListedPart> listed;
  auto upload = in.find("MultipartUpload");
  if (upload != in.end() && upload->contains("Parts")) {
    for (const aws::Document& p : (*upload)["Parts"]) {
      // Below 1 is S3's InvalidArgument; above 10000 names no part that can exist (InvalidPart).
      if (p.value("PartNumber", int64_t{0}) < 1) return InvalidArgument("PartNumber must be >= 1");
      ListedPart part{static_cast<uint32_t>(std::min<int64_t>(p.value("PartNumber", int64_t{0}), UINT32_MAX)),
                      p.value("ETag", std::string()), std::nullopt};
      if (algorithm) {
        if (auto c = p.find(std::string(ChecksumMember(*algorithm))); c != p.end()) part.checksum = c->get<std::string>();
      }
      listed.push_back(std::move(part));
    }
  }
  if (listed.empty()) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedXML",
                       "The XML you provided was not well-formed or did not validate against our published schema");
  }
  for (size_t i = 1; i < listed.size(); ++i) {
    if (listed[i].number <= listed[i - 1].number) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidPartOrder",
                         "The list of parts was not in ascending order. Parts must be ordered by part number.");
    }
  }
  return listed;
}

// The new object over the listed parts of `upload`, or the error S3 answers. An upload created
// without a checksum algorithm whose parts all carry CRC64NVME (UploadPart's default) gets the
// whole object's CRC64NVME, FULL_OBJECT: S3 stores a whole-object CRC "even for multipart
// uploads" since its December 2024 default integrity protections.
Result<ObjectVersion> AssembleObject(S3Backend& b, const aws::Document& in, ObjectVersion upload,
                                     std::string_view upload_id) {
  std::optional<ChecksumAlgorithm> algorithm = UploadAlgorithm(upload);
  SKYBOX_ASSIGN_OR_RETURN(std::vector<ListedPart> listed, ReadListedParts(in, algorithm));
  ObjectVersion object = std::move(upload);
  object.upload_id = std::string(upload_id);
  std::vector<std::string> digests;
  std::vector<std::pair<std::string, uint64_t>> crcs;
  bool all_crc64nvme = !algorithm && !listed.empty();
  for (const ListedPart& want : listed) {
    SKYBOX_ASSIGN_OR_RETURN(std::optional<ObjectVersion> stored, ReadPart(b, upload_id, want.number));
    if (!stored || UnquotedEtag(stored->etag) != UnquotedEtag(want.etag)) return InvalidPart(upload_id, want);
    const ObjectPart& part = stored->parts.front();
    if (!algorithm) {
      all_crc64nvme = all_crc64nvme && stored->checksum && stored->checksum->algorithm == ChecksumName(ChecksumAlgorithm::kCrc64Nvme);
      if (all_crc64nvme) crcs.emplace_back(Base64Decode(part.checksum).value_or(std::string()), part.size);
    }
    if (algorithm) {
      if (want.checksum && *want.checksum != part.checksum) return InvalidPart(upload_id, want);
      if (!want.checksum && object.checksum->type == "COMPOSITE") {
        std::string name = std::string(ChecksumHeader(*algorithm)).substr(std::string_view("x-amz-checksum-").size());
        return InvalidRequest("The upload was created using a " + name + " checksum. The complete request must "
                              "include the checksum for each part. It was missing for part " +
                              std::to_string(want.number) + " in the request.");
      }
      std::string raw = Base64Decode(part.checksum).value_or(std::string());
      digests.push_back(raw);
      crcs.emplace_back(raw, part.size);
    }
    object.size += part.size;
    object.parts.push_back(part);
  }
  for (size_t i = 0; i + 1 < object.parts.size(); ++i) {
    if (object.parts[i].size < kMinPartBytes) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "EntityTooSmall",
                         "Your proposed upload is smaller than the minimum allowed object size.")
          .WithDetail("ProposedSize", std::to_string(object.parts[i].size))
          .WithDetail("MinSizeAllowed", std::to_string(kMinPartBytes))
          .WithDetail("PartNumber", std::to_string(listed[i].number))
          .WithDetail("ETag", listed[i].etag);
    }
  }
  if (auto expected = in.find("MpuObjectSize"); expected != in.end() && expected->is_number_integer() &&
      expected->get<int64_t>() != static_cast<int64_t>(object.size)) {
    return InvalidRequest("The provided 'x-amz-mp-object-size' header value " + std::to_string(expected->get<int64_t>()) +
                          " does not match what was computed: " + std::to_string(object.size));
  }
  if (all_crc64nvme) {
    object.checksum = StoredChecksum{std::string(ChecksumName(ChecksumAlgorithm::kCrc64Nvme)),
                                     Base64Encode(CombineCrc(ChecksumAlgorithm::kCrc64Nvme, crcs).value_or(std::string())),
                                     "FULL_OBJECT"};
  }
  object.multipart = true;
  std::vector<std::string_view> etags;
  for (const ObjectPart& part : object.parts) etags.push_back(part.etag);
  object.etag = MultipartEtag(etags);
  if (algorithm) {
    // x-amz-checksum-type, when sent, must be the upload's: S3 answers BadDigest otherwise.
    if (auto type = in.find("ChecksumType"); type != in.end() && type->get<std::string>() != object.checksum->type) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "BadDigest",
                         "The checksum type you specified did not match the checksum type of the upload.");
    }
    if (object.checksum->type == "FULL_OBJECT") {
      object.checksum->value = Base64Encode(CombineCrc(*algorithm, crcs).value_or(std::string()));
    } else {
      object.checksum->value = CompositeChecksum(*algorithm, digests);
    }
    if (auto claimed = in.find(std::string(ChecksumMember(*algorithm))); claimed != in.end()) {
      if (WithoutPartCount(claimed->get<std::string>()) != WithoutPartCount(object.checksum->value)) {
        return aws::ChecksumMismatch(*algorithm);
      }
    }
  }
  return object;
}

// A retried CompleteMultipartUpload whose first attempt succeeded (its answer lost, say): S3
// answers it with the object the upload became, so an upload that is gone is no error while
// the key's current version is the object this upload made (its id is kept in the version) of
// the listed parts (the same multipart ETag).
// Otherwise `gone`, the NoSuchUpload the upload's absence is.
Result<ObjectVersion> CompletedEarlier(S3Backend& b, const aws::Document& in, std::string_view bucket,
                                       std::string_view key, std::string_view upload_id, Status gone) {
  auto listed = ReadListedParts(in, std::nullopt);
  if (!listed.ok()) return gone;
  std::vector<std::string_view> etags;
  for (const ListedPart& part : *listed) etags.push_back(part.etag);
  auto head = b.ReadHead(bucket, key);
  if (!head.ok()) return S3InternalError(head.status());
  if (!*head || (*head)->delete_marker || (*head)->etag != MultipartEtag(etags)) return gone;
  auto version = b.ReadVersion(bucket, key, (*head)->current_seq, /*with_data=*/false);
  if (!version.ok()) return S3InternalError(version.status());
  // Only the upload that made it: an aborted upload, or an id never handed out, of the same
  // parts is S3's NoSuchUpload.
  if (!*version || (*version)->upload_id != upload_id) return gone;
  return std::move(version)->value();
}

std::string LocationOf(const aws::Call& call, const std::string& bucket, const std::string& key) {
  std::string host = call.host.empty() ? "127.0.0.1:4566" : call.host;
  std::string path = PercentEncode(key, /*keep_slash=*/true);
  if (host.compare(0, bucket.size() + 1, bucket + ".") == 0) return "http://" + host + "/" + path;
  return "http://" + host + "/" + bucket + "/" + path;
}

}  // namespace

void CompleteMultipartUpload(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto shared_call = std::make_shared<aws::Call>(std::move(call));
  const aws::Call& c = *shared_call;
  std::string bucket = c.input.value("Bucket", std::string());
  std::string key = c.input.value("Key", std::string());
  std::string upload_id = c.input.value("UploadId", std::string());
  if (Status st = b.RequireBucket(bucket); !st.ok()) return done(st);
  // The conditions point into the request's headers, which the shared call keeps alive.
  WriteConditions conditions{RequestHeader(c, "if-match"), RequestHeader(c, "if-none-match")};
  if (Status st = ValidateWriteConditions(conditions); !st.ok()) return done(st);
  std::vector<LifecycleRule> lifecycle = BucketLifecycleRules(b, bucket);  // read here, not on the committer
  auto written = std::make_shared<ObjectVersion>();
  auto change = [&b, shared_call, bucket, key, upload_id, conditions, written](
                    storage::WriteBatch& batch, ChangeEffects& effects) -> Status {
    auto upload = ReadUpload(b, bucket, key, upload_id);
    if (!upload.ok() && upload.status().aws_code() == "NoSuchUpload") {
      SKYBOX_ASSIGN_OR_RETURN(*written, CompletedEarlier(b, shared_call->input, bucket, key, upload_id, upload.status()));
      return Status();  // nothing to write: the answer describes the object made the first time
    }
    if (!upload.ok()) return upload.status();
    SKYBOX_ASSIGN_OR_RETURN(*written, AssembleObject(b, shared_call->input, std::move(upload).value(), upload_id));
    auto acl = b.store().Get(b.ns(), UploadAclKey(upload_id));  // set by CreateMultipartUpload
    if (!acl.ok()) return S3InternalError(acl.status());
    SKYBOX_RETURN_IF_ERROR(StageNewVersion(b, bucket, key, *written, conditions, batch, effects.freed, *acl));
    effects.events.push_back(MakeObjectEvent(b, bucket, key, "ObjectCreated:CompleteMultipartUpload",
                                             OriginOf(*shared_call), written.get()));
    batch.Delete(b.ns(), UploadKey(bucket, key, upload_id));
    return DropParts(b, upload_id, BlobsOf(*written), batch, effects.freed);
  };
  CommitUnderLocks(b, bucket, {UploadKey(bucket, key, upload_id), HeadKey(bucket, key)}, std::move(change),
                    [shared_call, bucket, key, written, lifecycle = std::move(lifecycle),
                     done = std::move(done)](Status st) {
    if (!st.ok()) return done(st);
    aws::Document out = {{"Location", LocationOf(*shared_call, bucket, key)}, {"Bucket", bucket}, {"Key", key},
                         {"ETag", written->etag}};
    // CompleteMultipartUpload reports no SSE-C key: its output has no member for one.
    AddEncryptionOutput(written->encryption, std::nullopt, out);
    if (written->version_id != "null") out["VersionId"] = written->version_id;
    AddLifecycleExpiration(lifecycle, key, *written, out);
    if (written->checksum) AddChecksumOutput(*written->checksum, out);
    done(out);
  });
}

}  // namespace skybox::s3
