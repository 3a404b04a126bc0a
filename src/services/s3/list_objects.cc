// ListObjects (v1), ListObjectsV2 and ListObjectVersions: ordered walks over the H keys (one
// per key, current versions) or the V keys (every version), with S3's prefix / delimiter /
// marker semantics. A page costs O(page size): common prefixes are skipped with one seek.
#include "base/crypto.h"
#include "base/percent_encoding.h"
#include "services/s3/archive_restore.h"
#include "services/s3/config/bucket_acl.h"
#include "services/s3/continuation_token.h"
#include "services/s3/keys.h"
#include "services/s3/object_metadata.h"
#include "services/s3/operations.h"
#include "services/s3/s3_errors.h"
#include "services/s3/version_target.h"
#include "storage/iterator.h"

namespace skybox::s3 {
namespace {

struct ListRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  int64_t max_keys = 1000;    // as asked for, and echoed so (MaxKeys)
  int64_t page_limit = 1000;  // entries a page holds: max_keys, at most 1000
  bool url_encoding = false;
};

Result<ListRequest> ReadListRequest(S3Backend& b, const aws::Call& call) {
  ListRequest r;
  const aws::Document& in = call.input;
  r.bucket = in.value("Bucket", std::string());
  r.prefix = in.value("Prefix", std::string());
  r.delimiter = in.value("Delimiter", std::string());
  r.max_keys = in.value("MaxKeys", int64_t{1000});
  r.page_limit = std::min<int64_t>(r.max_keys, 1000);
  if (r.max_keys < 0) return InvalidArgument("Argument maxKeys must be an integer between 0 and 2147483647");
  if (in.contains("EncodingType")) {
    if (in["EncodingType"] != "url") return InvalidArgument("Invalid Encoding Method specified in Request");
    r.url_encoding = true;
  }
  if (Status st = b.RequireBucket(r.bucket); !st.ok()) return st;
  return r;
}

std::string Encode(const ListRequest& r, std::string_view text) {
  return r.url_encoding ? PercentEncode(text, /*keep_slash=*/true) : std::string(text);
}

// The common prefix `key` rolls up into, or empty when it stands alone.
std::string CommonPrefixOf(const ListRequest& r, std::string_view key) {
  if (r.delimiter.empty()) return {};
  size_t at = key.find(r.delimiter, r.prefix.size());
  if (at == std::string_view::npos) return {};
  return std::string(key.substr(0, at + r.delimiter.size()));
}

// True when `marker` is a common prefix this listing would report (a page's last entry).
bool IsCommonPrefix(const ListRequest& r, std::string_view marker) {
  return !r.delimiter.empty() && marker.starts_with(r.prefix) && CommonPrefixOf(r, marker) == marker;
}

// S3 leaves out a common prefix that is not after the marker: a marker inside a group (a/b/c
// for a/) resumes after the whole group.
bool ReportsCommonPrefix(std::string_view common, std::string_view marker) {
  return marker.empty() || common > marker;
}

// Adds the object's owner (the caller's account: Skybox's buckets and objects belong to the
// account whose keys wrote them) to a listing entry; an anonymous caller names no account, so
// its listings carry no Owner.
void AddOwner(const aws::Call& call, aws::Document& entry) {
  if (call.caller.account_id.empty()) return;
  entry["Owner"] = {{"ID", CanonicalUserId(call.caller.account_id)}, {"DisplayName", kOwnerDisplayName}};
}

// One page of current objects after `after` (exclusive; empty = from the start).
struct Page {
  aws::Document contents = aws::Document::array();
  aws::Document prefixes = aws::Document::array();
  std::string last;  // the last key or common prefix in the page
  bool truncated = false;
};

Result<Page> ListCurrent(S3Backend& b, const aws::Call& call, const ListRequest& r, const std::string& after,
                         bool with_owner) {
  Page page;
  const bool restore_status = WantsRestoreStatus(call.input);
  const int64_t now_ms = NowMs();
  std::string head_prefix = HeadPrefix(r.bucket);
  storage::IteratorOptions options;
  options.lower_bound = head_prefix + r.prefix;
  options.upper_bound = PrefixEnd(options.lower_bound);
  auto it = b.store().NewIterator(b.ns(), options);
  std::string start = head_prefix + after;
  if (after.empty() || start < options.lower_bound) {
    it->SeekToFirst();
  } else if (IsCommonPrefix(r, after)) {
    it->Seek(PrefixEnd(start));  // a page that ended on a common prefix resumes after all of it
  } else {
    it->Seek(start);
    if (it->Valid() && it->key() == start) it->Next();
  }
  int64_t count = 0;
  while (it->Valid()) {
    std::string_view key = it->key().substr(head_prefix.size());
    auto head = DecodeHead(it->value());
    if (!head.ok()) return S3InternalError(head.status());
    if (head->delete_marker) {
      it->Next();
      continue;
    }
    if (count == r.page_limit) {
      page.truncated = r.page_limit > 0;  // MaxKeys=0 asks for an empty page, not a paging loop (as S3)
      break;
    }
    std::string common = CommonPrefixOf(r, key);
    if (!common.empty() && !ReportsCommonPrefix(common, after)) {
      it->Seek(PrefixEnd(head_prefix + common));
      continue;
    }
    if (!common.empty()) {
      page.prefixes.push_back({{"Prefix", Encode(r, common)}});
      page.last = common;
      ++count;
      it->Seek(PrefixEnd(head_prefix + common));  // past every key under it
      continue;
    }
    aws::Document entry = {{"Key", Encode(r, key)}, {"LastModified", WholeSeconds(head->last_modified_ms)},
                           {"ETag", head->etag}, {"Size", head->size}, {"StorageClass", head->storage_class}};
    if (with_owner) AddOwner(call, entry);
    if (!head->checksum_algorithm.empty()) {
      entry["ChecksumAlgorithm"] = aws::Document::array({head->checksum_algorithm});
      entry["ChecksumType"] = head->checksum_type;
    }
    if (restore_status) AddRestoreStatus(head->storage_class, head->restore_expiry_ms, now_ms, entry);
    page.contents.push_back(std::move(entry));
    page.last = std::string(key);
    ++count;
    it->Next();
  }
  if (!it->status().ok()) return S3InternalError(it->status());
  return page;
}

// ListObjects (v1) answers Prefix as given even under encoding-type=url (as S3 does, and SDKs
// decode only Delimiter, Marker, NextMarker, Key and CommonPrefixes there); v2 encodes it.
void AddCommon(const ListRequest& r, const Page& page, bool encode_prefix, aws::Document& out) {
  out["Name"] = r.bucket;
  out["Prefix"] = encode_prefix ? Encode(r, r.prefix) : r.prefix;
  if (!r.delimiter.empty()) out["Delimiter"] = Encode(r, r.delimiter);
  out["MaxKeys"] = r.max_keys;
  if (r.url_encoding) out["EncodingType"] = "url";
  out["IsTruncated"] = page.truncated;
  if (!page.contents.empty()) out["Contents"] = page.contents;
  if (!page.prefixes.empty()) out["CommonPrefixes"] = page.prefixes;
}

}  // namespace

