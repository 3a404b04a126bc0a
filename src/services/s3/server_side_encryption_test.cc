#include "services/s3/server_side_encryption.h"

#include <gtest/gtest.h>

#include "base/crypto.h"

namespace skybox::s3 {
namespace {

const KmsScope kScope{"123456789012", "eu-west-1"};

std::string KeyBytes(char fill) { return std::string(32, fill); }

aws::Document CustomerKeyInput(const std::string& raw, const std::string& prefix = "SSECustomer") {
  return {{prefix + "Algorithm", "AES256"},
          {prefix + "Key", Base64Encode(raw)},
          {prefix + "KeyMD5", Base64Encode(AsBytes(Md5(raw)))}};
}

std::string Message(const Status& st) { return std::string(st.message()); }

TEST(ServerSideEncryptionTest, NoHeadersAndNoDefaultIsSseS3) {
  auto d = DecideEncryption(aws::Document::object(), std::nullopt, kScope);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->stored.algorithm, "AES256");
  EXPECT_TRUE(d->stored.is_default());
  aws::Document out;
  AddEncryptionOutput(d->stored, d->customer_key, out);
  EXPECT_EQ(out, (aws::Document{{"ServerSideEncryption", "AES256"}}));
}

TEST(ServerSideEncryptionTest, KmsKeyIdsAreReportedAsArns) {
  auto named = DecideEncryption({{"ServerSideEncryption", "aws:kms"}, {"SSEKMSKeyId", "abc"},
                                 {"BucketKeyEnabled", true}}, std::nullopt, kScope);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->stored.kms_key_id, "arn:aws:kms:eu-west-1:123456789012:key/abc");
  EXPECT_TRUE(named->stored.bucket_key_enabled);
  auto managed = DecideEncryption({{"ServerSideEncryption", "aws:kms"}}, std::nullopt, kScope);
  ASSERT_TRUE(managed.ok());
  EXPECT_TRUE(managed->stored.kms_key_id.starts_with("arn:aws:kms:eu-west-1:123456789012:key/"));
  EXPECT_EQ(managed->stored.kms_key_id.size(), std::string("arn:aws:kms:eu-west-1:123456789012:key/").size() + 36);
  // DSSE has no Bucket Keys.
  auto dsse = DecideEncryption({{"ServerSideEncryption", "aws:kms:dsse"}, {"BucketKeyEnabled", true}}, std::nullopt,
                               kScope);
  ASSERT_TRUE(dsse.ok());
  EXPECT_FALSE(dsse->stored.bucket_key_enabled);
}

TEST(ServerSideEncryptionTest, KmsEncryptionContextIsCheckedKeptAndReported) {
  const std::string context = Base64Encode(R"({"team":"payments","env":"prod"})");
  auto d = DecideEncryption({{"ServerSideEncryption", "aws:kms"}, {"SSEKMSEncryptionContext", context}},
                            std::nullopt, kScope);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->stored.kms_context, context);
  aws::Document out;
  AddEncryptionOutput(d->stored, std::nullopt, out);
  EXPECT_EQ(out["SSEKMSEncryptionContext"], context);
  for (const std::string& bad : {std::string("not base64!"), Base64Encode("[1,2]"), Base64Encode(R"({"n":1})"),
                                 Base64Encode("{\"k\":"), Base64Encode("\xff\xfe")}) {
    auto refused = DecideEncryption({{"ServerSideEncryption", "aws:kms"}, {"SSEKMSEncryptionContext", bad}},
                                    std::nullopt, kScope);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().aws_code(), "InvalidArgument") << bad;
    EXPECT_NE(Message(refused.status()).find("x-amz-server-side-encryption-context"), std::string::npos);
  }
  // Without aws:kms the context is refused as before.
  EXPECT_FALSE(DecideEncryption({{"SSEKMSEncryptionContext", context}}, std::nullopt, kScope).ok());
}

TEST(ServerSideEncryptionTest, BucketDefaultAppliesWhenTheRequestNamesNone) {
  const aws::Document config = {
      {"Rules", aws::Document::array({{{"ApplyServerSideEncryptionByDefault",
                                        {{"SSEAlgorithm", "aws:kms"}, {"KMSMasterKeyID", "alias/team"}}},
                                       {"BucketKeyEnabled", true}}})}};
  auto d = DecideEncryption(aws::Document::object(), config, kScope);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->stored.algorithm, "aws:kms");
  EXPECT_EQ(d->stored.kms_key_id, "arn:aws:kms:eu-west-1:123456789012:alias/team");
  EXPECT_TRUE(d->stored.bucket_key_enabled);
  aws::Document out;
  AddEncryptionOutput(d->stored, std::nullopt, out);
  EXPECT_EQ(out["SSEKMSKeyId"], "arn:aws:kms:eu-west-1:123456789012:alias/team");
  EXPECT_EQ(out["BucketKeyEnabled"], true);
  // The request's own choice wins over the default.
  auto s3 = DecideEncryption({{"ServerSideEncryption", "AES256"}}, config, kScope);
  ASSERT_TRUE(s3.ok());
  EXPECT_TRUE(s3->stored.is_default());
}

