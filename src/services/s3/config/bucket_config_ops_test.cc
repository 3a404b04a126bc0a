#include "services/s3/config/bucket_config_ops.h"

#include <gtest/gtest.h>

#include <future>

#include "services/s3/config/bucket_acl.h"
#include "services/s3/config/config_kinds.h"
#include "services/s3/config/keyed_config_kinds.h"
#include "services/s3/config/config_store.h"
#include "services/s3/config/cors.h"
#include "services/s3/config/lifecycle_rules.h"

namespace skybox::s3 {
namespace {

using aws::Document;

constexpr std::string_view kBucket = "photos";
constexpr std::string_view kDottedBucket = "photos.example.com";
constexpr std::string_view kAccount = "000000000000";

class BucketConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(storage::Store::Open({.ephemeral = true})).value();
    ns_ = store_->OpenNamespace("s3").value();
    RegisterBucketConfigOperations(service_, {.store = store_.get(), .ns = ns_, .require_bucket = [](std::string_view b) {
      if (b == kBucket || b == kDottedBucket) return Status::Ok();
      return Status::Aws(StatusCode::kNotFound, 404, "NoSuchBucket", "The specified bucket does not exist");
    }, .changed = [this](std::string_view b) { changed_.emplace_back(b); }});
  }

  Result<Document> Invoke(std::string_view operation, Document input, std::string_view bucket = kBucket) {
    const aws::OperationHandler* handler = service_.Find(operation);
    if (handler == nullptr) return Status(StatusCode::kUnimplemented, std::string(operation));
    input["Bucket"] = bucket;
    aws::Call call{.operation = operation, .input = std::move(input)};
    call.caller.account_id = kAccount;
    std::promise<Result<Document>> promise;
    (*handler)(std::move(call), [&promise](Result<Document> r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }

  static std::string AwsCode(const Result<Document>& r) { return r.ok() ? "OK" : r.status().aws_code(); }

  std::unique_ptr<storage::Store> store_;
  storage::Namespace ns_;
  aws::Service service_{"s3"};
  std::vector<std::string> changed_;  // buckets the `changed` hook was told of, in order
};

Document Tagging(std::vector<std::pair<std::string, std::string>> tags) {
  Document set = Document::array();
  for (auto& [k, v] : tags) set.push_back({{"Key", k}, {"Value", v}});
  return {{"Tagging", {{"TagSet", set}}}};
}

TEST_F(BucketConfigTest, RegistersEveryOperationOfTheTable) {
  size_t expected = 0;
  for (const ConfigKind& kind : BucketConfigKinds()) {
    if (!kind.put_operation.empty()) {
      EXPECT_NE(service_.Find(kind.put_operation), nullptr) << kind.put_operation;
    }
    EXPECT_NE(service_.Find(kind.get_operation), nullptr) << kind.get_operation;
    expected += 1 + !kind.put_operation.empty() + !kind.delete_operation.empty();
  }
  // and GetBucketPolicyStatus, and Put/Get/Delete/List of each configuration kind addressed by Id
  EXPECT_EQ(service_.implemented_count(), expected + 1 + 4 * KeyedBucketConfigKinds().size());
  EXPECT_NE(service_.Find("GetBucketPolicyStatus"), nullptr);
  EXPECT_EQ(expected, 39u);
  EXPECT_NE(service_.Find("GetObjectLockConfiguration"), nullptr);
  EXPECT_NE(service_.Find("PutObjectLockConfiguration"), nullptr);
  EXPECT_EQ(service_.Find("DeleteObjectLockConfiguration"), nullptr);  // S3 has none
  EXPECT_NE(service_.Find("DeleteBucketLifecycle"), nullptr);
  EXPECT_EQ(service_.Find("DeleteBucketVersioning"), nullptr);
}

// Configuration writes of a bucket hold the bucket's configuration key from their reads to their
// commit (BucketConfigDeps::serialize) and let go before answering.
TEST(BucketConfigSerializationTest, WritesHoldTheBucketUntilDurable) {
  auto store = std::move(storage::Store::Open({.ephemeral = true})).value();
  aws::Service service{"s3"};
  std::vector<std::string> held;
  int released = 0;
  RegisterBucketConfigOperations(
      service, {.store = store.get(),
                .ns = store->OpenNamespace("s3").value(),
                .require_bucket = [](std::string_view) { return Status::Ok(); },
                .changed = [](std::string_view) {},
                .serialize = [&](std::string bucket, std::function<void(std::function<void()>)> work) {
                  held.push_back(bucket);
                  work([&] { ++released; });
                }});
  auto invoke = [&](std::string_view operation, Document input) {
    input["Bucket"] = kBucket;
    aws::Call call{.operation = operation, .input = std::move(input)};
    call.caller.account_id = kAccount;
    std::promise<std::pair<Result<Document>, int>> answered;
    (*service.Find(operation))(std::move(call), [&](Result<Document> r) { answered.set_value({std::move(r), released}); });
    return answered.get_future().get();
  };
  auto [put, released_before_answer] = invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "Enabled"}}}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(released_before_answer, 1);
  auto [deleted, released_by_delete] = invoke("DeleteBucketTagging", Document::object());
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(released_by_delete, 2);
  // Id-addressed configurations hold it too (their 1,000 limit is a count before the commit).
  auto [metrics, released_by_metrics] =
      invoke("PutBucketMetricsConfiguration", {{"Id", "m"}, {"MetricsConfiguration", {{"Id", "m"}}}});
  ASSERT_TRUE(metrics.ok()) << metrics.status().ToString();
  EXPECT_EQ(released_by_metrics, 3);
  EXPECT_EQ(held, std::vector<std::string>(3, std::string(kBucket)));
}

