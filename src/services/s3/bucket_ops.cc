// Buckets themselves: create, head, delete, list, location.
#include <algorithm>
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "aws/model/service_model.h"
#include "services/s3/bucket_record.h"
#include "services/s3/config/bucket_acl.h"
#include "services/s3/config/bucket_config_ops.h"
#include "services/s3/config/config_store.h"
#include "services/s3/config/config_validation.h"
#include "services/s3/config/object_lock_config.h"
#include "services/s3/continuation_token.h"
#include "services/s3/keys.h"
#include "services/s3/object_metadata.h"
#include "services/s3/operations.h"
#include "services/s3/s3_errors.h"
#include "storage/iterator.h"

namespace skybox::s3 {
namespace {

bool IsIpAddressLike(std::string_view name) {
  int dots = 0;
  for (char c : name) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

// S3's general-purpose bucket naming rules.
bool IsValidBucketName(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!alnum(c) && c != '-' && c != '.') return false;
    if (c == '.' && i + 1 < name.size() && (name[i + 1] == '.' || name[i + 1] == '-')) return false;
    if (c == '-' && i + 1 < name.size() && name[i + 1] == '.') return false;
  }
  if (IsIpAddressLike(name)) return false;
  for (std::string_view prefix : {"xn--", "sthree-", "amzn-s3-demo-"}) {
    if (name.starts_with(prefix)) return false;
  }
  for (std::string_view suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}) {
    if (name.ends_with(suffix)) return false;
  }
  return true;
}

