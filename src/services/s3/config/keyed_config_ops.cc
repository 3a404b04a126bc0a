#include "services/s3/config/keyed_config_ops.h"

#include <optional>

#include "base/crypto.h"
#include "services/s3/config/config_kinds.h"
#include "services/s3/config/config_store.h"

namespace skybox::s3 {
namespace {

using Deps = std::shared_ptr<const BucketConfigDeps>;

// S3 answers a successful Put with 204 No Content (the model says 200).
constexpr int kPutStatus = 204;
// List tokens are base64 of this marker + the Id the next page starts at; the marker tells a
// token this code wrote from any other string.
constexpr std::string_view kTokenMarker = "keyed-config-list\n";

Status NoSuchConfiguration() {
  return Status::Aws(StatusCode::kNotFound, 404, "NoSuchConfiguration", "The specified configuration does not exist.");
}

Status TooManyConfigurations() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "TooManyConfigurations",
                     "You are attempting to create a new configuration but have already reached the 1,000-configuration "
                     "limit.");
}

// The stored name of configuration `id`: "<kind>/<id>".
std::string ConfigName(const KeyedConfigKind& kind, std::string_view id) {
  std::string name(kind.name);
  name.push_back('/');
  return name.append(id);
}

// Bounds of every key of `kind` in `bucket`.
storage::IteratorOptions KindRange(std::string_view bucket, const KeyedConfigKind& kind) {
  std::string lower = KeyedBucketConfigKey(bucket, kind, "");
  std::string upper = storage::PrefixEnd(lower);
  return {.lower_bound = std::move(lower), .upper_bound = std::move(upper)};
}

std::string EncodeToken(std::string_view next_id) {
  return Base64Encode(std::string(kTokenMarker).append(next_id));
}

// The Id a List continues from; empty for no token (an empty token starts over, as S3 does).
Result<std::string> DecodeToken(std::string_view token) {
  if (token.empty()) return std::string();
  std::optional<std::string> raw = Base64Decode(token);
  if (!raw || !raw->starts_with(kTokenMarker) || raw->size() == kTokenMarker.size()) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument", "The continuation token provided is incorrect");
  }
  return raw->substr(kTokenMarker.size());
}

// How many configurations of `kind` the bucket holds, counting no further than `limit`.
Result<size_t> CountConfigs(const BucketConfigDeps& deps, std::string_view bucket, const KeyedConfigKind& kind,
                            size_t limit) {
  auto it = deps.store->NewIterator(deps.ns, KindRange(bucket, kind));
  size_t count = 0;
  for (it->SeekToFirst(); it->Valid() && count < limit; it->Next()) ++count;
  SKYBOX_RETURN_IF_ERROR(it->status());
  return count;
}

void Commit(const Deps& deps, storage::WriteBatch batch, aws::CallDone done) {
  deps->store->Commit(std::move(batch), [done = std::move(done)](Status s) {
    if (!s.ok()) return done(std::move(s));
    done(aws::Document::object());
  });
}

Result<aws::Document> ConfigFromPut(const BucketConfigDeps& deps, const KeyedConfigKind& kind, const aws::Call& call,
                                    std::string_view bucket, const std::string& id) {
  auto in = call.input.find(kind.payload_member);
  if (in == call.input.end() || !in->is_object()) return MalformedXmlError();
  aws::Document config = *in;
  if (kind.normalize != nullptr) {
    SKYBOX_ASSIGN_OR_RETURN(config, kind.normalize(std::move(config)));
  }
  if (config.value("Id", std::string()) != id) return kind.id_mismatch();
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> existing,
                          ReadBucketConfig(*deps.store, deps.ns, bucket, ConfigName(kind, id)));
  if (!existing) {
    SKYBOX_ASSIGN_OR_RETURN(size_t count, CountConfigs(deps, bucket, kind, kMaxKeyedConfigsPerKind));
    if (count >= kMaxKeyedConfigsPerKind) return TooManyConfigurations();
  }
  return config;
}

