// GetObject and HeadObject: find the version, apply conditions, partNumber and Range, and
// stream the bytes (object_body_source.h).
#include "base/civil_date.h"
#include "services/s3/anonymous_access.h"
#include "services/s3/archive_restore.h"
#include "services/s3/config/bucket_config_ops.h"
#include "services/s3/http/byte_range.h"
#include "services/s3/http/conditions.h"
#include "services/s3/lifecycle_expiration.h"
#include "services/s3/object_body_source.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_metadata.h"
#include "services/s3/operations.h"
#include "services/s3/s3_errors.h"
#include "services/s3/server_side_encryption.h"
#include "services/s3/upload_record.h"
#include "services/s3/version_target.h"

namespace skybox::s3 {
namespace {

struct Selected {
  uint64_t first = 0;
  uint64_t length = 0;
  bool partial = false;       // answered 206: a range, or a part
  bool whole_object = true;   // the bytes are the object, whose checksum then describes them
  int64_t part = 0;           // the part number read (0: not a read by part)
};

// The checksum a read of part `part` (1-based) of a multipart object reports: the part's own
// value when the object's checksum is COMPOSITE (the one UploadPart answered), and the object's
// when a FULL_OBJECT checksum covers exactly this part; none otherwise.
std::optional<StoredChecksum> PartChecksum(const ObjectVersion& version, int64_t part) {
  if (!version.checksum) return std::nullopt;
  if (version.checksum->type == "FULL_OBJECT") {
    return version.parts.size() == 1 ? version.checksum : std::nullopt;
  }
  const std::string& value = version.parts[part - 1].checksum;
  if (value.empty()) return std::nullopt;
  return StoredChecksum{version.checksum->algorithm, value, version.checksum->type};
}

void AddHeader(aws::Call& call, std::string name, std::string value) {
  call.http->response_headers.push_back({std::move(name), std::move(value)});
}

// False when an If-Range names another object than `version`: the Range is left out and the
// whole object sent, 200 (RFC 9110 §13.1.5).
bool RangeStillApplies(const aws::Call& call, const ObjectVersion& version) {
  auto if_range = RequestHeader(call, "if-range");
  return !if_range || IfRangeMatches(*if_range, ObjectState{version.etag, version.last_modified_ms / 1000});
}

// Which bytes to serve, from partNumber or Range.
Result<Selected> SelectBytes(aws::Call& call, const ObjectVersion& version) {
  Selected s;
  s.length = version.size;
  if (auto part = call.input.find("PartNumber"); part != call.input.end()) {
    // Outside 1..10000 is 400 InvalidArgument; a valid number past the last part is 416.
    SKYBOX_ASSIGN_OR_RETURN(const uint32_t n, ValidPartNumber(part->get<int64_t>()));
    size_t count = version.multipart ? version.parts.size() : 1;
    if (n > count) {
      return Status::Aws(StatusCode::kInvalidArgument, 416, "InvalidPartNumber",
                         "The requested partnumber is not satisfiable");
    }
    if (version.multipart) {
      for (uint32_t i = 0; i + 1 < n; ++i) s.first += version.parts[i].size;
      s.length = version.parts[n - 1].size;
      s.whole_object = false;
      s.part = n;
    }
    // Part 1 of a single-part object is all of it, answered as a part: 206 with its range
    // (an empty object has no range to give: 200).
    s.partial = version.multipart || s.length > 0;
  } else if (auto range = RequestHeader(call, "range"); range && RangeStillApplies(call, version)) {
    RangeDecision decision = ResolveRange(*range, version.size);
    if (decision.kind == RangeDecision::Kind::kUnsatisfiable) {
      AddHeader(call, "Content-Range", FormatUnsatisfiedRange(version.size));
      return InvalidRangeError(*range, version.size);
    }
    if (decision.kind == RangeDecision::Kind::kPartial) {
      s.first = decision.range.first;
      s.length = decision.range.length();
      s.partial = true;
      s.whole_object = false;
    }
  }
  return s;
}

// Shared by GET and HEAD; `body` selects whether bytes are streamed.
void ReadObject(S3Backend& b, aws::Call call, aws::CallDone done, bool body) {
  // Server-side encryption is chosen when an object is written: a read that names it is refused
  // (the SSE-C x-amz-server-side-encryption-customer-* headers are another matter).
  if (RequestHeader(call, "x-amz-server-side-encryption")) {
    return done(InvalidArgument("x-amz-server-side-encryption header is not supported for this operation."));
  }
  if (call.input.contains("PartNumber") && RequestHeader(call, "range")) {
    return done(Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                            "Cannot specify both Range header and partNumber query parameter"));
  }
  auto customer_key = ReadCustomerKey(call.input, CustomerKeyOf::kTarget);
  if (!customer_key.ok()) return done(customer_key.status());
  // Taken before the version is read: a delete or overwrite meanwhile leaves its blobs to us.
  BlobReclaimer::ReadGuard blob_guard;
  if (body) blob_guard = b.GuardBlobReads();
  auto target = FindTargetVersion(b, call, /*with_data=*/body);
  if (!target.ok()) return done(target.status());
  if (IsAnonymous(call)) {
    if (Status st = AuthorizeAnonymousObjectRead(b, call, target->seq); !st.ok()) return done(st);
  }
  ObjectVersion& version = target->version;
  if (Status st = CheckCustomerKeyForRead(version.encryption, *customer_key); !st.ok()) return done(st);
  const int64_t now_ms = NowMs();
  if (body) {  // HEAD describes an archived object; GET needs its bytes restored
    if (Status st = CheckReadableArchive(version, now_ms, /*as_copy_source=*/false); !st.ok()) return done(st);
  }
  ReadConditions conditions{RequestHeader(call, "if-match"), RequestHeader(call, "if-none-match"),
                            RequestHeader(call, "if-modified-since"),
                            RequestHeader(call, "if-unmodified-since")};
  ConditionResult verdict =
      EvaluateReadConditions(conditions, ObjectState{version.etag, version.last_modified_ms / 1000});
  if (verdict.outcome == ConditionOutcome::kNotModified) {
    // What a cache needs to refresh its copy (RFC 9110 §15.4.5): the validators and the
    // object's Cache-Control and Expires.
    AddHeader(call, "ETag", version.etag);
    AddHeader(call, "Last-Modified", FormatHttpDate(version.last_modified_ms / 1000));
    if (!version.cache_control.empty()) AddHeader(call, "Cache-Control", version.cache_control);
    if (!version.expires.empty()) AddHeader(call, "Expires", version.expires);
    return done(NotModified());
  }
  if (verdict.outcome == ConditionOutcome::kPreconditionFailed) {
    return done(PreconditionFailedError(verdict.failed_condition));
  }
  auto selected = SelectBytes(call, version);
  if (!selected.ok()) return done(selected.status());