// A bucket deleted between a write's first check and its hold: the write answers NoSuchBucket
// and stores nothing (DeleteBucket must not leave a configuration for a later bucket of the
// same name).
TEST(BucketConfigSerializationTest, BucketDeletedBeforeTheHoldIsNoSuchBucket) {
  auto store = std::move(storage::Store::Open({.ephemeral = true})).value();
  storage::Namespace ns = store->OpenNamespace("s3").value();
  aws::Service service{"s3"};
  bool deleted = false;
  int released = 0;
  RegisterBucketConfigOperations(
      service, {.store = store.get(),
                .ns = ns,
                .require_bucket = [&](std::string_view) {
                  return deleted ? Status::Aws(StatusCode::kNotFound, 404, "NoSuchBucket", "gone") : Status::Ok();
                },
                .changed = [](std::string_view) {},
                .serialize = [&](std::string, std::function<void(std::function<void()>)> work) {
                  deleted = true;  // DeleteBucket went first
                  work([&] { ++released; });
                }});
  aws::Call call{.operation = "PutBucketTagging",
                 .input = {{"Bucket", std::string(kBucket)}, {"Tagging", {{"TagSet", {{{"Key", "k"}, {"Value", "v"}}}}}}}};
  call.caller.account_id = kAccount;
  std::promise<Result<Document>> answered;
  (*service.Find("PutBucketTagging"))(std::move(call), [&](Result<Document> r) { answered.set_value(std::move(r)); });
  Result<Document> put = answered.get_future().get();
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().aws_code(), "NoSuchBucket");
  EXPECT_EQ(released, 1);
  auto stored = ReadBucketConfig(*store, ns, kBucket, "tagging");
  ASSERT_TRUE(stored.ok());
  EXPECT_FALSE(stored->has_value());
}

TEST_F(BucketConfigTest, LoggingTargetBucketMustExist) {
  auto logging_to = [](std::string_view target) {
    return Document{{"BucketLoggingStatus", {{"LoggingEnabled", {{"TargetBucket", target}, {"TargetPrefix", "l/"}}}}}};
  };
  auto refused = Invoke("PutBucketLogging", logging_to("elsewhere"));
  EXPECT_EQ(AwsCode(refused), "InvalidTargetBucketForLogging");
  EXPECT_EQ(refused.status().http_status(), 400);
  EXPECT_EQ(AwsCode(Invoke("GetBucketLogging", {})), "OK");
  EXPECT_EQ(Invoke("GetBucketLogging", {}).value(), Document::object());  // nothing was stored
  EXPECT_EQ(AwsCode(Invoke("PutBucketLogging", logging_to(kBucket))), "OK");
  EXPECT_EQ(Invoke("GetBucketLogging", {}).value()["LoggingEnabled"]["TargetBucket"], kBucket);
}

TEST_F(BucketConfigTest, EveryOperationAnswersNoSuchBucketForAMissingBucket) {
  for (const ConfigKind& kind : BucketConfigKinds()) {
    for (std::string_view op : {kind.put_operation, kind.get_operation, kind.delete_operation}) {
      if (op.empty()) continue;
      EXPECT_EQ(AwsCode(Invoke(op, Document::object(), "nope")), "NoSuchBucket") << op;
    }
  }
}