// True when a CreateBucket request carries a canned ACL or grant headers.
bool SetsAcl(const aws::Document& in) {
  for (const char* member : {"ACL", "GrantFullControl", "GrantRead", "GrantReadACP", "GrantWrite", "GrantWriteACP"}) {
    if (in.contains(member)) return true;
  }
  return false;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string BucketOf(const aws::Call& call) { return call.input.value("Bucket", std::string()); }

Result<std::optional<BucketRecord>> ReadBucket(S3Backend& b, std::string_view bucket) {
  auto value = b.store().Get(b.ns(), BucketKey(bucket));
  if (!value.ok()) return S3InternalError(value.status());
  if (!value->has_value()) return std::optional<BucketRecord>();
  return std::optional<BucketRecord>(DecodeBucket(**value));
}

bool HasAnyKey(S3Backend& b, const std::string& prefix) {
  storage::IteratorOptions options;
  options.lower_bound = prefix;
  options.upper_bound = PrefixEnd(prefix);
  auto it = b.store().NewIterator(b.ns(), options);
  it->SeekToFirst();
  return it->Valid();
}

// CreateBucket's answer when `bucket` exists already (or cannot be read); nullopt when the name
// is free.
std::optional<Result<aws::Document>> AnswerForExisting(S3Backend& b, const std::string& bucket,
                                                       const std::string& region) {
  auto existing = ReadBucket(b, bucket);
  if (!existing.ok()) return Result<aws::Document>(existing.status());
  if (!*existing) return std::nullopt;
  // us-east-1 answers a repeated create by the owner with success, other regions with 409.
  if ((*existing)->region == "us-east-1" && region == "us-east-1") {
    return Result<aws::Document>(aws::Document{{"Location", "/" + bucket}});
  }
  return Result<aws::Document>(Status::Aws(StatusCode::kAlreadyExists, 409, "BucketAlreadyOwnedByYou",
                                           "Your previous request to create the named bucket succeeded and you "
                                           "already own it.")
                                   .WithDetail("BucketName", bucket));
}

// CreateBucket's check that the name is free and its write, while the name is held
// (S3Backend::HoldBucket).
void CreateHeldBucket(S3Backend& b, const aws::Call& call, const std::string& bucket, const std::string& region,
                      aws::CallDone done) {
  if (auto answer = AnswerForExisting(b, bucket, region)) return done(std::move(*answer));
  aws::Document out = {{"Location", "/" + bucket}};
  storage::WriteBatch batch;
  batch.Put(b.ns(), BucketKey(bucket), EncodeBucket({NowMs(), region, b.NextSeq()}));
  // A bucket created with Object Lock has it for good, and versioning Enabled with it.
  if (call.input.value("ObjectLockEnabledForBucket", false)) {
    batch.Put(b.ns(), BucketConfigKey(bucket, "objectLock"), EncodeBucketConfig(EnabledObjectLockConfiguration()));
    batch.Put(b.ns(), BucketConfigKey(bucket, "versioning"), EncodeBucketConfig({{"Status", "Enabled"}}));
  }
  // New buckets have ownership controls: BucketOwnerEnforced unless the request names others.
  std::string ownership = call.input.value("ObjectOwnership", std::string("BucketOwnerEnforced"));
  if (ownership != "BucketOwnerEnforced" && ownership != "BucketOwnerPreferred" && ownership != "ObjectWriter") {
    return done(InvalidArgument("Invalid x-amz-object-ownership header: " + ownership));
  }
  aws::Document ownership_controls = {{"Rules", {{{"ObjectOwnership", ownership}}}}};
  batch.Put(b.ns(), BucketConfigKey(bucket, "ownershipControls"), EncodeBucketConfig(ownership_controls));
  // And all of Block Public Access on (S3's default since April 2023): a bucket is made public
  // by deleting or relaxing it first.
  const aws::Document public_access_block = {{"BlockPublicAcls", true}, {"IgnorePublicAcls", true},
                                             {"BlockPublicPolicy", true}, {"RestrictPublicBuckets", true}};
  batch.Put(b.ns(), BucketConfigKey(bucket, "publicAccessBlock"), EncodeBucketConfig(public_access_block));
  if (SetsAcl(call.input)) {
    // x-amz-acl / x-amz-grant-*: stored as PutBucketAcl would, judged against the ownership
    // controls and the public access block this request creates.
    auto acl = BuildBucketAcl(call, [&](std::string_view kind) -> Result<std::optional<aws::Document>> {
      return std::optional<aws::Document>(kind == "publicAccessBlock" ? public_access_block : ownership_controls);
    });
    if (!acl.ok() && acl.status().aws_code() == "AccessControlListNotSupported") {
      return done(Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidBucketAclWithObjectOwnership",
                              "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"));
    }
    if (!acl.ok() && acl.status().aws_code() == "AccessDenied") {
      return done(Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidBucketAclWithBlockPublicAccessError",
                              "Bucket cannot have public ACLs set with BlockPublicAccess enabled"));
    }
    if (!acl.ok()) return done(acl.status());
    batch.Put(b.ns(), BucketConfigKey(bucket, "acl"), EncodeBucketConfig(*acl));
  }
  // Tags given at creation (CreateBucketConfiguration.Tags) are the bucket's tagging, checked
  // and stored as PutBucketTagging's.
  if (auto config = call.input.find("CreateBucketConfiguration");
      config != call.input.end() && config->contains("Tags") && !(*config)["Tags"].empty()) {
    auto tagging = NormalizeBucketTagging({{"TagSet", (*config)["Tags"]}});
    if (!tagging.ok()) return done(tagging.status());
    batch.Put(b.ns(), BucketConfigKey(bucket, "tagging"), EncodeBucketConfig(*tagging));
  }
  b.store().Commit(std::move(batch), [done = std::move(done), out = std::move(out)](Status st) {
    if (!st.ok()) return done(S3InternalError(st));
    done(out);
  });
}

// Why `bucket` cannot be deleted now (NoSuchBucket, BucketNotEmpty, a storage failure);
// nullopt when it can.
std::optional<Status> DeleteRefusal(S3Backend& b, const std::string& bucket) {
  auto record = ReadBucket(b, bucket);
  if (!record.ok()) return record.status();
  if (!*record) return NoSuchBucket(bucket);
  if (HasAnyKey(b, VersionBucketPrefix(bucket))) {
    return Status::Aws(StatusCode::kFailedPrecondition, 409, "BucketNotEmpty",
                       "The bucket you tried to delete is not empty")
        .WithDetail("BucketName", bucket);
  }
  return std::nullopt;
}

