#include "services/s3/config/keyed_config_ops.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <map>

#include "services/s3/config/config_store.h"

namespace skybox::s3 {
namespace {

using aws::Document;

constexpr std::string_view kBucket = "photos";

// A valid configuration of each kind, named `id`.
Document Sample(std::string_view kind, const std::string& id) {
  if (kind == "analytics") {
    return {{"Id", id}, {"Filter", {{"Prefix", "logs/"}}},
            {"StorageClassAnalysis",
             {{"DataExport",
               {{"OutputSchemaVersion", "V_1"},
                {"Destination", {{"S3BucketDestination", {{"Format", "CSV"}, {"Bucket", "arn:aws:s3:::out"}}}}}}}}}};
  }
  if (kind == "inventory") {
    return {{"Id", id}, {"IsEnabled", true}, {"IncludedObjectVersions", "Current"},
            {"Destination", {{"S3BucketDestination", {{"Format", "Parquet"}, {"Bucket", "arn:aws:s3:::out"}}}}},
            {"Schedule", {{"Frequency", "Weekly"}}}, {"OptionalFields", {"Size", "ETag"}}};
  }
  if (kind == "metrics") return {{"Id", id}, {"Filter", {{"Prefix", "img/"}}}};
  return {{"Id", id}, {"Status", "Enabled"},
          {"Tierings", Document::array({{{"Days", 90}, {"AccessTier", "ARCHIVE_ACCESS"}},
                                        {{"Days", 180}, {"AccessTier", "DEEP_ARCHIVE_ACCESS"}}})}};
}

// Only kBucket exists.
Status RequireKnownBucket(std::string_view bucket) {
  return bucket == kBucket ? Status::Ok()
                           : Status::Aws(StatusCode::kNotFound, 404, "NoSuchBucket", "The specified bucket does not exist");
}

class KeyedConfigTest : public ::testing::Test {
 protected:
  KeyedConfigTest() {
    RegisterBucketConfigOperations(service_, {.store = store_.get(), .ns = ns_, .require_bucket = RequireKnownBucket});
  }

  // Runs `operation`; last_status_ is the HTTP status a successful call overrides (0: the model's).
  Result<Document> Invoke(std::string_view operation, Document input, std::string_view bucket = kBucket) {
    const aws::OperationHandler* handler = service_.Find(operation);
    if (handler == nullptr) return Status(StatusCode::kUnimplemented, std::string(operation));
    input["Bucket"] = bucket;
    aws::Call call{.operation = operation, .input = std::move(input)};
    call.caller.account_id = "000000000000";
    call.http = std::make_shared<aws::CallHttp>();
    auto http = call.http;
    std::promise<Result<Document>> promise;
    (*handler)(std::move(call), [&promise](Result<Document> r) { promise.set_value(std::move(r)); });
    Result<Document> result = promise.get_future().get();
    last_status_ = http->response_status;
    return result;
  }

  Result<Document> Put(const KeyedConfigKind& kind, const std::string& id, Document config) {
    return Invoke(kind.put_operation, {{"Id", id}, {std::string(kind.payload_member), std::move(config)}});
  }

  static std::string AwsCode(const Result<Document>& r) { return r.ok() ? "OK" : r.status().aws_code(); }

  static const KeyedConfigKind& Kind(std::string_view name) {
    const auto& kinds = KeyedBucketConfigKinds();
    return *std::find_if(kinds.begin(), kinds.end(), [name](const KeyedConfigKind& k) { return k.name == name; });
  }