TEST_F(BucketConfigTest, AbsentConfigurationsAnswerTheirAwsErrorOrDefault) {
  const std::map<std::string_view, std::string> errors = {
      {"GetBucketTagging", "NoSuchTagSet"},
      {"GetBucketCors", "NoSuchCORSConfiguration"},
      {"GetBucketPolicy", "NoSuchBucketPolicy"},
      {"GetBucketLifecycleConfiguration", "NoSuchLifecycleConfiguration"},
      {"GetBucketOwnershipControls", "OwnershipControlsNotFoundError"},
      {"GetPublicAccessBlock", "NoSuchPublicAccessBlockConfiguration"},
      {"GetBucketWebsite", "NoSuchWebsiteConfiguration"},
      {"GetBucketReplication", "ReplicationConfigurationNotFoundError"},
      {"GetObjectLockConfiguration", "ObjectLockConfigurationNotFoundError"},
  };
  const Status::Details named = {{"BucketName", std::string(kBucket)}};  // S3 names the bucket
  for (const auto& [op, code] : errors) {
    auto r = Invoke(op, Document::object());
    ASSERT_FALSE(r.ok()) << op;
    EXPECT_EQ(r.status().aws_code(), code);
    EXPECT_EQ(r.status().http_status(), 404);
    EXPECT_EQ(r.status().details(), named) << op;
  }
  EXPECT_EQ(Invoke("GetBucketPolicyStatus", {}).status().details(), named);
  EXPECT_EQ(Invoke("GetBucketVersioning", {}).value(), Document::object());
  EXPECT_EQ(Invoke("GetBucketAccelerateConfiguration", {}).value(), Document::object());
  EXPECT_EQ(Invoke("GetBucketLogging", {}).value(), Document::object());
  EXPECT_EQ(Invoke("GetBucketRequestPayment", {}).value(), (Document{{"Payer", "BucketOwner"}}));
  const Document sse = Invoke("GetBucketEncryption", {}).value();
  EXPECT_EQ(sse["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
            "AES256");
}

TEST_F(BucketConfigTest, PolicyStatusNeedsAPolicyAndReportsWhetherItIsPublic) {
  auto missing = Invoke("GetBucketPolicyStatus", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().aws_code(), "NoSuchBucketPolicy");
  EXPECT_EQ(missing.status().http_status(), 404);
  EXPECT_EQ(missing.status().message(), "The bucket policy does not exist");
  EXPECT_EQ(AwsCode(Invoke("GetBucketPolicyStatus", {}, "nope")), "NoSuchBucket");
  const std::string open = R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]})";
  ASSERT_TRUE(Invoke("PutBucketPolicy", {{"Policy", open}}).ok());
  EXPECT_EQ(Invoke("GetBucketPolicyStatus", {}).value(), (Document{{"PolicyStatus", {{"IsPublic", true}}}}));
  const std::string own = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"*","Resource":"arn:aws:s3:::photos"}]})";
  ASSERT_TRUE(Invoke("PutBucketPolicy", {{"Policy", own}}).ok());
  EXPECT_EQ(Invoke("GetBucketPolicyStatus", {}).value(), (Document{{"PolicyStatus", {{"IsPublic", false}}}}));
  ASSERT_TRUE(Invoke("DeleteBucketPolicy", {}).ok());
  EXPECT_EQ(AwsCode(Invoke("GetBucketPolicyStatus", {})), "NoSuchBucketPolicy");
}

TEST_F(BucketConfigTest, DurablePutsAndDeletesAreReported) {
  ASSERT_TRUE(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "Enabled"}}}}).ok());
  EXPECT_EQ(changed_, std::vector<std::string>{std::string(kBucket)});
  ASSERT_TRUE(Invoke("DeleteBucketTagging", Document::object()).ok());
  EXPECT_EQ(changed_.size(), 2u);
  EXPECT_EQ(AwsCode(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "Enabled"}}}}, "nope")),
            "NoSuchBucket");
  ASSERT_TRUE(Invoke("GetBucketVersioning", Document::object()).ok());
  EXPECT_EQ(changed_.size(), 2u);  // neither a failed put nor a read reports a change
}

