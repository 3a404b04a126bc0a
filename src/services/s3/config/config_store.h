// How bucket configuration documents are keyed and encoded in the S3 namespace.
// Internal to services/s3/config.
//
// Thread-safety: pure functions over a thread-safe Store.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "storage/store.h"

namespace skybox::s3 {

// BucketConfigPrefix(bucket) + name.
std::string BucketConfigKey(std::string_view bucket, std::string_view name);

// The stored configuration `name` of `bucket`, std::nullopt when never set (or deleted).
// kDataLoss when the stored bytes are not a document this code wrote.
Result<std::optional<aws::Document>> ReadBucketConfig(storage::Store& store, storage::Namespace ns,
                                                      std::string_view bucket, std::string_view name);

// The stored form of a configuration document.
std::string EncodeBucketConfig(const aws::Document& config);

// The document stored as `stored` for configuration `name`; kDataLoss when it is not a
// document this code wrote.
Result<aws::Document> DecodeBucketConfig(std::string_view stored, std::string_view name);

}  // namespace skybox::s3