void ListObjects(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto r = ReadListRequest(b, call);
  if (!r.ok()) return done(r.status());
  std::string marker = call.input.value("Marker", std::string());
  auto page = ListCurrent(b, call, *r, marker, /*with_owner=*/true);
  if (!page.ok()) return done(page.status());
  aws::Document out = aws::Document::object();
  AddCommon(*r, *page, /*encode_prefix=*/false, out);
  out["Marker"] = Encode(*r, marker);
  if (page->truncated && !r->delimiter.empty()) out["NextMarker"] = Encode(*r, page->last);
  done(out);
}

void ListObjectsV2(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto r = ReadListRequest(b, call);
  if (!r.ok()) return done(r.status());
  std::string after = call.input.value("StartAfter", std::string());
  // An empty token (`continuation-token=`) starts at the beginning, like none; it is echoed.
  std::string token = call.input.value("ContinuationToken", std::string());
  if (!token.empty()) {
    std::optional<std::string> decoded = DecodeContinuationToken(token);
    if (!decoded || decoded->empty()) return done(InvalidContinuationToken());
    after = std::max(after, *decoded);
  }
  auto page = ListCurrent(b, call, *r, after, call.input.value("FetchOwner", false));
  if (!page.ok()) return done(page.status());
  aws::Document out = aws::Document::object();
  AddCommon(*r, *page, /*encode_prefix=*/true, out);
  out["KeyCount"] = page->contents.size() + page->prefixes.size();
  if (call.input.contains("ContinuationToken")) out["ContinuationToken"] = call.input["ContinuationToken"];
  if (call.input.contains("StartAfter")) out["StartAfter"] = Encode(*r, call.input["StartAfter"].get<std::string>());
  if (page->truncated) out["NextContinuationToken"] = EncodeContinuationToken(page->last);
  done(out);
}

