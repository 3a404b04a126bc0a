// DeleteObject and DeleteObjects (object_commit.h does the versioning semantics), with their
// conditions (http/conditions.h).
#include <atomic>
#include <cmath>

#include "services/s3/http/body_digest.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_metadata.h"
#include "services/s3/operations.h"
#include "services/s3/s3_errors.h"
#include "services/s3/version_target.h"

namespace skybox::s3 {
namespace {

constexpr size_t kMaxDeleteObjects = 1000;

void DeleteOne(S3Backend& b, std::string bucket, std::string key, std::optional<std::string> version_id,
               DeleteConditions conditions, const EventOrigin& origin, bool bypass_governance,
               std::function<void(Result<DeleteOutcome>)> done) {
  EventCause cause{"ObjectRemoved", origin};
  if (version_id) {
    if (!IsWellFormedVersionId(*version_id)) return done(InvalidVersionIdError(*version_id));
    // A well-formed id Skybox never issued names no version: deleting it succeeds, as on AWS
    // (unless an If-Match wanted an object).
    if (*version_id != "null" && !S3Backend::VersionSeq(*version_id)) {
      if (Status st = EvaluateDeleteConditions(conditions, std::nullopt); !st.ok()) return done(st);
      return done(DeleteOutcome{*version_id, false});
    }
    return DeleteVersion(b, std::move(bucket), std::move(key), std::move(*version_id), std::move(cause),
                         bypass_governance, std::move(done), std::move(conditions));
  }
  DeleteCurrent(b, std::move(bucket), std::move(key), std::move(cause), std::move(done), std::move(conditions));
}

std::optional<std::string> VersionIdOf(const aws::Document& doc) {
  auto it = doc.find("VersionId");
  if (it == doc.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// The conditions of a delete, from the members of `doc` that carry them: DeleteObject's
// (IfMatch, IfMatchLastModifiedTime, IfMatchSize) or a DeleteObjects entry's (ETag,
// LastModifiedTime, Size). Timestamps arrive as epoch seconds; they count to the second.
struct ConditionMembers {
  const char* etag;
  const char* last_modified;
  const char* size;
};
constexpr ConditionMembers kHeaderConditions = {"IfMatch", "IfMatchLastModifiedTime", "IfMatchSize"};
constexpr ConditionMembers kEntryConditions = {"ETag", "LastModifiedTime", "Size"};

DeleteConditions DeleteConditionsOf(const aws::Document& doc, const ConditionMembers& members) {
  DeleteConditions conditions;
  if (auto it = doc.find(members.etag); it != doc.end() && it->is_string()) {
    conditions.if_match = it->get<std::string>();
  }
  if (auto it = doc.find(members.last_modified); it != doc.end() && it->is_number()) {
    conditions.last_modified = static_cast<int64_t>(std::floor(it->get<double>()));
  }
  if (auto it = doc.find(members.size); it != doc.end() && it->is_number_integer()) {
    conditions.size = it->get<int64_t>();
  }
  return conditions;
}

// Deletes the entries of a DeleteObjects request one after another.
struct BatchDelete : std::enable_shared_from_this<BatchDelete> {
  S3Backend* backend;
  std::string bucket;
  EventOrigin origin;
  aws::Document objects;
  bool quiet = false;
  bool bypass_governance = false;
  size_t next = 0;
  aws::Document deleted = aws::Document::array();
  aws::Document errors = aws::Document::array();
  aws::CallDone done;
  // Calls of Step not yet taken up. An entry's delete often finishes inside DeleteOne (a missing
  // key commits nothing) and calls Step again: the Step already running takes the next entry in
  // its loop instead, so 1,000 such entries do not nest 1,000 calls deep on the event loop.
  std::atomic<int> steps{0};

  void Step() {
    if (steps.fetch_add(1) > 0) return;
    do {
      if (next == objects.size()) {
        aws::Document out = aws::Document::object();
        if (!deleted.empty()) out["Deleted"] = std::move(deleted);
        if (!errors.empty()) out["Errors"] = std::move(errors);
        done(out);
      } else {
        const aws::Document& entry = objects[next++];
        std::string key = entry.value("Key", std::string());
        std::optional<std::string> version_id = VersionIdOf(entry);
        // A malformed id in a batch is S3's NoSuchVersion entry (DeleteObject alone says
        // InvalidArgument).
        if (version_id && !IsWellFormedVersionId(*version_id)) {
          Record(key, version_id, NoSuchVersion(key, *version_id));
          Step();  // as an entry whose delete finished at once
        } else {
          DeleteOne(*backend, bucket, key, version_id, DeleteConditionsOf(entry, kEntryConditions), origin,
                    bypass_governance,
                    [self = shared_from_this(), key, version_id](Result<DeleteOutcome> outcome) {
                      self->Record(key, version_id, outcome);
                      self->Step();
                    });
        }
      }
    } while (steps.fetch_sub(1) > 1);
  }

  void Record(const std::string& key, const std::optional<std::string>& version_id,
              const Result<DeleteOutcome>& outcome) {
    if (!outcome.ok()) {
      aws::Document e = {{"Key", key}, {"Code", outcome.status().aws_code()}, {"Message", outcome.status().message()}};
      if (version_id) e["VersionId"] = *version_id;
      errors.push_back(std::move(e));
      return;
    }
    if (quiet) return;
    aws::Document d = {{"Key", key}};
    if (version_id) {
      d["VersionId"] = *version_id;
      if (outcome->delete_marker) {
        d["DeleteMarker"] = true;
        d["DeleteMarkerVersionId"] = *version_id;
      }
    } else if (outcome->delete_marker) {
      d["DeleteMarker"] = true;
      d["DeleteMarkerVersionId"] = outcome->version_id;
    }
    deleted.push_back(std::move(d));
  }
};

}  // namespace

void DeleteObject(S3Backend& b, aws::Call call, aws::CallDone done) {
  std::string bucket = call.input.value("Bucket", std::string());
  if (Status st = b.RequireBucket(bucket); !st.ok()) return done(st);
  DeleteOne(b, bucket, call.input.value("Key", std::string()), VersionIdOf(call.input),
            DeleteConditionsOf(call.input, kHeaderConditions), OriginOf(call),
            call.input.value("BypassGovernanceRetention", false), [done = std::move(done)](Result<DeleteOutcome> outcome) {
              if (!outcome.ok()) return done(outcome.status());
              aws::Document out = aws::Document::object();
              if (!outcome->version_id.empty()) out["VersionId"] = outcome->version_id;
              if (outcome->delete_marker) out["DeleteMarker"] = true;
              done(out);
            });
}

void DeleteObjects(S3Backend& b, aws::Call call, aws::CallDone done) {
  // "The Content-MD5 or x-amz-sdk-checksum-algorithm header is required for all Multi-Object
  // Delete requests" (the dispatcher has checked the digest that is sent against the body).
  if (!SentBodyDigest(call.headers)) return done(InvalidRequest("Missing required header for this request: Content-MD5"));
  std::string bucket = call.input.value("Bucket", std::string());
  if (Status st = b.RequireBucket(bucket); !st.ok()) return done(st);
  auto batch = std::make_shared<BatchDelete>();
  batch->backend = &b;
  batch->bucket = bucket;
  batch->origin = OriginOf(call);
  const aws::Document& request = call.input["Delete"];
  batch->objects = request.value("Objects", aws::Document::array());
  batch->quiet = request.value("Quiet", false);
  batch->bypass_governance = call.input.value("BypassGovernanceRetention", false);
  batch->done = std::move(done);
  if (batch->objects.empty() || batch->objects.size() > kMaxDeleteObjects) {
    return batch->done(Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedXML",
                                   "The XML you provided was not well-formed or did not validate "
                                   "against our published schema"));
  }
  batch->Step();
}

}  // namespace skybox::s3
