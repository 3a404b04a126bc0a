#include "services/s3/object_tagging.h"

#include "base/ascii.h"
#include "base/utf8.h"
#include "net/query_string.h"
#include "services/s3/config/config_kinds.h"
#include "services/s3/keys.h"
#include "services/s3/object_commit.h"
#include "services/s3/version_target.h"

namespace skybox::s3 {
namespace {

constexpr size_t kMaxObjectTags = 10;
constexpr size_t kMaxTagKeyChars = 128;
constexpr size_t kMaxTagValueChars = 256;

// S3's tag alphabet is letters, numbers, separators (spaces) and _ . : / = + - @. Checked
// exactly for ASCII; every other character is let through, since telling a letter or a number
// from a symbol beyond ASCII needs Unicode's character tables.
bool TagTextAllowed(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80 || IsAsciiAlnum(static_cast<char>(c))) continue;
    if (std::string_view(" _.:/=+-@").find(static_cast<char>(c)) == std::string_view::npos) return false;
  }
  return true;
}

// The rules every object tag follows, however it is sent: a key of 1..128 characters not
// prefixed "aws:", a value of at most 256 characters, both of the tag alphabet. The error names
// the tag as S3's does.
Status CheckTag(std::string_view key, std::string_view value) {
  const size_t key_chars = Utf8CharacterCount(key);
  if (key_chars == 0 || key_chars > kMaxTagKeyChars || !TagTextAllowed(key)) {
    return InvalidTagError("The TagKey you have provided is invalid").WithDetail("TagKey", std::string(key));
  }
  if (Utf8CharacterCount(value) > kMaxTagValueChars || !TagTextAllowed(value)) {
    return InvalidTagError("The TagValue you have provided is invalid")
        .WithDetail("TagKey", std::string(key))
        .WithDetail("TagValue", std::string(value));
  }
  if (key.starts_with("aws:")) return InvalidTagError("Your TagKey cannot be prefixed with aws:");
  return Status();
}

Status CheckTagCount(size_t count) {
  if (count <= kMaxObjectTags) return Status();
  return Status::Aws(StatusCode::kInvalidArgument, 400, "BadRequest", "Object tags cannot be greater than 10");
}

bool HasKey(const TagSet& tags, std::string_view key) {
  for (const auto& existing : tags) {
    if (existing.first == key) return true;
  }
  return false;
}

// The version's response members: S3 names the version unless it is the null version.
aws::Document VersionOutput(const ObjectVersion& version) {
  aws::Document out = aws::Document::object();
  if (version.version_id != "null") out["VersionId"] = version.version_id;
  return out;
}

// Replaces the tags of the version `call` names, rewriting its record in place, and notifies
// `event_name` (even when the tags do not change, as S3 does).
void ReplaceTags(S3Backend& b, aws::Call call, TagSet tags, std::string event_name, aws::CallDone done) {
  VersionChange change = [&b, tags = std::move(tags), event_name = std::move(event_name)](
                             aws::Call& call, storage::WriteBatch& batch,
                             std::vector<ObjectEvent>& events) -> Result<aws::Document> {
    SKYBOX_ASSIGN_OR_RETURN(TargetVersion target, FindTargetVersion(b, call, /*with_data=*/true));
    const std::string bucket = call.input.value("Bucket", std::string());
    const std::string key = call.input.value("Key", std::string());
    events.push_back(MakeObjectEvent(b, bucket, key, event_name, OriginOf(call), &target.version));
    if (target.version.tags == tags) return VersionOutput(target.version);  // nothing to write
    target.version.tags = tags;
    batch.Put(b.ns(), VersionKey(bucket, key, target.seq), EncodeVersion(target.version));
    return VersionOutput(target.version);
  };
  CommitVersionChange(b, std::move(call), std::move(change), std::move(done));
}

}  // namespace

Result<TagSet> ParseObjectTagSet(const aws::Document& tag_set) {
  if (!tag_set.is_array()) return TagSet();
  if (Status st = CheckTagCount(tag_set.size()); !st.ok()) return st;
  TagSet tags;
  for (const aws::Document& tag : tag_set) {
    std::string key = tag.value("Key", std::string());
    std::string value = tag.value("Value", std::string());
    if (Status st = CheckTag(key, value); !st.ok()) return st;
    if (HasKey(tags, key)) return InvalidTagError("Cannot provide multiple Tags with the same key");
    tags.emplace_back(std::move(key), std::move(value));
  }
  return tags;
}

Result<TagSet> ParseTaggingHeader(std::string_view header) {
  TagSet tags;
  // The header is form-encoded: '+' is a space.
  for (net::QueryParam& param : net::ParseQueryString(header, net::PlusSign::kSpace)) {
    if (tags.size() == kMaxObjectTags) return CheckTagCount(kMaxObjectTags + 1);  // no need to read on
    if (HasKey(tags, param.name)) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument",
                         "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query "
                         "parameters without tag name duplicates.")
          .WithDetail("ArgumentName", "x-amz-tagging")
          .WithDetail("ArgumentValue", std::string(header));
    }
    tags.emplace_back(std::move(param.name), std::move(param.value));
  }
  for (const auto& [key, value] : tags) {
    if (Status st = CheckTag(key, value); !st.ok()) return st;
  }
  return tags;
}

aws::Document TagSetDocument(const TagSet& tags) {
  aws::Document set = aws::Document::array();
  for (const auto& [key, value] : tags) set.push_back({{"Key", key}, {"Value", value}});
  return set;
}

void PutObjectTagging(S3Backend& b, aws::Call call, aws::CallDone done) {
  const aws::Document tagging = call.input.value("Tagging", aws::Document::object());
  auto tags = ParseObjectTagSet(tagging.value("TagSet", aws::Document::array()));
  if (!tags.ok()) return done(tags.status());
  ReplaceTags(b, std::move(call), std::move(tags).value(), "ObjectTagging:Put", std::move(done));
}

void GetObjectTagging(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto target = FindTargetVersion(b, call, /*with_data=*/false);
  if (!target.ok()) return done(target.status());
  aws::Document out = VersionOutput(target->version);
  out["TagSet"] = TagSetDocument(target->version.tags);
  done(std::move(out));
}

void DeleteObjectTagging(S3Backend& b, aws::Call call, aws::CallDone done) {
  ReplaceTags(b, std::move(call), TagSet(), "ObjectTagging:Delete", std::move(done));
}

}  // namespace skybox::s3