void Put(const Deps& deps, const KeyedConfigKind& kind, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  auto put = std::make_shared<aws::Call>(std::move(call));
  // Held from the count of existing configurations to the commit, so the limit holds.
  auto held = [deps, &kind, put, bucket = *bucket](aws::CallDone done) {
    const std::string id = put->input.value("Id", "");
    auto config = ConfigFromPut(*deps, kind, *put, bucket, id);
    if (!config.ok()) return done(config.status());
    storage::WriteBatch batch;
    batch.Put(deps->ns, KeyedBucketConfigKey(bucket, kind, id), EncodeBucketConfig(*config));
    if (put->http) put->http->response_status = kPutStatus;
    Commit(deps, std::move(batch), std::move(done));
  };
  WithBucketConfigHeld(deps->serialize, deps->require_bucket, *bucket, std::move(done), std::move(held));
}

void Get(const Deps& deps, const KeyedConfigKind& kind, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  auto stored = ReadBucketConfig(*deps->store, deps->ns, *bucket, ConfigName(kind, call.input.value("Id", "")));
  if (!stored.ok()) return done(stored.status());
  if (!stored->has_value()) return done(NoSuchConfiguration());
  done(aws::Document{{std::string(kind.payload_member), std::move(**stored)}});
}

void Delete(const Deps& deps, const KeyedConfigKind& kind, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  auto held = [deps, key = KeyedBucketConfigKey(*bucket, kind, call.input.value("Id", ""))](aws::CallDone done) {
    auto stored = deps->store->Get(deps->ns, key);
    if (!stored.ok()) return done(stored.status());
    if (!stored->has_value()) return done(NoSuchConfiguration());
    storage::WriteBatch batch;
    batch.Delete(deps->ns, key);
    Commit(deps, std::move(batch), std::move(done));
  };
  WithBucketConfigHeld(deps->serialize, deps->require_bucket, *bucket, std::move(done), std::move(held));
}

void List(const Deps& deps, const KeyedConfigKind& kind, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  const std::string token = call.input.value("ContinuationToken", "");
  auto start = DecodeToken(token);
  if (!start.ok()) return done(start.status());
  storage::IteratorOptions range = KindRange(*bucket, kind);
  const size_t id_offset = range.lower_bound.size();
  auto it = deps->store->NewIterator(deps->ns, range);
  aws::Document page = aws::Document::array();
  aws::Document out = aws::Document::object();
  out["IsTruncated"] = false;
  for (it->Seek(range.lower_bound + *start); it->Valid(); it->Next()) {
    if (page.size() == kKeyedConfigListPageSize) {
      out["IsTruncated"] = true;
      out["NextContinuationToken"] = EncodeToken(it->key().substr(id_offset));
      break;
    }
    auto config = DecodeBucketConfig(it->value(), kind.name);
    if (!config.ok()) return done(config.status());
    page.push_back(std::move(config).value());
  }
  if (!it->status().ok()) return done(it->status());
  if (!token.empty()) out["ContinuationToken"] = token;
  if (!page.empty()) out[std::string(kind.list_member)] = std::move(page);
  done(std::move(out));
}

}  // namespace

std::string KeyedBucketConfigKey(std::string_view bucket, const KeyedConfigKind& kind, std::string_view id) {
  return BucketConfigKey(bucket, ConfigName(kind, id));
}

void RegisterKeyedBucketConfigOperations(aws::Service& service, std::shared_ptr<const BucketConfigDeps> deps) {
  using Operation = void (*)(const Deps&, const KeyedConfigKind&, aws::Call, aws::CallDone);
  auto bind = [&deps](Operation op, const KeyedConfigKind& kind) -> aws::OperationHandler {
    return [deps, op, &kind](aws::Call call, aws::CallDone done) { op(deps, kind, std::move(call), std::move(done)); };
  };
  for (const KeyedConfigKind& kind : KeyedBucketConfigKinds()) {
    service.Register(std::string(kind.put_operation), bind(Put, kind));
    service.Register(std::string(kind.get_operation), bind(Get, kind));
    service.Register(std::string(kind.delete_operation), bind(Delete, kind));
    service.Register(std::string(kind.list_operation), bind(List, kind));
  }
}

}  // namespace skybox::s3