// A bucket configuration that unblocks SSE-C (a bucket without one blocks it, as S3's since April 2026).
const std::optional<aws::Document> kAllowsCustomerKeys =
    aws::Document{{"Rules", aws::Document::array({{{"BlockedEncryptionTypes", {{"EncryptionType", {"NONE"}}}}}})}};

TEST(ServerSideEncryptionTest, CustomerKeysAreRefusedWhereTheBucketBlocksThem) {
  auto refused = [](const std::optional<aws::Document>& config) {
    auto d = DecideEncryption(CustomerKeyInput(KeyBytes('k')), config, kScope);
    return !d.ok() && d.status().aws_code() == "AccessDenied" && d.status().http_status() == 403;
  };
  EXPECT_TRUE(refused(std::nullopt));  // no configuration: S3's default blocks SSE-C
  EXPECT_TRUE(refused(aws::Document{{"Rules", aws::Document::array({{{"BlockedEncryptionTypes", {{"EncryptionType", {"SSE-C"}}}}}})}}));
  EXPECT_FALSE(refused(kAllowsCustomerKeys));
  EXPECT_FALSE(refused(aws::Document{{"Rules", aws::Document::array({{{"BucketKeyEnabled", false}}})}}));
  // Refused before the key is judged: a malformed key is still AccessDenied.
  EXPECT_EQ(DecideEncryption(CustomerKeyInput("short"), std::nullopt, kScope).status().aws_code(), "AccessDenied");
  // Writes without SSE-C are not affected.
  EXPECT_TRUE(DecideEncryption(aws::Document::object(), std::nullopt, kScope).ok());
}

TEST(ServerSideEncryptionTest, BadCombinationsAreInvalidArgument) {
  auto unknown = DecideEncryption({{"ServerSideEncryption", "AES128"}}, std::nullopt, kScope);
  EXPECT_EQ(unknown.status().aws_code(), "InvalidArgument");
  EXPECT_EQ(Message(unknown.status()), "The encryption method specified is not supported");
  aws::Document both = CustomerKeyInput(KeyBytes('k'));
  both["ServerSideEncryption"] = "AES256";
  auto mixed = DecideEncryption(both, kAllowsCustomerKeys, kScope);
  EXPECT_EQ(Message(mixed.status()),
            "Server Side Encryption with Customer provided key is incompatible with the encryption method specified");
  auto key_without_kms = DecideEncryption({{"ServerSideEncryption", "AES256"}, {"SSEKMSKeyId", "k"}}, std::nullopt,
                                          kScope);
  EXPECT_EQ(Message(key_without_kms.status()),
            "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : "
            "aws:kms");
}

TEST(ServerSideEncryptionTest, CustomerKeyValidation) {
  aws::Document no_algorithm = CustomerKeyInput(KeyBytes('k'));
  no_algorithm.erase("SSECustomerAlgorithm");
  EXPECT_EQ(Message(ReadCustomerKey(no_algorithm, CustomerKeyOf::kTarget).status()),
            "Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption "
            "algorithm.");
  aws::Document bad_algorithm = CustomerKeyInput(KeyBytes('k'));
  bad_algorithm["SSECustomerAlgorithm"] = "AES128";
  EXPECT_EQ(ReadCustomerKey(bad_algorithm, CustomerKeyOf::kTarget).status().aws_code(),
            "InvalidEncryptionAlgorithmError");
  aws::Document bad_md5 = CustomerKeyInput(KeyBytes('k'));
  bad_md5["SSECustomerKeyMD5"] = Base64Encode(AsBytes(Md5("other")));
  EXPECT_EQ(Message(ReadCustomerKey(bad_md5, CustomerKeyOf::kTarget).status()),
            "The calculated MD5 hash of the key did not match the hash that was provided.");
  EXPECT_EQ(Message(ReadCustomerKey(CustomerKeyInput("short"), CustomerKeyOf::kTarget).status()),
            "The secret key was invalid for the specified algorithm.");
  aws::Document no_md5 = CustomerKeyInput(KeyBytes('k'));
  no_md5.erase("SSECustomerKeyMD5");
  EXPECT_EQ(Message(ReadCustomerKey(no_md5, CustomerKeyOf::kTarget).status()),
            "Requests specifying Server Side Encryption with Customer provided keys must provide the client "
            "calculated MD5 of the secret key.");
  auto copy_source = ReadCustomerKey(CustomerKeyInput(KeyBytes('c'), "CopySourceSSECustomer"), CustomerKeyOf::kCopySource);
  ASSERT_TRUE(copy_source.ok());
  ASSERT_TRUE(copy_source->has_value());
  EXPECT_EQ((*copy_source)->key, KeyBytes('c'));
  EXPECT_FALSE(ReadCustomerKey(CustomerKeyInput(KeyBytes('c')), CustomerKeyOf::kCopySource)->has_value());
}