void ListObjectVersions(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto r = ReadListRequest(b, call);
  if (!r.ok()) return done(r.status());
  const std::string key_marker = call.input.value("KeyMarker", std::string());
  const std::string version_marker = call.input.value("VersionIdMarker", std::string());
  if (!version_marker.empty() && key_marker.empty()) {
    return done(InvalidArgument("A version-id marker cannot be specified without a key marker."));
  }
  if (!version_marker.empty() && !IsWellFormedVersionId(version_marker)) {
    return done(InvalidVersionIdError(version_marker));
  }
  const bool restore_status = WantsRestoreStatus(call.input);
  const int64_t now_ms = NowMs();
  std::string bucket_prefix = VersionBucketPrefix(r->bucket);
  storage::IteratorOptions options;
  options.lower_bound = bucket_prefix + r->prefix;
  options.upper_bound = PrefixEnd(options.lower_bound);
  auto it = b.store().NewIterator(b.ns(), options);
  if (key_marker.empty()) {
    it->SeekToFirst();
  } else {
    std::optional<uint64_t> marker_seq;
    if (!version_marker.empty()) {
      auto head = b.ReadHead(r->bucket, key_marker);
      if (head.ok() && *head) marker_seq = version_marker == "null" ? (*head)->null_seq : S3Backend::VersionSeq(version_marker);
    }
    if (marker_seq) {
      std::string from = VersionKey(r->bucket, key_marker, *marker_seq);
      it->Seek(from);
      if (it->Valid() && it->key() == from) it->Next();
    } else if (IsCommonPrefix(*r, key_marker)) {
      it->Seek(PrefixEnd(bucket_prefix + key_marker));
    } else {
      it->Seek(PrefixEnd(VersionPrefix(r->bucket, key_marker)));
    }
  }
  aws::Document versions = aws::Document::array(), markers = aws::Document::array(),
                prefixes = aws::Document::array();
  std::string current_key;
  std::optional<ObjectHead> current_head;
  std::string next_key, next_version;
  bool truncated = false;
  int64_t count = 0;
  while (it->Valid()) {
    auto parts = ParseVersionKey(r->bucket, it->key());
    if (!parts) return done(S3InternalError(Status(StatusCode::kDataLoss, "corrupt S3 version key")));
    if (count == r->page_limit) {
      truncated = r->page_limit > 0;
      break;
    }
    std::string common = CommonPrefixOf(*r, parts->key);
    if (!common.empty() && !ReportsCommonPrefix(common, key_marker)) {
      it->Seek(PrefixEnd(bucket_prefix + common));
      continue;
    }
    if (!common.empty()) {
      prefixes.push_back({{"Prefix", Encode(*r, common)}});
      next_key = common;
      next_version.clear();
      ++count;
      it->Seek(PrefixEnd(bucket_prefix + common));
      continue;
    }
    if (parts->key != current_key) {
      current_key = std::string(parts->key);
      auto head = b.ReadHead(r->bucket, current_key);
      if (!head.ok()) return done(S3InternalError(head.status()));
      current_head = *head;
    }
    auto version = DecodeVersionMetadata(it->value());
    if (!version.ok()) return done(S3InternalError(version.status()));
    const bool latest = current_head && current_head->current_seq == parts->seq;
    aws::Document entry = {{"Key", Encode(*r, current_key)}, {"VersionId", version->version_id},
                           {"IsLatest", latest}, {"LastModified", WholeSeconds(version->last_modified_ms)}};
    AddOwner(call, entry);
    if (version->delete_marker) {
      markers.push_back(std::move(entry));
    } else {
      entry["ETag"] = version->etag;
      entry["Size"] = version->size;
      entry["StorageClass"] = version->storage_class;
      if (version->checksum) {
        entry["ChecksumAlgorithm"] = aws::Document::array({version->checksum->algorithm});
        entry["ChecksumType"] = version->checksum->type;
      }
      if (restore_status) AddRestoreStatus(version->storage_class, version->restore_expiry_ms, now_ms, entry);
      versions.push_back(std::move(entry));
    }
    next_key = current_key;
    next_version = version->version_id;
    ++count;
    it->Next();
  }
  if (!it->status().ok()) return done(S3InternalError(it->status()));
  aws::Document out = {{"Name", r->bucket}, {"Prefix", Encode(*r, r->prefix)}, {"MaxKeys", r->max_keys},
                       {"IsTruncated", truncated}, {"KeyMarker", Encode(*r, key_marker)},
                       {"VersionIdMarker", version_marker}};
  if (!r->delimiter.empty()) out["Delimiter"] = Encode(*r, r->delimiter);
  if (r->url_encoding) out["EncodingType"] = "url";
  if (!versions.empty()) out["Versions"] = std::move(versions);
  if (!markers.empty()) out["DeleteMarkers"] = std::move(markers);
  if (!prefixes.empty()) out["CommonPrefixes"] = std::move(prefixes);
  if (truncated) {
    out["NextKeyMarker"] = Encode(*r, next_key);
    if (!next_version.empty()) out["NextVersionIdMarker"] = next_version;
  }
  done(out);
}

}  // namespace skybox::s3
