// S3 object tagging: PutObjectTagging, GetObjectTagging and DeleteObjectTagging (?tagging on an
// object, optionally ?versionId=). The tags live in the version's own record
// (ObjectVersion::tags), so a change rewrites that record in place; the key's head does not
// hold tags and stays as it is.
//
// Thread-safety: pure functions and handlers over the thread-safe S3Backend.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

using TagSet = std::vector<std::pair<std::string, std::string>>;

// A Tagging.TagSet document ([{Key, Value}, ...]) checked with S3's object tag rules: at most
// 10 tags (400 BadRequest), keys of 1..128 and values of at most 256 characters, no "aws:"
// keys, no repeated key (400 InvalidTag).
Result<TagSet> ParseObjectTagSet(const aws::Document& tag_set);

// An x-amz-tagging header ("k1=v1&k2=v2", form-encoded) on an object write, checked with the
// same rules; a repeated key is 400 InvalidArgument (ArgumentName x-amz-tagging), as S3 answers
// for the header.
Result<TagSet> ParseTaggingHeader(std::string_view header);

// The TagSet document of `tags`, in their stored order.
aws::Document TagSetDocument(const TagSet& tags);

void PutObjectTagging(S3Backend& backend, aws::Call call, aws::CallDone done);
void GetObjectTagging(S3Backend& backend, aws::Call call, aws::CallDone done);
void DeleteObjectTagging(S3Backend& backend, aws::Call call, aws::CallDone done);

}  // namespace skybox::s3