// DeleteBucket's checks and delete, while the bucket is held (S3Backend::HoldBucket).
void DeleteHeldBucket(S3Backend& b, const std::string& bucket, aws::CallDone done) {
  if (auto refusal = DeleteRefusal(b, bucket)) return done(std::move(*refusal));
  storage::WriteBatch batch;
  batch.Delete(b.ns(), BucketKey(bucket));
  std::string config = BucketConfigPrefix(bucket);
  batch.DeleteRange(b.ns(), config, PrefixEnd(config));
  // Multipart uploads in progress go with the bucket, parts and blobs included.
  std::vector<BlobId> freed;
  std::string uploads = UploadBucketPrefix(bucket);
  storage::IteratorOptions options;
  options.lower_bound = uploads;
  options.upper_bound = PrefixEnd(uploads);
  auto it = b.store().NewIterator(b.ns(), options);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view upload_key = it->key();
    std::string upload_id(upload_key.substr(upload_key.rfind('\0') + 1));
    std::string parts = PartPrefix(upload_id);
    storage::IteratorOptions part_options;
    part_options.lower_bound = parts;
    part_options.upper_bound = PrefixEnd(parts);
    auto pit = b.store().NewIterator(b.ns(), part_options);
    for (pit->SeekToFirst(); pit->Valid(); pit->Next()) {
      auto part = DecodeVersionMetadata(pit->value());
      if (part.ok()) {
        for (BlobId id : BlobsOf(*part)) {
          batch.Delete(b.ns(), BlobRefKey(id));
          freed.push_back(id);
        }
      }
    }
    batch.DeleteRange(b.ns(), parts, PrefixEnd(parts));
    batch.Delete(b.ns(), UploadAclKey(upload_id));
  }
  batch.DeleteRange(b.ns(), uploads, PrefixEnd(uploads));
  b.store().Commit(std::move(batch), [&b, bucket, done = std::move(done), freed = std::move(freed)](Status st) mutable {
    if (!st.ok()) return done(S3InternalError(st));
    b.notifier().Invalidate(bucket);
    b.BucketChanged(bucket);
    b.RemoveBlobsLater(std::move(freed));
    done(aws::Document::object());
  });
}

// A LocationConstraint names a region S3 has (the model's BucketLocationConstraint values, "EU"
// among them) or the region the request was signed for: Skybox serves whatever region a
// client is configured with.
bool IsKnownLocation(std::string_view constraint, std::string_view endpoint) {
  if (constraint == endpoint) return true;
  static const std::vector<std::string> known = [] {
    const aws::ServiceModel* model = aws::ServiceModel::Find("s3");
    const aws::Shape* shape = model != nullptr ? model->FindShape("BucketLocationConstraint") : nullptr;
    return shape != nullptr ? shape->enum_values : std::vector<std::string>();
  }();
  return std::find(known.begin(), known.end(), constraint) != known.end();
}

}  // namespace

void CreateBucket(S3Backend& b, aws::Call call, aws::CallDone done) {
  std::string bucket = BucketOf(call);
  if (!IsValidBucketName(bucket)) return done(InvalidBucketName(bucket));
  // The endpoint's region is the one the client signed for. us-east-1 (the global endpoint)
  // creates buckets in any region; any other endpoint only in its own.
  const std::string endpoint = call.signing_region.empty() ? call.region : call.signing_region;
  std::string constraint;
  if (auto config = call.input.find("CreateBucketConfiguration"); config != call.input.end()) {
    constraint = config->value("LocationConstraint", std::string());
  }
  if (constraint == "us-east-1" || (!constraint.empty() && !IsKnownLocation(constraint, endpoint))) {
    return done(Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidLocationConstraint",
                            "The specified location-constraint is not valid")
                    .WithDetail("LocationConstraint", constraint));
  }
  std::string region = constraint.empty() ? "us-east-1" : constraint == "EU" ? "eu-west-1" : constraint;
  if (endpoint != "us-east-1" && region != endpoint) {
    return done(Status::Aws(StatusCode::kInvalidArgument, 400, "IllegalLocationConstraintException",
                            "The " + (constraint.empty() ? std::string("unspecified") : constraint) +
                                " location constraint is incompatible for the region specific endpoint "
                                "this request was sent to."));
  }
  // An existing bucket is answered at once, without waiting for the bucket's writes. Otherwise
  // the name is held from the check that it is free to the durable write: two creates cannot
  // both find it free, nor a create and a delete interleave.
  if (auto answer = AnswerForExisting(b, bucket, region)) return done(std::move(*answer));
  auto held_call = std::make_shared<aws::Call>(std::move(call));
  b.HoldBucket(bucket, [&b, held_call, bucket, region, done = std::move(done)](KeySerializer::Release release) mutable {
    CreateHeldBucket(b, *held_call, bucket, region, ReleaseThen(std::move(release), std::move(done)));
  });
}