  aws::Document out = aws::Document::object();
  const bool checksum_mode = call.input.value("ChecksumMode", std::string()) == "ENABLED";
  // A range has no checksum to report, a part of a multipart object its own (PartChecksum).
  AddObjectOutput(version, *customer_key, checksum_mode && selected->whole_object, out);
  if (checksum_mode && selected->part > 0) {
    if (auto part_checksum = PartChecksum(version, selected->part)) AddChecksumOutput(*part_checksum, out);
  }
  // x-amz-mp-parts-count answers a read by part number of a multipart object, and only that.
  if (version.multipart && call.input.contains("PartNumber")) out["PartsCount"] = version.parts.size();
  AddRestoreOutput(version, now_ms, out);
  if (!call.input.contains("VersionId")) {
    AddLifecycleExpiration(BucketLifecycleRules(b, call.input.value("Bucket", std::string())),
                           call.input.value("Key", std::string()), version, out);
  }
  // The null version of a bucket that has (or had) versioning is named; never-versioned
  // buckets name no versions at all.
  if (version.version_id == "null") {
    auto state = b.BucketStateOf(call.input.value("Bucket", std::string()));
    if (state.ok() && (*state)->versioning != VersioningState::kUnversioned) out["VersionId"] = "null";
  }
  out["ContentLength"] = selected->length;
  if (selected->partial) {
    if (selected->length > 0) {  // an empty part of a multipart object has no byte range to name
      out["ContentRange"] = FormatContentRange({selected->first, selected->first + selected->length - 1},
                                               version.size);
    }
    call.http->response_status = 206;
  }
  static constexpr std::pair<const char*, const char*> kOverrides[] = {
      {"ResponseCacheControl", "CacheControl"},           {"ResponseContentDisposition", "ContentDisposition"},
      {"ResponseContentEncoding", "ContentEncoding"},     {"ResponseContentLanguage", "ContentLanguage"},
      {"ResponseContentType", "ContentType"},             {"ResponseExpires", "Expires"}};
  for (const auto& [request_member, output_member] : kOverrides) {
    auto it = call.input.find(request_member);
    if (it == call.input.end()) continue;
    // response-expires arrives as a timestamp; Expires goes out as an HTTP date.
    out[output_member] =
        it->is_number() ? aws::Document(FormatHttpDate(static_cast<int64_t>(it->get<double>()))) : *it;
  }
  call.http->content_length = selected->length;
  if (body && selected->length > 0) {
    if (version.parts.empty()) {
      // Inline bytes go out with the head in one write; blobs stream piece by piece.
      std::string& bytes = version.inline_data;
      call.http->response_payload =
          selected->partial ? bytes.substr(selected->first, selected->length) : std::move(bytes);
    } else {
      call.http->response_body =
          NewObjectBodySource(b, std::move(version), selected->first, selected->length, std::move(blob_guard));
    }
  }
  done(out);
}

}  // namespace

void GetObject(S3Backend& b, aws::Call call, aws::CallDone done) {
  ReadObject(b, std::move(call), std::move(done), /*body=*/true);
}

void HeadObject(S3Backend& b, aws::Call call, aws::CallDone done) {
  ReadObject(b, std::move(call), std::move(done), /*body=*/false);
}

}  // namespace skybox::s3
