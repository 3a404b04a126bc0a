// The S3 errors the operations answer with, worded as S3 words them.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace skybox::s3 {

// S3's error bodies name what was missing (<BucketName>, <Key>, <VersionId>, <UploadId>).
Status NoSuchBucket(std::string_view bucket);
Status NoSuchKey(std::string_view key);
Status NoSuchVersion(std::string_view key, std::string_view version_id);
Status NoSuchUpload(std::string_view upload_id);
Status InvalidArgument(std::string message);
Status InvalidRequest(std::string message);
// 400 InvalidRequest for an x-amz-checksum-algorithm / x-amz-sdk-checksum-algorithm S3 does not know.
Status UnsupportedChecksumAlgorithm();
Status InvalidBucketName(std::string_view bucket);
Status BadDigest(std::string message);
Status NotModified();
// 301 PermanentRedirect: the bucket must be addressed at another endpoint (the one for its
// region); names the endpoint and the bucket.
Status PermanentRedirect(std::string_view endpoint, std::string_view bucket);
Status MethodNotAllowed();
// OK for an object key of at most 1024 bytes, else KeyTooLongError.
Status CheckKeyLength(std::string_view key);
// OK for an object key that is well-formed UTF-8, else 400 InvalidURI: the request's URI
// decoded to bytes that are no text, which S3 cannot parse.
Status CheckKeyReadable(std::string_view key);
// A storage or disk failure: 500 InternalError (the detail is logged, not sent).
Status S3InternalError(const Status& cause);

}  // namespace skybox::s3
