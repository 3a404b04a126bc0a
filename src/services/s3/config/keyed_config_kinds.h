// The table behind the bucket configurations S3 names by Id (`?analytics&id=`, `?inventory&id=`,
// `?metrics&id=`, `?intelligent-tiering&id=`): a bucket holds up to 1,000 of each kind, each
// Put/Get/Delete addresses one by Id and List pages through them. keyed_config_ops.cc runs one
// generic Put/Get/Delete/List over these rows. They are stored and returned only: no inventory
// report, analytics export, CloudWatch metric or archive tiering ever happens.
//
// Thread-safety: the table is immutable static data; the hooks are pure functions.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "aws/protocol/document.h"
#include "base/result.h"

namespace skybox::s3 {

struct KeyedConfigKind {
  // Key segment: the configuration `id` of `bucket` is stored under
  // BucketConfigKey(bucket, name + "/" + id) (see KeyedBucketConfigKey).
  std::string_view name;
  std::string_view put_operation;
  std::string_view get_operation;
  std::string_view delete_operation;
  std::string_view list_operation;
  // The Put input member holding the configuration, also Get's output member.
  std::string_view payload_member;
  // List's output member holding the page of configurations.
  std::string_view list_member;
  // What S3 answers when the Id of the query and the Id inside the document differ.
  Status (*id_mismatch)();
  // S3's checks beyond what the codec validates (enums, ranges); the result is what is
  // stored. nullptr: the codec's validation of the model suffices.
  Result<aws::Document> (*normalize)(aws::Document config) = nullptr;
};

// S3 keeps at most this many configurations of one kind per bucket.
inline constexpr size_t kMaxKeyedConfigsPerKind = 1000;
// List answers at most this many configurations per page.
inline constexpr size_t kKeyedConfigListPageSize = 100;

const std::vector<KeyedConfigKind>& KeyedBucketConfigKinds();

// InventoryConfiguration: Destination.S3BucketDestination.Format CSV|ORC|Parquet,
// Schedule.Frequency Daily|Weekly, IncludedObjectVersions All|Current and each OptionalFields
// value one of the model's -> MalformedXML.
Result<aws::Document> NormalizeInventoryConfiguration(aws::Document config);
// AnalyticsConfiguration: a DataExport's OutputSchemaVersion V_1 and Format CSV -> MalformedXML.
Result<aws::Document> NormalizeAnalyticsConfiguration(aws::Document config);
// IntelligentTieringConfiguration: Status Enabled|Disabled and AccessTier
// ARCHIVE_ACCESS|DEEP_ARCHIVE_ACCESS -> MalformedXML; Days 90..730 (ARCHIVE_ACCESS) or
// 180..730 (DEEP_ARCHIVE_ACCESS) -> InvalidArgument.
Result<aws::Document> NormalizeIntelligentTieringConfiguration(aws::Document config);

}  // namespace skybox::s3