TEST(ServerSideEncryptionTest, CustomerKeyIsRecordedAsASaltedHmacOnly) {
  auto d = DecideEncryption(CustomerKeyInput(KeyBytes('k')), kAllowsCustomerKeys, kScope);
  ASSERT_TRUE(d.ok());
  const StoredEncryption& e = d->stored;
  EXPECT_TRUE(e.is_customer());
  EXPECT_TRUE(e.algorithm.empty());
  EXPECT_EQ(e.customer_key_salt.size(), 16u);
  EXPECT_EQ(e.customer_key_hmac.size(), 32u);
  // Neither the key nor its base64 form is anywhere in the stored version record.
  ObjectVersion version;
  version.version_id = "null";
  version.encryption = e;
  const std::string record = EncodeVersion(version);
  EXPECT_EQ(record.find(KeyBytes('k')), std::string::npos);
  EXPECT_EQ(record.find(Base64Encode(KeyBytes('k'))), std::string::npos);
  EXPECT_NE(record.find(e.customer_key_hmac), std::string::npos);  // what is kept instead
  // Two versions with the same key get different salts, so their records differ.
  EXPECT_NE(NewCustomerEncryption(*d->customer_key).customer_key_salt, e.customer_key_salt);
  aws::Document out;
  AddEncryptionOutput(e, d->customer_key, out);
  EXPECT_EQ(out, (aws::Document{{"SSECustomerAlgorithm", "AES256"},
                                {"SSECustomerKeyMD5", Base64Encode(AsBytes(Md5(KeyBytes('k'))))}}));
}

TEST(ServerSideEncryptionTest, ReadsOfCustomerEncryptedObjectsNeedTheKey) {
  CustomerKey right{KeyBytes('k'), ""}, wrong{KeyBytes('w'), ""};
  StoredEncryption sse_c = NewCustomerEncryption(right);
  EXPECT_TRUE(CheckCustomerKeyForRead(sse_c, right).ok());
  Status missing = CheckCustomerKeyForRead(sse_c, std::nullopt);
  EXPECT_EQ(missing.http_status(), 400);
  EXPECT_EQ(missing.aws_code(), "InvalidRequest");
  Status other = CheckCustomerKeyForRead(sse_c, wrong);
  EXPECT_EQ(other.http_status(), 403);
  EXPECT_EQ(other.aws_code(), "AccessDenied");
  EXPECT_EQ(Message(CheckCustomerKeyForRead(StoredEncryption{}, right)),
            "The encryption parameters are not applicable to this object.");
  EXPECT_TRUE(CheckCustomerKeyForRead(StoredEncryption{}, std::nullopt).ok());
}

TEST(ServerSideEncryptionTest, PartsMustRepeatTheUploadsKey) {
  CustomerKey right{KeyBytes('k'), ""}, wrong{KeyBytes('w'), ""};
  StoredEncryption upload = NewCustomerEncryption(right);
  EXPECT_TRUE(CheckCustomerKeyForPart(upload, right).ok());
  EXPECT_EQ(Message(CheckCustomerKeyForPart(upload, wrong)),
            "The provided encryption parameters did not match the ones used originally.");
  EXPECT_EQ(CheckCustomerKeyForPart(upload, std::nullopt).aws_code(), "InvalidRequest");
  EXPECT_EQ(CheckCustomerKeyForPart(StoredEncryption{}, right).aws_code(), "InvalidRequest");
  EXPECT_TRUE(CheckCustomerKeyForPart(StoredEncryption{}, std::nullopt).ok());
}

}  // namespace
}  // namespace skybox::s3