void HeadBucket(S3Backend& b, aws::Call call, aws::CallDone done) {
  std::string bucket = BucketOf(call);
  auto record = ReadBucket(b, bucket);
  if (!record.ok()) return done(record.status());
  if (!*record) return done(NoSuchBucket(bucket));
  // A bucket is never an access point's alias here (there are no access points).
  done(aws::Document{{"BucketRegion", (*record)->region}, {"AccessPointAlias", false}});
}

void GetBucketLocation(S3Backend& b, aws::Call call, aws::CallDone done) {
  std::string bucket = BucketOf(call);
  auto record = ReadBucket(b, bucket);
  if (!record.ok()) return done(record.status());
  if (!*record) return done(NoSuchBucket(bucket));
  // us-east-1 buckets report an empty LocationConstraint.
  done(aws::Document{{"LocationConstraint", (*record)->region == "us-east-1" ? "" : (*record)->region}});
}

void DeleteBucket(S3Backend& b, aws::Call call, aws::CallDone done) {
  // A missing or non-empty bucket is answered at once, without waiting for the bucket's writes.
  // Otherwise the bucket is held from the emptiness check to the durable delete: writes into it
  // hold it shared until their batches are durable, so none commits in between, and none after
  // (they find the bucket gone).
  std::string bucket = BucketOf(call);
  if (auto refusal = DeleteRefusal(b, bucket)) return done(std::move(*refusal));
  b.HoldBucket(bucket, [&b, bucket, done = std::move(done)](KeySerializer::Release release) mutable {
    DeleteHeldBucket(b, bucket, ReleaseThen(std::move(release), std::move(done)));
  });
}

void ListBuckets(S3Backend& b, aws::Call call, aws::CallDone done) {
  const aws::Document& in = call.input;
  int64_t max = in.value("MaxBuckets", int64_t{10000});
  if (max < 1 || max > 10000) return done(InvalidArgument("Argument max-buckets must be an integer between 1 and 10000"));
  std::string prefix = in.value("Prefix", std::string());
  std::string after;
  if (std::string token = in.value("ContinuationToken", std::string()); !token.empty()) {
    std::optional<std::string> decoded = DecodeContinuationToken(token);
    if (!decoded) return done(InvalidContinuationToken());
    after = std::move(*decoded);
  }
  std::string region_filter = in.value("BucketRegion", std::string());
  storage::IteratorOptions options;
  options.lower_bound = BucketKey(prefix);
  options.upper_bound = PrefixEnd(BucketKey(prefix));
  auto it = b.store().NewIterator(b.ns(), options);
  if (after.empty()) {
    it->SeekToFirst();
  } else {
    it->Seek(BucketKey(after) + '\0');
  }
  aws::Document buckets = aws::Document::array();
  std::string last;
  bool more = false;
  for (; it->Valid(); it->Next()) {
    BucketRecord record = DecodeBucket(it->value());
    if (!region_filter.empty() && record.region != region_filter) continue;
    if (static_cast<int64_t>(buckets.size()) == max) {
      more = true;
      break;
    }
    last = std::string(it->key().substr(kBucketPrefix.size()));
    buckets.push_back({{"Name", last}, {"CreationDate", WholeSeconds(record.created_ms)},
                       {"BucketRegion", record.region}});
  }
  if (!it->status().ok()) return done(S3InternalError(it->status()));
  aws::Document out = {{"Buckets", std::move(buckets)},
                       {"Owner", {{"ID", CanonicalUserId(call.caller.account_id)}, {"DisplayName", kOwnerDisplayName}}}};
  if (more) out["ContinuationToken"] = EncodeContinuationToken(last);
  if (in.contains("Prefix")) out["Prefix"] = prefix;
  done(out);
}

}  // namespace skybox::s3
