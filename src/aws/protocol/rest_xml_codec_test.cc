#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "aws/protocol/codec.h"
#include "aws/protocol/test_util.h"

namespace skybox::aws {
namespace {

using testing::HeaderOf;
using testing::MakeRequest;

class RestXmlCodecTest : public ::testing::Test {
 protected:
  std::string Resolve(net::HttpRequest r) {
    auto op = codec_.ResolveOperation(s3_, r);
    return op.ok() ? (*op)->name : "error:" + op.status().aws_code();
  }
  const ServiceModel& s3_ = testing::Model("s3");
  const ProtocolCodec& codec_ = ProtocolCodec::For(s3_);
};

TEST_F(RestXmlCodecTest, ResolvesTheMostSpecificOperation) {
  EXPECT_EQ(Resolve(MakeRequest("GET", "/")), "ListBuckets");
  EXPECT_EQ(Resolve(MakeRequest("GET", "/b")), "ListObjects");
  EXPECT_EQ(Resolve(MakeRequest("GET", "/b/")), "ListObjects");
  EXPECT_EQ(Resolve(MakeRequest("GET", "/b?list-type=2&prefix=x")), "ListObjectsV2");
  EXPECT_EQ(Resolve(MakeRequest("GET", "/b?location")), "GetBucketLocation");
  EXPECT_EQ(Resolve(MakeRequest("PUT", "/b")), "CreateBucket");
  EXPECT_EQ(Resolve(MakeRequest("DELETE", "/b")), "DeleteBucket");
  EXPECT_EQ(Resolve(MakeRequest("HEAD", "/b/k")), "HeadObject");
  EXPECT_EQ(Resolve(MakeRequest("PUT", "/b/dir/k")), "PutObject");
  EXPECT_EQ(Resolve(MakeRequest("PUT", "/b/k", {{"x-amz-copy-source", "a/b"}})), "CopyObject");
  EXPECT_EQ(Resolve(MakeRequest("PUT", "/b/k?partNumber=1&uploadId=u")), "UploadPart");
  EXPECT_EQ(Resolve(MakeRequest("PUT", "/b/k?partNumber=1&uploadId=u", {{"x-amz-copy-source", "a/b"}})),
            "UploadPartCopy");
  EXPECT_EQ(Resolve(MakeRequest("POST", "/b/k?uploads")), "CreateMultipartUpload");
  EXPECT_EQ(Resolve(MakeRequest("POST", "/b/k?uploadId=u")), "CompleteMultipartUpload");
  EXPECT_EQ(Resolve(MakeRequest("GET", "/b/k?uploadId=u")), "ListParts");
  EXPECT_EQ(Resolve(MakeRequest("GET", "/b/k")), "GetObject");
  // A query literal names its operation even without the header the operation requires.
  EXPECT_EQ(Resolve(MakeRequest("GET", "/b/k?attributes", {{"x-amz-object-attributes", "ETag"}})),
            "GetObjectAttributes");
  EXPECT_EQ(Resolve(MakeRequest("GET", "/b/k?attributes")), "GetObjectAttributes");
  EXPECT_EQ(Resolve(MakeRequest("DELETE", "/b/k?uploadId=u")), "AbortMultipartUpload");
  EXPECT_EQ(Resolve(MakeRequest("PATCH", "/b")), "error:MethodNotAllowed");
}

TEST_F(RestXmlCodecTest, DecodesLabelsHeadersAndRawBody) {
  auto r = MakeRequest("PUT", "/bkt/a%2Fb/c%20d?versionId=1",
                       {{"x-amz-meta-Color", "blue"}, {"Content-Type", "text/plain"}, {"Content-Length", "5"}},
                       "hello");
  auto in = codec_.DecodeInput(s3_, *s3_.FindOperation("PutObject"), r);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ((*in)["Bucket"], "bkt");
  EXPECT_EQ((*in)["Key"], "a/b/c d");
  EXPECT_EQ((*in)["Metadata"], Document({{"color", "blue"}}));
  EXPECT_EQ((*in)["ContentType"], "text/plain");
  EXPECT_EQ((*in)["ContentLength"], 5);
  EXPECT_EQ((*in)["Body"], Document::binary({'h', 'e', 'l', 'l', 'o'}));
}

TEST_F(RestXmlCodecTest, IgnoresInvalidConditionalDates) {
  auto get = codec_.DecodeInput(s3_, *s3_.FindOperation("GetObject"),
                                MakeRequest("GET", "/b/k", {{"If-Modified-Since", "garbage"},
                                                            {"If-Unmodified-Since", "Mon, 32 Foo 2020"}}));
  ASSERT_TRUE(get.ok()) << get.status().ToString();
  EXPECT_FALSE(get->contains("IfModifiedSince"));
  EXPECT_FALSE(get->contains("IfUnmodifiedSince"));
  auto valid = codec_.DecodeInput(s3_, *s3_.FindOperation("GetObject"),
                                  MakeRequest("GET", "/b/k", {{"If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}}));
  ASSERT_TRUE(valid.ok()) << valid.status().ToString();
  EXPECT_TRUE(valid->contains("IfModifiedSince"));
  auto copy = codec_.DecodeInput(s3_, *s3_.FindOperation("CopyObject"),
                                 MakeRequest("PUT", "/b/k", {{"x-amz-copy-source", "a/b"},
                                                             {"x-amz-copy-source-if-modified-since", "garbage"},
                                                             {"x-amz-copy-source-if-unmodified-since", "x"}}));
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  // Other timestamps still have to parse.
  auto retain = codec_.DecodeInput(s3_, *s3_.FindOperation("PutObject"),
                                    MakeRequest("PUT", "/b/k", {{"x-amz-object-lock-retain-until-date", "garbage"}}));
  EXPECT_FALSE(retain.ok());
}

TEST_F(RestXmlCodecTest, MalformedXml) {
  const OperationModel& op = *s3_.FindOperation("CompleteMultipartUpload");
  std::string bomb;
  for (int i = 0; i < 10000; ++i) bomb += "<a>";
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaa\">]><CompleteMultipartUpload>"
                       "<Part><ETag>&a;</ETag></Part></CompleteMultipartUpload>";
  for (const std::string& body : {std::string("<CompleteMultipartUpload><Part>"), bomb, laughs,
                                  std::string("<CompleteMultipartUpload><Part><PartNumber>x</PartNumber>"
                                              "</Part></CompleteMultipartUpload>"),
                                  // another root element than the model's, a member given twice
                                  std::string("<Complete><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part>"
                                              "</Complete>"),
                                  std::string("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>"
                                              "<PartNumber>2</PartNumber><ETag>e</ETag></Part>"
                                              "</CompleteMultipartUpload>")}) {
    auto in = codec_.DecodeInput(s3_, op, MakeRequest("POST", "/b/k?uploadId=u", {}, body));
    ASSERT_FALSE(in.ok());
    EXPECT_EQ(in.status().aws_code(), "MalformedXML");
    EXPECT_EQ(in.status().message(),
              "The XML you provided was not well-formed or did not validate against our published schema");
  }
  const OperationModel& del = *s3_.FindOperation("DeleteObjects");
  auto missing = codec_.DecodeInput(s3_, del, MakeRequest("POST", "/b?delete"));
  EXPECT_EQ(missing.status().aws_code(), "MalformedXML");
  auto no_objects = codec_.DecodeInput(s3_, del, MakeRequest("POST", "/b?delete", {}, "<Delete><Quiet>true</Quiet></Delete>"));
  EXPECT_EQ(no_objects.status().aws_code(), "MalformedXML");
  // A flattened list repeats its element; a namespace prefix on the root is fine.
  auto two = codec_.DecodeInput(s3_, del, MakeRequest("POST", "/b?delete", {},
                                                      "<s3:Delete xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                                      "<Object><Key>a</Key></Object><Object><Key>b</Key></Object>"
                                                      "</s3:Delete>"));
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ((*two)["Delete"]["Objects"].size(), 2u);
}

TEST_F(RestXmlCodecTest, MissingOrBlankRequiredHeaderHasS3sAnswer) {
  const OperationModel& op = *s3_.FindOperation("GetObjectAttributes");
  for (const auto& headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {}, {{"x-amz-object-attributes", ""}}, {{"x-amz-object-attributes", " , "}}}) {
    auto in = codec_.DecodeInput(s3_, op, MakeRequest("GET", "/b/k?attributes", headers));
    ASSERT_FALSE(in.ok());
    EXPECT_EQ(in.status().aws_code(), "InvalidRequest");
    EXPECT_EQ(in.status().message(),
              "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty");
  }
  auto named = codec_.DecodeInput(s3_, op, MakeRequest("GET", "/b/k?attributes", {{"x-amz-object-attributes", "ETag"}}));
  ASSERT_TRUE(named.ok()) << named.status().message();
  EXPECT_EQ((*named)["ObjectAttributes"], Document::parse(R"(["ETag"])"));
}

TEST_F(RestXmlCodecTest, ErrorsAndHeadErrors) {
  Status st = Status::Aws(StatusCode::kNotFound, 404, "NoSuchKey", "The specified key does not exist.");
  net::HttpResponse resp = codec_.EncodeError(s3_, st, {.request_id = "R1"});
  EXPECT_EQ(resp.status, 404);
  EXPECT_EQ(resp.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The "
            "specified key does not exist.</Message><RequestId>R1</RequestId><HostId>UjE=</HostId></Error>");
  EXPECT_EQ(HeaderOf(resp, "x-amz-request-id"), "R1");
  EXPECT_EQ(HeaderOf(resp, "x-amz-id-2"), "UjE=");
  net::HttpResponse head = codec_.EncodeError(s3_, st, {.request_id = "R1", .method = "HEAD"});
  EXPECT_EQ(head.status, 404);
  EXPECT_TRUE(head.body.empty());
}

TEST_F(RestXmlCodecTest, EncodesHeadersAndXmlBodies) {
  net::HttpResponse head = codec_.EncodeOutput(
      s3_, *s3_.FindOperation("HeadObject"),
      Document{{"ContentLength", 11}, {"LastModified", 1714979289}, {"Metadata", {{"color", "blue"}}}}, {});
  EXPECT_EQ(HeaderOf(head, "Content-Length"), "11");
  EXPECT_EQ(HeaderOf(head, "Last-Modified"), "Mon, 06 May 2024 07:08:09 GMT");
  EXPECT_EQ(HeaderOf(head, "x-amz-meta-color"), "blue");
  EXPECT_TRUE(head.body.empty());

  net::HttpResponse loc = codec_.EncodeOutput(s3_, *s3_.FindOperation("GetBucketLocation"),
                                              Document{{"LocationConstraint", "eu-west-1"}}, {});
  EXPECT_EQ(loc.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint "
            "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>");

  net::HttpResponse acl = codec_.EncodeOutput(
      s3_, *s3_.FindOperation("GetBucketAcl"),
      Document::parse(R"({"Grants":[{"Grantee":{"ID":"o","Type":"CanonicalUser"},"Permission":"READ"}]})"), {});
  EXPECT_NE(acl.body.find("<AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/"
                          "XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>o</ID></Grantee>"),
            std::string::npos)
      << acl.body;

  net::HttpResponse del = codec_.EncodeOutput(s3_, *s3_.FindOperation("DeleteObject"), Document::object(), {});
  EXPECT_EQ(del.status, 204);
  EXPECT_TRUE(del.body.empty());  // no member of its output goes in a body
}

TEST_F(RestXmlCodecTest, KeysWithControlCharactersAreCharacterReferences) {
  // As S3 writes them: a control character as a reference, DEL and tab as they are, CR as
  // &#13; (a parser would fold a raw one), bad UTF-8 as U+FFFD.
  Document keys = Document::parse(R"({"Contents":[{"Key":"a"}]})");
  keys["Contents"][0]["Key"] = std::string("c\x01\x1f\x7f\t\r\xff>");
  net::HttpResponse r = codec_.EncodeOutput(s3_, *s3_.FindOperation("ListObjectsV2"), keys, {});
  EXPECT_NE(r.body.find("<Key>c&#x1;&#x1F;\x7f\t&#13;\xEF\xBF\xBD&gt;</Key>"), std::string::npos) << r.body;
}

TEST_F(RestXmlCodecTest, OutputWithNothingToSayIsAnEmptyRootElement) {
  const std::string ns = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>";
  for (const auto& [operation, root] : std::vector<std::pair<std::string, std::string>>{
           {"GetBucketVersioning", "VersioningConfiguration"},
           {"GetBucketLogging", "BucketLoggingStatus"},
           {"GetBucketAccelerateConfiguration", "AccelerateConfiguration"},
           {"GetBucketNotificationConfiguration", "NotificationConfiguration"},
           {"GetBucketLocation", "LocationConstraint"},
           {"DeleteObjects", "DeleteResult"}}) {
    net::HttpResponse r = codec_.EncodeOutput(s3_, *s3_.FindOperation(operation), Document::object(), {});
    EXPECT_EQ(r.body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + ns) << operation;
    EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/xml") << operation;
  }
}

TEST_F(RestXmlCodecTest, RootElementsAreS3sNotTheOperationsNames) {
  for (const auto& [operation, root] : std::vector<std::pair<std::string, std::string>>{
           {"GetBucketRequestPayment", "RequestPaymentConfiguration"},
           {"ListBucketAnalyticsConfigurations", "ListBucketAnalyticsConfigurationResult"},
           {"ListBucketInventoryConfigurations", "ListInventoryConfigurationsResult"},
           {"ListBucketMetricsConfigurations", "ListMetricsConfigurationsResult"},
           {"ListBucketIntelligentTieringConfigurations", "ListBucketIntelligentTieringConfigurationsOutput"}}) {
    net::HttpResponse r = codec_.EncodeOutput(s3_, *s3_.FindOperation(operation),
                                              Document{{"IsTruncated", false}, {"Payer", "BucketOwner"}}, {});
    EXPECT_TRUE(r.body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " xmlns=")) << r.body;
    EXPECT_TRUE(r.body.ends_with("</" + root + ">")) << r.body;
  }
}

}  // namespace
}  // namespace skybox::aws