TEST_F(BucketConfigTest, TaggingRoundTripsAndDeletes) {
  ASSERT_TRUE(Invoke("PutBucketTagging", Tagging({{"team", "web"}, {"env", "prod"}})).ok());
  const Document got = Invoke("GetBucketTagging", {}).value();
  ASSERT_EQ(got["TagSet"].size(), 2u);
  EXPECT_EQ(got["TagSet"][0]["Key"], "team");
  EXPECT_FALSE(got.contains("Tagging"));  // GetBucketTaggingOutput has TagSet at the top
  ASSERT_TRUE(Invoke("DeleteBucketTagging", {}).ok());
  EXPECT_EQ(AwsCode(Invoke("GetBucketTagging", {})), "NoSuchTagSet");
}

TEST_F(BucketConfigTest, TagRulesAnswerInvalidTag) {
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 51; ++i) many.emplace_back("k" + std::to_string(i), "v");
  EXPECT_EQ(AwsCode(Invoke("PutBucketTagging", Tagging(many))), "InvalidTag");
  many.pop_back();
  EXPECT_EQ(AwsCode(Invoke("PutBucketTagging", Tagging(many))), "OK");
  EXPECT_EQ(AwsCode(Invoke("PutBucketTagging", Tagging({{"a", "1"}, {"a", "2"}}))), "InvalidTag");
  EXPECT_EQ(AwsCode(Invoke("PutBucketTagging", Tagging({{"aws:cloudformation", "x"}}))), "InvalidTag");
  EXPECT_EQ(AwsCode(Invoke("PutBucketTagging", Tagging({{std::string(129, 'k'), "x"}}))), "InvalidTag");
  EXPECT_EQ(AwsCode(Invoke("PutBucketTagging", Tagging({{"k", std::string(257, 'v')}}))), "InvalidTag");
  // Limits count characters: 128 two-byte characters are a valid key.
  std::string wide;
  for (int i = 0; i < 128; ++i) wide += "\xc3\xa9";
  EXPECT_EQ(AwsCode(Invoke("PutBucketTagging", Tagging({{wide, "x"}}))), "OK");
  // A failed Put leaves the previous tag set in place.
  EXPECT_EQ(Invoke("GetBucketTagging", {}).value()["TagSet"][0]["Key"], wide);
}

TEST_F(BucketConfigTest, VersioningStateIsReadableAndNeverReturnsToUnversioned) {
  EXPECT_EQ(ReadVersioning(*store_, ns_, kBucket).value(), VersioningState::kUnversioned);
  ASSERT_TRUE(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "Enabled"}}}}).ok());
  EXPECT_EQ(ReadVersioning(*store_, ns_, kBucket).value(), VersioningState::kEnabled);
  ASSERT_TRUE(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"MFADelete", "Disabled"}}}}).ok());
  EXPECT_EQ(Invoke("GetBucketVersioning", {}).value(), (Document{{"MFADelete", "Disabled"}, {"Status", "Enabled"}}));
  ASSERT_TRUE(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "Suspended"}}}}).ok());
  EXPECT_EQ(ReadVersioning(*store_, ns_, kBucket).value(), VersioningState::kSuspended);
  EXPECT_EQ(AwsCode(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "On"}}}})), "MalformedXML");
  EXPECT_EQ(AwsCode(Invoke("PutBucketVersioning", {{"VersioningConfiguration", Document::object()}})),
            "IllegalVersioningConfigurationException");
  EXPECT_EQ(AwsCode(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"MFADelete", "Enabled"}}}})),
            "AccessDenied");  // MFA delete is turned on with x-amz-mfa only
  EXPECT_EQ(AwsCode(Invoke("PutBucketVersioning", Document::object())), "MalformedXML");
}

TEST_F(BucketConfigTest, ReplicationNeedsVersioningEnabledAndNamesItsRules) {
  const Document rule = {{"Status", "Enabled"}, {"Destination", {{"Bucket", "arn:aws:s3:::copy"}}}};
  const Document put = {{"ReplicationConfiguration", {{"Role", "arn:aws:iam::000000000000:role/r"}, {"Rules", {rule}}}}};
  auto refused = Invoke("PutBucketReplication", put);
  EXPECT_EQ(AwsCode(refused), "InvalidRequest");
  EXPECT_EQ(refused.status().message(), "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
  ASSERT_TRUE(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "Suspended"}}}}).ok());
  EXPECT_EQ(AwsCode(Invoke("PutBucketReplication", put)), "InvalidRequest");
  ASSERT_TRUE(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "Enabled"}}}}).ok());
  ASSERT_TRUE(Invoke("PutBucketReplication", put).ok());
  Document got = Invoke("GetBucketReplication", {}).value()["ReplicationConfiguration"];
  EXPECT_FALSE(got["Rules"][0]["ID"].get<std::string>().empty());
  got["Rules"][0].erase("ID");
  EXPECT_EQ(got, put["ReplicationConfiguration"]);
  Document bad = put;
  bad["ReplicationConfiguration"]["Rules"][0]["DeleteMarkerReplication"] = {{"Status", "Sometimes"}};
  EXPECT_EQ(AwsCode(Invoke("PutBucketReplication", bad)), "MalformedXML");
  ASSERT_TRUE(Invoke("DeleteBucketReplication", {}).ok());
  EXPECT_EQ(AwsCode(Invoke("GetBucketReplication", {})), "ReplicationConfigurationNotFoundError");
}