  std::unique_ptr<storage::Store> store_ = storage::Store::Open({.ephemeral = true}).value();
  storage::Namespace ns_ = store_->OpenNamespace("s3").value();
  aws::Service service_{"s3"};
  int last_status_ = 0;
};

TEST_F(KeyedConfigTest, RegistersFourOperationsForEachOfTheFourKinds) {
  ASSERT_EQ(KeyedBucketConfigKinds().size(), 4u);
  for (const KeyedConfigKind& kind : KeyedBucketConfigKinds()) {
    for (std::string_view op : {kind.put_operation, kind.get_operation, kind.delete_operation, kind.list_operation}) {
      EXPECT_NE(service_.Find(op), nullptr) << op;
    }
  }
  EXPECT_NE(service_.Find("ListBucketIntelligentTieringConfigurations"), nullptr);
}

TEST_F(KeyedConfigTest, PutGetDeleteRoundTripEveryKind) {
  for (const KeyedConfigKind& kind : KeyedBucketConfigKinds()) {
    SCOPED_TRACE(kind.name);
    const Document config = Sample(kind.name, "first");
    ASSERT_EQ(AwsCode(Put(kind, "first", config)), "OK");
    EXPECT_EQ(last_status_, 204);
    EXPECT_EQ(Invoke(kind.get_operation, {{"Id", "first"}}).value(), (Document{{std::string(kind.payload_member), config}}));
    // A second Put of the same Id replaces the configuration.
    Document replaced = config;
    replaced["Filter"] = {{"Prefix", "other/"}};
    ASSERT_EQ(AwsCode(Put(kind, "first", replaced)), "OK");
    EXPECT_EQ(Invoke(kind.get_operation, {{"Id", "first"}}).value()[kind.payload_member]["Filter"]["Prefix"], "other/");

    ASSERT_EQ(AwsCode(Invoke(kind.delete_operation, {{"Id", "first"}})), "OK");
    for (std::string_view op : {kind.get_operation, kind.delete_operation}) {
      auto missing = Invoke(op, {{"Id", "first"}});
      ASSERT_EQ(AwsCode(missing), "NoSuchConfiguration") << op;
      EXPECT_EQ(missing.status().http_status(), 404);
      EXPECT_EQ(missing.status().message(), "The specified configuration does not exist.");
    }
  }
}

TEST_F(KeyedConfigTest, MissingBucketAndForeignOwnerAreRefused) {
  for (const KeyedConfigKind& kind : KeyedBucketConfigKinds()) {
    EXPECT_EQ(AwsCode(Invoke(kind.put_operation, {{"Id", "a"}, {std::string(kind.payload_member), Sample(kind.name, "a")}},
                             "nope")),
              "NoSuchBucket");
    EXPECT_EQ(AwsCode(Invoke(kind.get_operation, {{"Id", "a"}}, "nope")), "NoSuchBucket");
    EXPECT_EQ(AwsCode(Invoke(kind.delete_operation, {{"Id", "a"}}, "nope")), "NoSuchBucket");
    EXPECT_EQ(AwsCode(Invoke(kind.list_operation, Document::object(), "nope")), "NoSuchBucket");
    EXPECT_EQ(AwsCode(Invoke(kind.list_operation, {{"ExpectedBucketOwner", "111111111111"}})), "AccessDenied");
  }
}

TEST_F(KeyedConfigTest, TheQueryIdMustBeTheDocumentId) {
  const std::map<std::string_view, std::string> expected = {
      {"analytics", "MalformedXML"}, {"inventory", "IdMismatch"}, {"metrics", "MalformedXML"},
      {"intelligentTiering", "MalformedXML"}};
  for (const KeyedConfigKind& kind : KeyedBucketConfigKinds()) {
    auto r = Put(kind, "query-id", Sample(kind.name, "body-id"));
    EXPECT_EQ(AwsCode(r), expected.at(kind.name)) << kind.name;
    EXPECT_EQ(r.status().http_status(), 400);
    EXPECT_EQ(AwsCode(Invoke(kind.get_operation, {{"Id", "query-id"}})), "NoSuchConfiguration");
  }
  EXPECT_EQ(Put(Kind("inventory"), "a", Sample("inventory", "b")).status().message(),
            "Document ID does not match the specified configuration ID.");
  EXPECT_EQ(AwsCode(Invoke("PutBucketMetricsConfiguration", {{"Id", "a"}})), "MalformedXML");  // no document
}

TEST_F(KeyedConfigTest, ListPagesByHundredSortedById) {
  const KeyedConfigKind& metrics = Kind("metrics");
  EXPECT_EQ(Invoke(metrics.list_operation, {}).value(), (Document{{"IsTruncated", false}}));
  std::vector<std::string> ids;
  for (int i = 249; i >= 0; --i) {
    std::string id = std::to_string(i);
    id = "m" + std::string(3 - id.size(), '0') + id;
    ids.push_back(id);
    ASSERT_EQ(AwsCode(Put(metrics, id, Sample("metrics", id))), "OK");
  }
  ASSERT_EQ(AwsCode(Put(Kind("analytics"), "a", Sample("analytics", "a"))), "OK");  // another kind stays apart
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> listed;
  std::string token;
  for (int page = 0; page < 3; ++page) {
    Document input = Document::object();
    if (!token.empty()) input["ContinuationToken"] = token;
    Document out = Invoke(metrics.list_operation, input).value();
    const Document& configs = out["MetricsConfigurationList"];
    EXPECT_EQ(configs.size(), page < 2 ? 100u : 50u);
    for (const Document& c : configs) listed.push_back(c["Id"]);
    EXPECT_EQ(out["IsTruncated"], page < 2);
    if (page > 0) {
      EXPECT_EQ(out["ContinuationToken"], token);
    }
    token = out.value("NextContinuationToken", "");
    EXPECT_EQ(token.empty(), page == 2);
  }
  EXPECT_EQ(listed, ids);
  auto analytics = Invoke("ListBucketAnalyticsConfigurations", {}).value();
  ASSERT_EQ(analytics["AnalyticsConfigurationList"].size(), 1u);
  EXPECT_EQ(analytics["AnalyticsConfigurationList"][0], Sample("analytics", "a"));

  for (std::string bad : {"not-a-token", "bTAwMA==", "%%%"}) {
    auto r = Invoke(metrics.list_operation, {{"ContinuationToken", bad}});
    EXPECT_EQ(AwsCode(r), "InvalidArgument") << bad;
    EXPECT_EQ(r.status().message(), "The continuation token provided is incorrect");
  }
}

TEST_F(KeyedConfigTest, AThousandOfAKindIsTheLimit) {
  const KeyedConfigKind& tiering = Kind("intelligentTiering");
  for (int i = 0; i < 1000; ++i) {
    const std::string id = "t" + std::to_string(i);
    ASSERT_EQ(AwsCode(Put(tiering, id, Sample(tiering.name, id))), "OK") << i;
  }
  auto refused = Put(tiering, "one-more", Sample(tiering.name, "one-more"));
  EXPECT_EQ(AwsCode(refused), "TooManyConfigurations");
  EXPECT_EQ(refused.status().http_status(), 400);
  EXPECT_EQ(refused.status().message(),
            "You are attempting to create a new configuration but have already reached the 1,000-configuration limit.");
  EXPECT_EQ(AwsCode(Put(tiering, "t5", Sample(tiering.name, "t5"))), "OK");  // replacing is not adding
  EXPECT_EQ(AwsCode(Put(Kind("metrics"), "m", Sample("metrics", "m"))), "OK");  // the limit is per kind
  ASSERT_EQ(AwsCode(Invoke(tiering.delete_operation, {{"Id", "t5"}})), "OK");
  EXPECT_EQ(AwsCode(Put(tiering, "one-more", Sample(tiering.name, "one-more"))), "OK");
}

TEST_F(KeyedConfigTest, InventoryEnumsAreChecked) {
  const KeyedConfigKind& inventory = Kind("inventory");
  auto with = [](const char* member, Document value) {
    Document c = Sample("inventory", "i");
    c[Document::json_pointer(member)] = std::move(value);
    return c;
  };
  EXPECT_EQ(AwsCode(Put(inventory, "i", with("/Destination/S3BucketDestination/Format", "JSON"))), "MalformedXML");
  EXPECT_EQ(AwsCode(Put(inventory, "i", with("/Schedule/Frequency", "Hourly"))), "MalformedXML");
  EXPECT_EQ(AwsCode(Put(inventory, "i", with("/IncludedObjectVersions", "Some"))), "MalformedXML");
  EXPECT_EQ(AwsCode(Put(inventory, "i", with("/OptionalFields", {"Size", "Colour"}))), "MalformedXML");
  Document no_schedule = Sample("inventory", "i");
  no_schedule.erase("Schedule");
  EXPECT_EQ(AwsCode(Put(inventory, "i", no_schedule)), "MalformedXML");
  for (const char* format : {"CSV", "ORC", "Parquet"}) {
    EXPECT_EQ(AwsCode(Put(inventory, "i", with("/Destination/S3BucketDestination/Format", format))), "OK");
  }
  EXPECT_EQ(AwsCode(Put(inventory, "i", with("/IncludedObjectVersions", "All"))), "OK");
}

TEST_F(KeyedConfigTest, AnalyticsExportFormatIsChecked) {
  Document bad = Sample("analytics", "a");
  bad["StorageClassAnalysis"]["DataExport"]["Destination"]["S3BucketDestination"]["Format"] = "ORC";
  EXPECT_EQ(AwsCode(Put(Kind("analytics"), "a", bad)), "MalformedXML");
  bad = Sample("analytics", "a");
  bad["StorageClassAnalysis"]["DataExport"]["OutputSchemaVersion"] = "V_2";
  EXPECT_EQ(AwsCode(Put(Kind("analytics"), "a", bad)), "MalformedXML");
  EXPECT_EQ(AwsCode(Put(Kind("analytics"), "a", {{"Id", "a"}, {"StorageClassAnalysis", Document::object()}})), "OK");
}

TEST_F(KeyedConfigTest, TieringDaysAndEnumsAreChecked) {
  const KeyedConfigKind& tiering = Kind("intelligentTiering");
  auto tier = [](const char* access_tier, int days) {
    return Document{{"Id", "t"}, {"Status", "Enabled"},
                    {"Tierings", Document::array({{{"Days", days}, {"AccessTier", access_tier}}})}};
  };
  const std::vector<std::tuple<const char*, int, std::string>> refused = {
      {"ARCHIVE_ACCESS", 89, "Days specified in ARCHIVE_ACCESS tier should not be less than 90."},
      {"ARCHIVE_ACCESS", 731, "Days specified in ARCHIVE_ACCESS tier should not be more than 730."},
      {"DEEP_ARCHIVE_ACCESS", 179, "Days specified in DEEP_ARCHIVE_ACCESS tier should not be less than 180."},
      {"DEEP_ARCHIVE_ACCESS", 731, "Days specified in DEEP_ARCHIVE_ACCESS tier should not be more than 730."},
  };
  for (const auto& [access_tier, days, message] : refused) {
    auto r = Put(tiering, "t", tier(access_tier, days));
    EXPECT_EQ(AwsCode(r), "InvalidArgument") << access_tier << days;
    EXPECT_EQ(r.status().message(), message);
  }
  for (const auto& [access_tier, days] : std::vector<std::pair<const char*, int>>{
           {"ARCHIVE_ACCESS", 90}, {"ARCHIVE_ACCESS", 730}, {"DEEP_ARCHIVE_ACCESS", 180}, {"DEEP_ARCHIVE_ACCESS", 730}}) {
    EXPECT_EQ(AwsCode(Put(tiering, "t", tier(access_tier, days))), "OK") << access_tier << days;
  }
  EXPECT_EQ(AwsCode(Put(tiering, "t", tier("GLACIER", 100))), "MalformedXML");
  Document off = tier("ARCHIVE_ACCESS", 100);
  off["Status"] = "Paused";
  EXPECT_EQ(AwsCode(Put(tiering, "t", off)), "MalformedXML");
  off["Status"] = "Disabled";
  EXPECT_EQ(AwsCode(Put(tiering, "t", off)), "OK");
}

TEST_F(KeyedConfigTest, KeysLiveUnderTheBucketPrefixApartFromSingletons) {
  const KeyedConfigKind& metrics = Kind("metrics");
  const std::string key = KeyedBucketConfigKey(kBucket, metrics, "tagging");
  EXPECT_EQ(key, BucketConfigPrefix(kBucket) + "metrics/tagging");
  EXPECT_NE(key, BucketConfigKey(kBucket, "metrics"));
  // An Id that looks like a singleton's name is not that singleton.
  ASSERT_EQ(AwsCode(Put(metrics, "tagging", Sample("metrics", "tagging"))), "OK");
  EXPECT_EQ(ReadBucketConfig(*store_, ns_, kBucket, "tagging").value(), std::nullopt);
  // A range delete of the bucket prefix (what DeleteBucket commits) takes every keyed configuration with it.
  for (const KeyedConfigKind& kind : KeyedBucketConfigKinds()) ASSERT_EQ(AwsCode(Put(kind, "x", Sample(kind.name, "x"))), "OK");
  const std::string prefix = BucketConfigPrefix(kBucket);
  storage::WriteBatch batch;
  batch.DeleteRange(ns_, prefix, prefix + '\xff');
  ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  for (const KeyedConfigKind& kind : KeyedBucketConfigKinds()) {
    EXPECT_EQ(Invoke(kind.list_operation, {}).value(), (Document{{"IsTruncated", false}})) << kind.name;
  }
}

}  // namespace
}  // namespace skybox::s3
