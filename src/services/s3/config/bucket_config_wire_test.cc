// The configuration operations behind S3's real wire format: requests decoded and responses
// encoded by the rest-xml codec with the S3 model, as SDKs will see them.
#include <gtest/gtest.h>

#include <future>

#include "aws/protocol/codec.h"
#include "aws/protocol/test_util.h"
#include "services/s3/config/bucket_config_ops.h"

namespace skybox::s3 {
namespace {

using aws::testing::MakeRequest;

class BucketConfigWireTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(storage::Store::Open({.ephemeral = true})).value();
    RegisterBucketConfigOperations(service_, {.store = store_.get(), .ns = store_->OpenNamespace("s3").value(),
                                              .require_bucket = [](std::string_view) { return Status::Ok(); }});
  }

  // `operation` names the operation instead of resolving it from the request: the model
  // (stripped of its "deprecated" flags) also matches ?lifecycle and ?notification to the
  // deprecated GetBucketLifecycle / PutBucketNotification ..., which routing must not pick.
  net::HttpResponse Send(std::string method, std::string target, std::vector<std::pair<std::string, std::string>> headers = {},
                         std::string body = "", std::string_view operation = "") {
    const aws::ServiceModel& model = aws::testing::Model("s3");
    const aws::ProtocolCodec& codec = aws::ProtocolCodec::For(model);
    net::HttpRequest request = MakeRequest(method, std::move(target), std::move(headers), std::move(body));
    aws::RequestContext context{.request_id = "req", .method = method};
    Result<const aws::OperationModel*> op =
        operation.empty() ? codec.ResolveOperation(model, request) : model.FindOperation(operation);
    if (!op.ok()) return codec.EncodeError(model, op.status(), context);
    auto input = codec.DecodeInput(model, **op, request);
    if (!input.ok()) return codec.EncodeError(model, input.status(), context);
    const aws::OperationHandler* handler = service_.Find((*op)->name);
    if (handler == nullptr) return codec.EncodeError(model, Unimplemented((*op)->name), context);
    aws::Call call{.operation = (*op)->name, .input = std::move(*input)};
    call.caller.account_id = "000000000000";
    std::promise<Result<aws::Document>> promise;
    (*handler)(std::move(call), [&promise](Result<aws::Document> r) { promise.set_value(std::move(r)); });
    Result<aws::Document> out = promise.get_future().get();
    if (!out.ok()) return codec.EncodeError(model, out.status(), context);
    return codec.EncodeOutput(model, **op, *out, context);
  }

  std::unique_ptr<storage::Store> store_;
  aws::Service service_{"s3"};
};

constexpr std::string_view kNs = R"( xmlns="http://s3.amazonaws.com/doc/2006-03-01/")";

TEST_F(BucketConfigWireTest, TaggingXmlRoundTrips) {
  const std::string body = std::string("<Tagging") + std::string(kNs) +
                           "><TagSet><Tag><Key>team</Key><Value>web</Value></Tag></TagSet></Tagging>";
  EXPECT_EQ(Send("PUT", "/photos?tagging", {}, body).status, 200);  // the model's code; S3 sends 204
  net::HttpResponse got = Send("GET", "/photos?tagging");
  EXPECT_EQ(got.status, 200);
  EXPECT_NE(got.body.find("<Tagging" + std::string(kNs) + "><TagSet><Tag><Key>team</Key><Value>web</Value></Tag>"),
            std::string::npos)
      << got.body;
  EXPECT_EQ(Send("DELETE", "/photos?tagging").status, 204);
  got = Send("GET", "/photos?tagging");
  EXPECT_EQ(got.status, 404);
  EXPECT_NE(got.body.find("<Code>NoSuchTagSet</Code>"), std::string::npos);
}

TEST_F(BucketConfigWireTest, CannedAclHeaderAndAccessControlPolicyOutput) {
  EXPECT_EQ(Send("PUT", "/photos?acl", {{"x-amz-acl", "public-read"}}).status, 200);
  net::HttpResponse got = Send("GET", "/photos?acl");
  EXPECT_EQ(got.status, 200);
  EXPECT_NE(got.body.find("<AccessControlPolicy"), std::string::npos) << got.body;
  EXPECT_NE(got.body.find("<DisplayName>webfile</DisplayName>"), std::string::npos);
  EXPECT_NE(got.body.find("xsi:type=\"Group\""), std::string::npos) << got.body;
  EXPECT_NE(got.body.find("<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI>"), std::string::npos);
}

TEST_F(BucketConfigWireTest, PolicyIsARawJsonBody) {
  const std::string policy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::photos"}]})";
  EXPECT_EQ(Send("PUT", "/photos?policy", {}, policy).status, 200);
  EXPECT_EQ(Send("GET", "/photos?policy").body, policy);
  net::HttpResponse bad = Send("PUT", "/photos?policy", {}, "nope");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("<Code>MalformedPolicy</Code>"), std::string::npos);
}

TEST_F(BucketConfigWireTest, DefaultsAndLifecycleDates) {
  net::HttpResponse sse = Send("GET", "/photos?encryption");
  EXPECT_EQ(sse.status, 200);
  EXPECT_NE(sse.body.find("<SSEAlgorithm>AES256</SSEAlgorithm>"), std::string::npos) << sse.body;
  EXPECT_EQ(Send("GET", "/photos?versioning").status, 200);
  EXPECT_EQ(Send("GET", "/photos?cors").status, 404);

  const std::string lifecycle =
      std::string("<LifecycleConfiguration") + std::string(kNs) +
      "><Rule><ID>old</ID><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status>"
      "<Expiration><Date>2027-01-01T00:00:00Z</Date></Expiration></Rule></LifecycleConfiguration>";
  EXPECT_EQ(Send("PUT", "/photos?lifecycle", {}, lifecycle, "PutBucketLifecycleConfiguration").status, 200);
  net::HttpResponse got = Send("GET", "/photos?lifecycle", {}, "", "GetBucketLifecycleConfiguration");
  EXPECT_NE(got.body.find("<Date>2027-01-01T00:00:00"), std::string::npos) << got.body;
  EXPECT_NE(got.body.find("<ID>old</ID><Filter><Prefix>tmp/</Prefix></Filter>"), std::string::npos) << got.body;

  const std::string versioning = std::string("<VersioningConfiguration") + std::string(kNs) +
                                 "><Status>Enabled</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>";
  EXPECT_EQ(Send("PUT", "/photos?versioning", {}, versioning).status, 200);
  got = Send("GET", "/photos?versioning");
  EXPECT_NE(got.body.find("<Status>Enabled</Status><MfaDelete>Disabled</MfaDelete>"), std::string::npos) << got.body;
}

}  // namespace
}  // namespace skybox::s3