TEST_F(BucketConfigTest, PolicyMustBeJsonAndIsReturnedVerbatim) {
  EXPECT_EQ(AwsCode(Invoke("PutBucketPolicy", {{"Policy", "not json"}})), "MalformedPolicy");
  EXPECT_EQ(AwsCode(Invoke("PutBucketPolicy", {{"Policy", "{\"Version\":"}})), "MalformedPolicy");
  EXPECT_EQ(AwsCode(Invoke("PutBucketPolicy", {{"Policy", "{\"Version\":\"2012-10-17\"}"}})), "MalformedPolicy");
  // 20 KB at most, whitespace not counted.
  auto policy_of = [](size_t statements, const std::string& space) {
    std::string text = "{" + space + "\"Version\":\"2012-10-17\",\"Statement\":[";
    for (size_t i = 0; i < statements; ++i) {
      text += std::string(i ? "," : "") + space + "{\"Sid\":\"s" + std::to_string(i) +
              "\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
              "\"Resource\":\"arn:aws:s3:::photos/private-" + std::to_string(i) + "/*\"}";
    }
    return text + "]}";
  };
  EXPECT_EQ(AwsCode(Invoke("PutBucketPolicy", {{"Policy", policy_of(140, std::string(100, ' '))}})), "OK");
  auto big = Invoke("PutBucketPolicy", {{"Policy", policy_of(250, "")}});
  EXPECT_EQ(big.status().message(), "Policy exceeds the maximum allowed document size.");
  const std::string policy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]})";
  ASSERT_TRUE(Invoke("PutBucketPolicy", {{"Policy", policy}}).ok());
  EXPECT_EQ(Invoke("GetBucketPolicy", {}).value(), (Document{{"Policy", policy}}));
  ASSERT_TRUE(Invoke("DeleteBucketPolicy", {}).ok());
  EXPECT_EQ(AwsCode(Invoke("GetBucketPolicy", {})), "NoSuchBucketPolicy");
}

TEST_F(BucketConfigTest, EncryptionFallsBackToSseS3AfterDelete) {
  const Document kms = {{"Rules", Document::array({{{"ApplyServerSideEncryptionByDefault",
                                                       {{"SSEAlgorithm", "aws:kms"}, {"KMSMasterKeyID", "alias/k"}}}}})}};
  ASSERT_TRUE(Invoke("PutBucketEncryption", {{"ServerSideEncryptionConfiguration", kms}}).ok());
  EXPECT_EQ(Invoke("GetBucketEncryption", {}).value(), (Document{{"ServerSideEncryptionConfiguration", kms}}));
  ASSERT_TRUE(Invoke("DeleteBucketEncryption", {}).ok());
  EXPECT_EQ(Invoke("GetBucketEncryption", {}).value()["ServerSideEncryptionConfiguration"]["Rules"][0]
                ["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
            "AES256");
  Document bad = kms;
  bad["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] = "AES256";
  EXPECT_EQ(AwsCode(Invoke("PutBucketEncryption", {{"ServerSideEncryptionConfiguration", bad}})), "InvalidArgument");
}

TEST_F(BucketConfigTest, CannedAclsImplyGrantsAndOwnerIsReported) {
  const std::string owner = CanonicalUserId(kAccount);
  ASSERT_EQ(owner.size(), 64u);
  Document acl = Invoke("GetBucketAcl", {}).value();
  EXPECT_EQ(acl["Owner"], (Document{{"DisplayName", "webfile"}, {"ID", owner}}));
  ASSERT_EQ(acl["Grants"].size(), 1u);
  EXPECT_EQ(acl["Grants"][0]["Permission"], "FULL_CONTROL");
  EXPECT_EQ(acl["Grants"][0]["Grantee"]["ID"], owner);

  ASSERT_TRUE(Invoke("PutBucketAcl", {{"ACL", "public-read"}}).ok());
  acl = Invoke("GetBucketAcl", {}).value();
  ASSERT_EQ(acl["Grants"].size(), 2u);
  EXPECT_EQ(acl["Grants"][1]["Grantee"]["URI"], "http://acs.amazonaws.com/groups/global/AllUsers");
  EXPECT_EQ(acl["Grants"][1]["Permission"], "READ");

  EXPECT_EQ(AwsCode(Invoke("PutBucketAcl", {{"ACL", "world-writable"}})), "InvalidArgument");
  EXPECT_EQ(AwsCode(Invoke("PutBucketAcl", {{"ACL", "private"}, {"GrantRead", "uri=\"x\""}})), "InvalidRequest");
  ASSERT_TRUE(Invoke("PutBucketAcl", {{"GrantRead", "id=\"" + owner + "\", uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""}}).ok());
  EXPECT_EQ(Invoke("GetBucketAcl", {}).value()["Grants"].size(), 2u);
}

TEST_F(BucketConfigTest, EnforcedOwnershipRefusesAclsButPrivate) {
  const Document enforced = {{"Rules", Document::array({{{"ObjectOwnership", "BucketOwnerEnforced"}}})}};
  ASSERT_TRUE(Invoke("PutBucketOwnershipControls", {{"OwnershipControls", enforced}}).ok());
  EXPECT_EQ(Invoke("GetBucketOwnershipControls", {}).value(), (Document{{"OwnershipControls", enforced}}));
  EXPECT_EQ(AwsCode(Invoke("PutBucketAcl", {{"ACL", "public-read"}})), "AccessControlListNotSupported");
  EXPECT_EQ(AwsCode(Invoke("PutBucketAcl", {{"ACL", "private"}})), "OK");
  EXPECT_EQ(AwsCode(Invoke("PutBucketOwnershipControls",
                           {{"OwnershipControls", {{"Rules", Document::array({{{"ObjectOwnership", "Mine"}}})}}}})),
            "MalformedXML");
}

TEST_F(BucketConfigTest, PublicAccessBlockRefusesPublicAclsAndPolicies) {
  const std::string public_policy =
      R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]})";
  // Without a block, public ACLs and policies are taken.
  EXPECT_EQ(AwsCode(Invoke("PutBucketAcl", {{"ACL", "public-read"}})), "OK");
  EXPECT_EQ(AwsCode(Invoke("PutBucketPolicy", {{"Policy", public_policy}})), "OK");
  ASSERT_EQ(AwsCode(Invoke("PutPublicAccessBlock", {{"PublicAccessBlockConfiguration",
                                                     {{"BlockPublicAcls", true}, {"BlockPublicPolicy", true}}}})),
            "OK");
  for (const char* acl : {"public-read", "public-read-write", "authenticated-read"}) {
    auto refused = Invoke("PutBucketAcl", {{"ACL", acl}});
    EXPECT_EQ(AwsCode(refused), "AccessDenied") << acl;
    EXPECT_EQ(refused.status().http_status(), 403);
  }
  EXPECT_EQ(AwsCode(Invoke("PutBucketAcl", {{"GrantRead", "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""}})),
            "AccessDenied");
  EXPECT_EQ(AwsCode(Invoke("PutBucketAcl", {{"ACL", "private"}})), "OK");
  EXPECT_EQ(AwsCode(Invoke("PutBucketPolicy", {{"Policy", public_policy}})), "AccessDenied");
  // A policy confined to one account is not public; a malformed one is still MalformedPolicy.
  EXPECT_EQ(AwsCode(Invoke("PutBucketPolicy", {{"Policy", R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]})"}})),
            "OK");
  EXPECT_EQ(AwsCode(Invoke("PutBucketPolicy", {{"Policy", "not json"}})), "MalformedPolicy");
  // Turning the settings off lets them through again.
  ASSERT_EQ(AwsCode(Invoke("PutPublicAccessBlock", {{"PublicAccessBlockConfiguration",
                                                     {{"BlockPublicAcls", false}, {"BlockPublicPolicy", false}}}})),
            "OK");
  EXPECT_EQ(AwsCode(Invoke("PutBucketAcl", {{"ACL", "public-read"}})), "OK");
  EXPECT_EQ(AwsCode(Invoke("PutBucketPolicy", {{"Policy", public_policy}})), "OK");
}

TEST_F(BucketConfigTest, LifecycleIsValidatedAndRulesGetIds) {
  Document rule = {{"Status", "Enabled"}, {"Filter", {{"Prefix", "logs/"}}}, {"Expiration", {{"Days", 30}}}};
  ASSERT_TRUE(Invoke("PutBucketLifecycleConfiguration", {{"LifecycleConfiguration", {{"Rules", {rule}}}}}).ok());
  const Document got = Invoke("GetBucketLifecycleConfiguration", {}).value();
  ASSERT_EQ(got["Rules"].size(), 1u);
  EXPECT_FALSE(got["Rules"][0].value("ID", "").empty());
  const auto rules = ReadLifecycleRules(*store_, ns_, kBucket);
  ASSERT_TRUE(rules.ok());
  ASSERT_EQ(rules->size(), 1u);
  EXPECT_EQ((*rules)[0].filter.prefix, "logs/");
  EXPECT_EQ((*rules)[0].expiration_days, 30);
  EXPECT_EQ((*rules)[0].id, got["Rules"][0]["ID"]);
  rule["Expiration"]["Days"] = 0;
  EXPECT_EQ(AwsCode(Invoke("PutBucketLifecycleConfiguration", {{"LifecycleConfiguration", {{"Rules", {rule}}}}})),
            "InvalidArgument");
  ASSERT_TRUE(Invoke("DeleteBucketLifecycle", {}).ok());
  EXPECT_EQ(AwsCode(Invoke("GetBucketLifecycleConfiguration", {})), "NoSuchLifecycleConfiguration");
}

TEST_F(BucketConfigTest, CorsIsValidatedAndReadableForThePreflightPath) {
  auto cors = [](Document rule) { return Document{{"CORSConfiguration", {{"CORSRules", Document::array({rule})}}}}; };
  Document rule = {{"AllowedOrigins", {"http://*.example.com"}}, {"AllowedMethods", {"GET"}}};
  EXPECT_EQ(ReadCorsConfig(*store_, ns_, kBucket).value(), std::nullopt);
  ASSERT_TRUE(Invoke("PutBucketCors", cors(rule)).ok());
  const auto stored = ReadCorsConfig(*store_, ns_, kBucket).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_TRUE(EvaluateCorsPreflight(*stored, {.origin = "http://a.example.com", .method = "GET"}).ok());
  EXPECT_EQ(Invoke("GetBucketCors", {}).value()["CORSRules"][0], rule);

  Document patch = rule;
  patch["AllowedMethods"] = {"PATCH"};
  auto r = Invoke("PutBucketCors", cors(patch));
  EXPECT_EQ(AwsCode(r), "InvalidRequest");
  EXPECT_EQ(r.status().message(), "Found unsupported HTTP method in CORS config. Unsupported method is PATCH");
  Document stars = rule;
  stars["AllowedOrigins"] = {"http://*.*.com"};
  EXPECT_EQ(AwsCode(Invoke("PutBucketCors", cors(stars))), "InvalidRequest");
  ASSERT_TRUE(Invoke("DeleteBucketCors", {}).ok());
  EXPECT_EQ(AwsCode(Invoke("GetBucketCors", {})), "NoSuchCORSConfiguration");
}

TEST_F(BucketConfigTest, WebsiteConfigurationsAreValidated) {
  auto put = [&](const char* json) {
    return AwsCode(Invoke("PutBucketWebsite", {{"WebsiteConfiguration", Document::parse(json)}}));
  };
  auto with_rule = [&](const std::string& rule) {
    return AwsCode(Invoke("PutBucketWebsite", {{"WebsiteConfiguration",
        Document::parse(R"({"IndexDocument": {"Suffix": "index.html"}, "RoutingRules": [)" + rule + "]}")}}));
  };
  EXPECT_EQ(put(R"({"IndexDocument": {"Suffix": "a/index.html"}})"), "InvalidArgument");
  EXPECT_EQ(put(R"({"RedirectAllRequestsTo": {"HostName": "e.com", "Protocol": "ftp"}})"), "MalformedXML");
  EXPECT_EQ(with_rule(R"({"Redirect": {"Protocol": "javascript"}})"), "MalformedXML");
  EXPECT_EQ(with_rule(R"({"Redirect": {"ReplaceKeyWith": "a", "ReplaceKeyPrefixWith": "b"}})"), "InvalidRequest");
  EXPECT_EQ(with_rule(R"({"Redirect": {"HttpRedirectCode": "300"}})"), "InvalidRequest");
  EXPECT_EQ(with_rule(R"({"Redirect": {"HttpRedirectCode": "404"}})"), "InvalidRequest");
  EXPECT_EQ(with_rule(R"({"Condition": {}, "Redirect": {"HostName": "e.com"}})"), "InvalidRequest");
  EXPECT_EQ(with_rule(R"({"Condition": {"HttpErrorCodeReturnedEquals": "302"}, "Redirect": {"HostName": "e.com"}})"),
            "InvalidRequest");
  EXPECT_EQ(with_rule(R"({"Condition": {"HttpErrorCodeReturnedEquals": "404", "KeyPrefixEquals": "a/"},
                          "Redirect": {"HttpRedirectCode": "307", "Protocol": "https", "ReplaceKeyWith": "b"}})"),
            "OK");
}

TEST_F(BucketConfigTest, StoredOnlyConfigurationsRoundTrip) {
  const Document website = {{"IndexDocument", {{"Suffix", "index.html"}}}, {"ErrorDocument", {{"Key", "e.html"}}}};
  ASSERT_TRUE(Invoke("PutBucketWebsite", {{"WebsiteConfiguration", website}}).ok());
  EXPECT_EQ(Invoke("GetBucketWebsite", {}).value(), website);
  EXPECT_EQ(AwsCode(Invoke("PutBucketWebsite", {{"WebsiteConfiguration", Document::object()}})), "InvalidArgument");

  const Document pab = {{"BlockPublicAcls", true}, {"RestrictPublicBuckets", false}};
  ASSERT_TRUE(Invoke("PutPublicAccessBlock", {{"PublicAccessBlockConfiguration", pab}}).ok());
  // Get answers all four settings; those the Put left out are off.
  const Document all = {{"BlockPublicAcls", true}, {"IgnorePublicAcls", false}, {"BlockPublicPolicy", false},
                        {"RestrictPublicBuckets", false}};
  EXPECT_EQ(Invoke("GetPublicAccessBlock", {}).value(), (Document{{"PublicAccessBlockConfiguration", all}}));

  ASSERT_TRUE(Invoke("PutBucketRequestPayment", {{"RequestPaymentConfiguration", {{"Payer", "Requester"}}}}).ok());
  EXPECT_EQ(Invoke("GetBucketRequestPayment", {}).value(), (Document{{"Payer", "Requester"}}));
  EXPECT_EQ(AwsCode(Invoke("PutBucketAccelerateConfiguration", {{"AccelerateConfiguration", {{"Status", "On"}}}})),
            "MalformedXML");
  for (const char* status : {"Enabled", "Suspended"}) {  // no acceleration for dotted names
    EXPECT_EQ(AwsCode(Invoke("PutBucketAccelerateConfiguration", {{"AccelerateConfiguration", {{"Status", status}}}},
                             kDottedBucket)),
              "InvalidRequest");
  }
}

TEST_F(BucketConfigTest, MissingPayloadAndForeignOwnerAreRefused) {
  EXPECT_EQ(AwsCode(Invoke("PutBucketCors", Document::object())), "MalformedXML");
  EXPECT_EQ(AwsCode(Invoke("GetBucketTagging", {{"ExpectedBucketOwner", "111111111111"}})), "AccessDenied");
  EXPECT_EQ(AwsCode(Invoke("GetBucketVersioning", {{"ExpectedBucketOwner", std::string(kAccount)}})), "OK");
}

TEST_F(BucketConfigTest, BucketPrefixRangeDeleteRemovesEveryConfiguration) {
  ASSERT_TRUE(Invoke("PutBucketTagging", Tagging({{"a", "b"}})).ok());
  ASSERT_TRUE(Invoke("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", "Enabled"}}}}).ok());
  const std::string prefix = BucketConfigPrefix(kBucket);
  EXPECT_EQ(prefix, std::string("Cphotos\0", 8));
  storage::WriteBatch batch;
  batch.DeleteRange(ns_, prefix, prefix + '\xff');
  ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  EXPECT_EQ(AwsCode(Invoke("GetBucketTagging", {})), "NoSuchTagSet");
  EXPECT_EQ(ReadVersioning(*store_, ns_, kBucket).value(), VersioningState::kUnversioned);
  // A bucket whose name extends another's keeps its own configuration apart.
  EXPECT_NE(BucketConfigKey("photo", "tagging").substr(0, prefix.size()), prefix);
}

}  // namespace
}  // namespace skybox::s3
